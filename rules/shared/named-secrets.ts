// Secrets recognised by the name they are assigned to: generic keys and passwords plus providers known by name.
import { maskSecret } from '../../server/src/engine';
import { identifierWords } from './identifiers';
import {
  classifySecretName, isEnvLookupText, isPlaceholder, looksGenerated, looksLikePassword, stripAuthScheme,
} from './secret-values';

export type NamedMessage = 'namedSecret' | 'password' | 'privateKey';

export interface NamedSecret {
  kind: string;
  messageId: NamedMessage;
  /** Where the secret starts inside the value (after an auth scheme such as `Bearer `) and its length. */
  offset: number;
  length: number;
  secret: string;
  masked: string;
  /** Fallback environment variable name when the identifier gives none. */
  envName: string;
}

const JWT = /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/;
const DER_BASE64 = /^MII[A-Za-z0-9+/]{60,}={0,2}$/;
const KEYSTORE_WORDS = new Set(['pfx', 'p12', 'pkcs12', 'keystore']);

/** Providers whose credentials have no distinctive format but a telling name (`mchKey`, `BRAINTREE_PRIVATE_KEY`). */
const NAMED_PROVIDERS: ReadonlyArray<{ when: (words: readonly string[]) => boolean; kind: (words: readonly string[]) => string; env: string }> = [
  { when: (w) => w.includes('aws') || (w.includes('secret') && w.includes('access') && w.includes('key')), kind: () => 'AWS secret access key', env: 'AWS_SECRET_ACCESS_KEY' },
  { when: (w) => w.includes('braintree'), kind: () => 'Braintree private key', env: 'BRAINTREE_PRIVATE_KEY' },
  { when: (w) => w.includes('adyen'), kind: (w) => (w.includes('hmac') ? 'Adyen HMAC key' : 'Adyen API key'), env: 'ADYEN_API_KEY' },
  { when: (w) => w.includes('razorpay'), kind: () => 'Razorpay key secret', env: 'RAZORPAY_KEY_SECRET' },
  { when: (w) => w.includes('alipay'), kind: () => 'Alipay merchant key', env: 'ALIPAY_PRIVATE_KEY' },
  {
    when: (w) => w.some((x) => x === 'wechat' || x === 'wechatpay' || x === 'wxpay' || x === 'weixin' || x === 'mch') || (w.includes('api') && w.includes('v3')),
    kind: () => 'WeChat Pay merchant API key', env: 'WECHAT_PAY_API_KEY',
  },
  { when: (w) => w.includes('paypal'), kind: () => 'PayPal client secret', env: 'PAYPAL_CLIENT_SECRET' },
  { when: (w) => w.includes('twilio'), kind: () => 'Twilio auth token', env: 'TWILIO_AUTH_TOKEN' },
  { when: (w) => w.includes('stripe'), kind: () => 'Stripe key', env: 'STRIPE_SECRET_KEY' },
  { when: (w) => w.includes('square'), kind: () => 'Square credential', env: 'SQUARE_ACCESS_TOKEN' },
  { when: (w) => w.includes('checkout'), kind: () => 'Checkout.com secret key', env: 'CHECKOUT_SECRET_KEY' },
];

const GENERIC_ENV: Record<string, string> = {
  'API key': 'API_KEY', token: 'API_TOKEN', secret: 'APP_SECRET', key: 'SECRET_KEY', credential: 'API_CREDENTIAL',
  'private key': 'PRIVATE_KEY', password: 'PASSWORD',
};

/**
 * Judges `value` assigned to `name` (a variable, property, config key or header). `qualifier` is the enclosing
 * object or call (`stripe` in `stripe.secret`, `Razorpay` in `new Razorpay({ key_secret })`), used for the kind.
 */
export function judgeNamedValue(name: string, value: string, qualifier?: string): NamedSecret | undefined {
  if (!value) return undefined;
  const info = classifySecretName(name);
  const words = info.words;
  // The name decides first: it is far cheaper than judging the value, and most names are not secret-like.
  if (!info.kind && !words.some((w) => KEYSTORE_WORDS.has(w))) return undefined;
  if (isPlaceholder(value) || isEnvLookupText(value)) return undefined;
  const context = qualifier ? [...identifierWords(qualifier), ...words] : words;
  const whole = (kind: string, messageId: NamedMessage, envName: string): NamedSecret => ({
    kind, messageId, offset: 0, length: value.length, secret: value, masked: maskSecret(value), envName,
  });

  if (words.some((w) => KEYSTORE_WORDS.has(w)) && DER_BASE64.test(value)) return whole('PKCS#12 keystore (base64)', 'privateKey', 'KEYSTORE_BASE64');
  if (!info.kind) return undefined;
  if (info.kind === 'password') return looksLikePassword(value) ? whole('password', 'password', 'PASSWORD') : undefined;

  const stripped = stripAuthScheme(value);
  const secret = stripped.value;
  if (JWT.test(secret)) {
    return { kind: 'JWT', messageId: 'namedSecret', offset: stripped.offset, length: secret.length, secret, masked: maskSecret(secret), envName: 'API_TOKEN' };
  }
  if (info.kind === 'private key' && DER_BASE64.test(secret)) {
    const kind = context.includes('alipay') ? 'Alipay app private key (base64)' : 'private key (base64)';
    return whole(kind, 'privateKey', context.includes('alipay') ? 'ALIPAY_PRIVATE_KEY' : 'PRIVATE_KEY');
  }
  if (!looksGenerated(secret)) return undefined;
  const provider = NAMED_PROVIDERS.find((p) => p.when(context));
  return {
    kind: provider ? provider.kind(context) : info.kind,
    messageId: 'namedSecret',
    offset: stripped.offset,
    length: secret.length,
    secret,
    masked: maskSecret(secret),
    envName: provider ? provider.env : GENERIC_ENV[info.kind],
  };
}
