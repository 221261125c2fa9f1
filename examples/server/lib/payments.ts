// Payment provider clients (Stripe and the CodePay gateway) shared by the routes.
import https from 'node:https';
import Stripe from 'stripe';
import { CodePayClient } from '@codepay/node-sdk';

// BAD (hardcoded-secret): a live Stripe secret key committed with the code.
export const legacyStripe = new Stripe('sk_live_mRa6lNab7dtDrkuyioJ0zday', { apiVersion: '2024-06-20' });

// GOOD: the secret key comes from the environment (injected by the secret manager).
export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '', { apiVersion: '2024-06-20' });

// codepay-guard-disable-next-line hardcoded-secret -- stripe-mock accepts any key; this one belongs to no account
export const stripeMock = new Stripe('sk_test_T2N8qIKNdnaNwmlTs37AxPSC', { host: 'localhost', port: 12111, protocol: 'http' });

// BAD (insecure-transport): the gateway is called over plain HTTP, so orders and signatures travel in clear.
const CODEPAY_LEGACY_BASE = 'http://gateway.codepay.com/v2';

// GOOD: HTTPS in production; plain HTTP only to the local sandbox mock.
const CODEPAY_BASE = process.env.NODE_ENV === 'production' ? 'https://gateway.codepay.com/v3' : 'http://localhost:4010/v3';

// BAD (insecure-transport): certificate verification switched off "because staging had a self-signed cert".
const insecureAgent = new https.Agent({ rejectUnauthorized: false });

// GOOD: verification on, TLS 1.2 minimum.
const gatewayAgent = new https.Agent({ keepAlive: true, minVersion: 'TLSv1.2' });

export const codepayLegacy = new CodePayClient({
  baseUrl: CODEPAY_LEGACY_BASE,
  merchantId: 'M100482913',
  // BAD (hardcoded-secret): the CodePay merchant signing key in source.
  merchantKey: 'mfKsQPYfbvpFuYwhHMWCzQ1dLTYbJnCY',
  httpsAgent: insecureAgent,
});

// GOOD: merchant id is not a secret; the signing key is read at run time.
export const codepay = new CodePayClient({
  baseUrl: CODEPAY_BASE,
  merchantId: 'M100482913',
  merchantKey: process.env.CODEPAY_MERCHANT_KEY ?? '',
  httpsAgent: gatewayAgent,
});

// GOOD: Math.random() for retry jitter is fine; nothing secret is derived from it.
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 2 ** attempt * 250 * (0.5 + Math.random()));
}
