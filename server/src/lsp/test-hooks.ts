// Test hooks of the language server: timings the tests shorten through the server process's environment.

/** The positive number in the environment variable `name`, or undefined (unset, not a number, zero or negative). */
export function testOverride(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
