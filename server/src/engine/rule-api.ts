// defineRule: the typed entry point every rule file uses.
import type { PrefilterFile, Rule, RuleContext, RuleMeta, RuleVisitors } from './types';

export function defineRule<M extends RuleMeta>(rule: {
  meta: M;
  create: (context: RuleContext) => RuleVisitors;
  wantsComments?: (text: string, options: Record<string, unknown>) => boolean;
  mayReport?: (file: PrefilterFile, options: Record<string, unknown>) => boolean;
}): Rule {
  return rule;
}
