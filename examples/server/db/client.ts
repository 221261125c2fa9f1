// PostgreSQL connection pool; the connection string is injected by the environment.
import { Pool } from 'pg';

// BAD (hardcoded-secret): a fallback URL with the production password in it.
const FALLBACK_URL = 'postgres://shop:PhtjU3Ur3kIWE50fvf@db.internal.acme-outdoor.com:5432/shop';

// GOOD: the local development database uses peer authentication, so the URL holds no password.
const LOCAL_URL = 'postgres://shop@localhost:5432/shop_dev';

export const db = new Pool({
  connectionString: process.env.DATABASE_URL ?? (process.env.NODE_ENV === 'production' ? FALLBACK_URL : LOCAL_URL),
  ssl: process.env.NODE_ENV === 'production' ? { rejectUnauthorized: true } : false,
});
