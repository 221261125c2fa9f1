// Bot check for campaign endpoints: verifies the captcha token sent by the front end with the provider.
import type { NextFunction, Request, Response } from 'express';

const VERIFY_URL = 'https://hcaptcha.com/siteverify';

export async function verifyCaptcha(req: Request, res: Response, next: NextFunction) {
  const token = String(req.get('x-captcha-token') ?? '');
  if (!token) return res.status(400).json({ error: 'captcha required' });
  const response = await fetch(VERIFY_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ secret: process.env.HCAPTCHA_SECRET ?? '', response: token }),
  });
  const result = (await response.json()) as { success: boolean };
  if (!result.success) return res.status(403).json({ error: 'captcha failed' });
  next();
}
