-- Merchant shop schema (PostgreSQL). Fabricated example.

CREATE TABLE customers (
  id            UUID PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,            -- GOOD: scrypt hash with a per-user salt (server/lib/passwords.ts)
  roles         TEXT[] NOT NULL DEFAULT '{}',
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE orders (
  id           UUID PRIMARY KEY,
  customer_id  UUID NOT NULL REFERENCES customers(id),
  total_cents  INTEGER NOT NULL CHECK (total_cents >= 0),
  currency     CHAR(3) NOT NULL,
  status       TEXT NOT NULL DEFAULT 'pending',
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Written in 2019 for the first checkout; still read by the nightly settlement job.
CREATE TABLE legacy_payments (
  id           UUID PRIMARY KEY,
  order_id     UUID NOT NULL REFERENCES orders(id),
  -- BAD (unencrypted-sensitive-data): full PAN in a plain column.
  card_number  VARCHAR(19) NOT NULL,
  -- BAD (prohibited-card-data): card security code stored after authorisation.
  card_cvv     CHAR(4),
  -- BAD (prohibited-card-data): magnetic-stripe track data.
  track2_data  TEXT,
  amount_cents INTEGER NOT NULL
);

-- GOOD: what the current checkout stores: a provider token, the last four digits, and
-- a bank account number encrypted by the application (AES-256-GCM) before insert.
CREATE TABLE payments (
  id                    UUID PRIMARY KEY,
  order_id              UUID NOT NULL REFERENCES orders(id),
  provider              TEXT NOT NULL CHECK (provider IN ('stripe', 'codepay')),
  payment_method_token  TEXT NOT NULL,
  card_last4            CHAR(4),
  payout_account_cipher TEXT,
  amount_cents          INTEGER NOT NULL,
  created_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
