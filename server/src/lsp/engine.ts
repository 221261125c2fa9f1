// Lazy access to the engine and rules: they pull in the TypeScript parser (megabytes of code), which must not
// delay `--version`, `--help` or the `initialize` answer. Server modules import engine types only, values from here.
type EngineParts = typeof import('./engine-parts');
type AnalysisParts = typeof import('./analysis-parts');

let parts: EngineParts | undefined;
let analysisParts: AnalysisParts | undefined;

export function engine(): EngineParts {
  parts ??= require('./engine-parts') as EngineParts;
  return parts;
}

/** Only what analysing takes (analysis workers load this, not the project layer, report and all). */
export function analysisEngine(): AnalysisParts {
  analysisParts ??= require('./analysis-parts') as AnalysisParts;
  return analysisParts;
}
