// Splitting identifiers into words (camelCase, snake_case, kebab-case, UPPER_CASE, dotted) and naming env variables.

// Digits stay attached to the word before them, so `apiV3Key` is api/V3/Key and `sha256Hash` is sha256/Hash.
const WORD = /[A-Z]+[0-9]*(?![a-z])|[A-Z]?[a-z]+[0-9]*|[0-9]+/g;

/** Words of an identifier or key, lower-cased: `merchantAPIKey` → `['merchant', 'api', 'key']`. */
export function identifierWords(name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(WORD.source, 'g');
  for (let m = re.exec(name); m; m = re.exec(name)) out.push(m[0].toLowerCase());
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
