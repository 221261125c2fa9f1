// Session authentication and role checks for the shop API and the back office.
import type { NextFunction, Request, Response } from 'express';
import { verifySessionToken } from '../lib/sessions';

export async function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.get('authorization') ?? '';
  const session = header.startsWith('Bearer ') ? await verifySessionToken(header.slice(7)) : undefined;
  if (!session) return res.status(401).json({ error: 'sign in first' });
  req.user = session.user;
  next();
}

export function requireRole(role: 'admin' | 'support' | 'finance') {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user?.roles.includes(role)) return res.status(403).json({ error: `needs role ${role}` });
    next();
  };
}
