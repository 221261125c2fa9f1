// Masking of secret values: the only form in which a secret may leave the engine.

/** Known key prefixes that are safe (and useful) to show: they name the kind of key, not the key. */
const SHOWN_PREFIX = /^(?:sk|rk|pk)_(?:live|test)_|^whsec_|^(?:AKIA|ASIA)|^gh[pousr]_|^github_pat_|^glpat-|^xox[abpors]-|^AIza|^SG\.|^npm_|^sq0(?:csp|atp)-|^EAAA|^access_token\$(?:production|sandbox)\$|^rzp_(?:live|test)_|^eyJ/;

/**
 * Masks a secret: keeps a known provider prefix and the last four characters of long values
 * (`sk_live_****9f2c`); short values are fully hidden.
 */
export function maskSecret(value: string): string {
  const prefix = SHOWN_PREFIX.exec(value)?.[0] ?? '';
  const rest = value.slice(prefix.length);
  if (rest.length < 12) return `${prefix}****`;
  return `${prefix}****${rest.slice(-4)}`;
}

/** Replaces every occurrence of each secret in `text` by its masked form. Longest secrets first. */
export function maskAll(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
  }
  return out;
}

/** Long runs of key-like characters with digits and letters: what a credential the rules did not name looks like. */
const KEY_LIKE_RUN = /[A-Za-z0-9_\-+/=.$]{20,}/g;

/**
 * Masks every key-like run in text shown outside the editor (report snippets): defence in depth for secrets no
 * rule recognised, e.g. a value next to the one that was reported.
 */
export function maskLikelySecrets(text: string): string {
  return text.replace(KEY_LIKE_RUN, (run) => {
    const digits = run.replace(/[^0-9]/g, '').length;
    return digits >= 2 && /[A-Za-z]/.test(run) && !/^[\w.]*\.\w+\(?$/.test(run) ? maskSecret(run) : run;
  });
}
