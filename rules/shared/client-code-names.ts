// secret-in-client-code: which names hold merchant secrets, and which env prefixes a bundler ships to the public.
import { classifySecretName } from './secret-values';

/** Env prefixes that bundlers inline into the code every visitor downloads, longest first so `NEXT_PUBLIC_` wins over `PUBLIC_`. */
export const DEFAULT_EXPOSED_PREFIXES: readonly string[] = [
  'NEXT_PUBLIC_', 'NUXT_PUBLIC_', 'EXPO_PUBLIC_', 'REACT_APP_', 'VUE_APP_', 'GATSBY_', 'VITE_', 'PUBLIC_',
];

const BUNDLER_OF_PREFIX: Record<string, string> = {
  NEXT_PUBLIC_: 'Next.js', NUXT_PUBLIC_: 'Nuxt', EXPO_PUBLIC_: 'Expo', REACT_APP_: 'Create React App', VUE_APP_: 'Vue CLI',
  GATSBY_: 'Gatsby', VITE_: 'Vite', PUBLIC_: 'SvelteKit and Astro',
};

export interface ExposedPrefix {
  prefix: string;
  bundler: string;
}

/** The exposing prefix of an env variable name, if any (prefixes compared longest first). */
export function exposedPrefixOf(name: string, prefixes: readonly string[]): ExposedPrefix | undefined {
  let best: string | undefined;
  for (const p of prefixes) {
    if (p && name.startsWith(p) && name.length > p.length && (!best || p.length > best.length)) best = p;
  }
  return best ? { prefix: best, bundler: BUNDLER_OF_PREFIX[best] ?? 'the bundler' } : undefined;
}

/** A `…_KEY` is a merchant secret only after one of these words; `API_KEY`, `SITE_KEY`, `ANON_KEY` are often public by design. */
const SECRET_KEY_QUALIFIERS = new Set([
  'sign', 'signing', 'signature', 'merchant', 'mch', 'hmac', 'mac', 'secret', 'private', 'master', 'webhook', 'encryption',
  'encrypt', 'aes', 'jwt', 'session', 'cookie', 'shared', 'partner', 'service',
]);

/** Feature flags and UI settings that merely mention passwords: `VITE_SHOW_PASSWORD`, `NEXT_PUBLIC_RESET_PASSWORD`. */
const PASSWORD_UI_WORDS = new Set(['show', 'hide', 'reset', 'forgot', 'forgotten', 'change', 'enable', 'disable', 'toggle', 'policy', 'strength']);

export type SecretNameUse = 'name' | 'identifier' | 'signing';

/**
 * What kind of merchant secret a name says it holds, for client-side exposure; undefined when the name is not one.
 * API keys and tokens are left out (`VITE_MAPS_API_KEY`, `NEXT_PUBLIC_MAPBOX_TOKEN` are browser keys by design),
 * except as the key of a signing call (`use: 'signing'`). In identifiers (`use: 'identifier'`) a `clientSecret` is the
 * Stripe PaymentIntent secret that is made for the browser.
 */
export function clientSecretKind(name: string, use: SecretNameUse = 'name'): string | undefined {
  const info = classifySecretName(name);
  const words = info.words;
  switch (info.kind) {
    case 'secret':
      if (use === 'identifier' && words.includes('client')) return undefined;
      return words.includes('webhook') ? 'webhook secret' : 'secret';
    case 'private key':
      return 'private key';
    case 'password':
      return use === 'signing' || words.some((w) => PASSWORD_UI_WORDS.has(w)) ? undefined : 'password';
    case 'key': {
      const qualifiers = words.slice(0, words.lastIndexOf('key'));
      if (!qualifiers.some((w) => SECRET_KEY_QUALIFIERS.has(w))) return use === 'signing' ? 'key' : undefined;
      if (qualifiers.includes('merchant') || qualifiers.includes('mch')) return 'merchant key';
      if (qualifiers.some((w) => w === 'sign' || w === 'signing' || w === 'signature')) return 'signing key';
      if (qualifiers.includes('hmac') || qualifiers.includes('mac')) return 'HMAC key';
      return 'secret key';
    }
    case 'API key':
      return use === 'signing' ? 'API key' : undefined;
    default:
      return undefined;
  }
}

export interface EnvSecret {
  kind: string;
  exposed?: ExposedPrefix;
}

/**
 * Judges an env variable name: the kind of secret it holds (judged without its exposing prefix, since `NEXT_PUBLIC_`
 * itself says "public") and the prefix that exposes it. Undefined when the name holds no merchant secret.
 */
export function envSecretOf(name: string, prefixes: readonly string[]): EnvSecret | undefined {
  if (!SECRET_NAME_HINT.test(name)) return undefined;
  const exposed = exposedPrefixOf(name, prefixes);
  const kind = clientSecretKind(exposed ? name.slice(exposed.prefix.length) : name);
  return kind ? { kind, exposed } : undefined;
}

/** Cheap test on a name before classification: only these fragments can make a name a client-side secret. */
export const SECRET_NAME_HINT = /secret|private|key|pass|pwd/i;
