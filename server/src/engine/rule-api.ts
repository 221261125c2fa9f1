// defineRule: the typed entry point every rule file uses.
import type { Rule, RuleContext, RuleMeta, RuleVisitors } from './types';

export function defineRule<M extends RuleMeta>(rule: {
  meta: M;
  create: (context: RuleContext) => RuleVisitors;
  wantsComments?: (text: string, options: Record<string, unknown>) => boolean;
}): Rule {
  return rule;
}
