// Lazy access to the engine and rules: they pull in the TypeScript parser (megabytes of code), which must not
// delay `--version`, `--help` or the `initialize` answer. Server modules import engine types only, values from here.
type EngineParts = typeof import('./engine-parts');

let parts: EngineParts | undefined;

export function engine(): EngineParts {
  parts ??= require('./engine-parts') as EngineParts;
  return parts;
}
