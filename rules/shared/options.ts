// Reading rule options from configuration, which reaches rules as unvalidated JSON.

/** The non-empty strings of an array option (team-configured names, globs, hosts); anything else is dropped. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
}

/** An array option used as a whole: the configured list when every entry is a string, else `fallback`. */
export function stringListOr(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : fallback;
}
