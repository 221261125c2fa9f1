// Splitting identifiers into words (camelCase, snake_case, kebab-case, UPPER_CASE, dotted) and naming env variables.

// Digits stay attached to the word before them, so `apiV3Key` is api/V3/Key and `sha256Hash` is sha256/Hash.
const WORD = /[A-Z]+[0-9]*(?![a-z])|[A-Z]?[a-z]+[0-9]*|[0-9]+/g;

/** Split names, shared by every rule and file: a file repeats its names, and rules ask for the same ones. */
const wordCache = new Map<string, readonly string[]>();
const WORD_CACHE_LIMIT = 20_000;
/** Longer names (minified data, long keys) are split but not kept. */
const CACHEABLE_NAME_CHARS = 64;

/** Words of an identifier or key, lower-cased: `merchantAPIKey` → `['merchant', 'api', 'key']`. Do not change the result. */
export function identifierWords(name: string): readonly string[] {
  const cached = wordCache.get(name);
  if (cached) return cached;
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(name); m; m = WORD.exec(name)) out.push(m[0].toLowerCase());
  WORD.lastIndex = 0;
  if (name.length <= CACHEABLE_NAME_CHARS) {
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(name, Object.freeze(out));
  }
  return out;
}

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * An environment variable name from words: `['merchant', 'api', 'key']` → `MERCHANT_API_KEY`.
 * Undefined when the words do not make a valid variable name (empty, or starting with a digit).
 */
export function envVarName(words: readonly string[]): string | undefined {
  const name = words.join('_').toUpperCase();
  return name && ENV_NAME.test(name) ? name : undefined;
}
