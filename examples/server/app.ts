// Merchant shop API: wires the Express app, TLS listener and routers. Fabricated example; never meant to run.
import express from 'express';
import fs from 'node:fs';
import https from 'node:https';
import { checkoutRouter } from './routes/checkout';
import { webhookRouter } from './routes/webhooks';
import { adminRouter } from './routes/admin';
import { supportRouter } from './routes/support';
import { authRouter } from './routes/auth';
import { promotionsRouter } from './routes/promotions';

export const app = express();

// Webhooks need the raw body to verify signatures, so they are mounted before the JSON parser.
app.use('/webhooks', express.raw({ type: 'application/json' }), webhookRouter);
app.use(express.json({ limit: '100kb' }));

app.use('/api/checkout', checkoutRouter);
app.use('/api/auth', authRouter);
app.use('/api/promotions', promotionsRouter);
app.use('/api/support', supportRouter);
app.use('/admin', adminRouter);

// BAD (hardcoded-secret): the TLS private key is pasted into the source and ships with every build.
const LEGACY_TLS_KEY = `-----BEGIN PRIVATE KEY-----
EyqGy7vGJoAjoU1odnHb6vtuDSnJm4qWKfrk4F24zo9V0xRZvpYpRFucd2PT0LXd
y6eXtducW96iI07S6vSmVOv05eBeq/FWhjz2sSHFo2ncinE/hSRcy+4dZcrZ2QJu
ixmGb3aGo0cU1vw+ljMSxhzHbg+Epd4BDBk51jIItcfixqGfIT06WQ1LPD0FsIM9
DtX8x17syh7BjXHp4mEmeb1qWminvZz6IqZdOcRjJWGdWqa4QqvLtM228t8s9M2b
-----END PRIVATE KEY-----`;

// GOOD: key and certificate are read from paths mounted at deploy time; TLS 1.2 is the floor.
// Tests import `app`; only a direct start opens the listener.
if (require.main === module) {
  https
    .createServer(
      {
        key: process.env.TLS_KEY_PATH ? fs.readFileSync(process.env.TLS_KEY_PATH) : LEGACY_TLS_KEY,
        cert: fs.readFileSync(process.env.TLS_CERT_PATH ?? '/etc/shop/tls/cert.pem'),
        minVersion: 'TLSv1.2',
      },
      app,
    )
    .listen(Number(process.env.PORT ?? 8443));
}
