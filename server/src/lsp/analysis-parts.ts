// What the analysis workers load (see engine.ts): the engine and the rule pack, without the project layer, the report
// or the language server, which only the main thread needs.
export { analyze, IncrementalParser } from '../engine';
export { GUIDELINE, RULES } from '../../../rules';
