// hardcoded-secret: credential literals in source and config files (guideline 2.3b, 1.2, 1.3).
// FIRST CUT (being completed): provider-format detection of Stripe keys in string literals and text lines.
import { defineRule, maskSecret, type SourceFile } from '../server/src/engine';

const STRIPE = /\b(?:sk|rk)_(live|test)_[0-9a-zA-Z]{16,}\b/g;

export default defineRule({
  meta: {
    id: 'hardcoded-secret',
    description: 'Keep merchant keys and other credentials out of source and config files',
    guideline: ['2.3b', '1.2', '1.3'],
    defaultSeverity: 'error',
    why: 'A key committed to a repository is readable by everyone with access to it, forever (history keeps it), and lets an attacker act as the merchant.',
    howToFix: 'Load the value from the environment or a secret manager at run time, and rotate the exposed key.',
    messages: {
      providerKey: 'Hard-coded {{kind}} `{{masked}}`: load it from the environment or a secret manager (guideline 2.3b).',
    },
    fixes: { moveToEnv: 'unsafe' },
  },
  create(context) {
    const scan = (value: string, offset: number) => {
      for (const m of value.matchAll(STRIPE)) {
        context.report({
          start: offset + m.index!, end: offset + m.index! + m[0].length, messageId: 'providerKey',
          data: { kind: `Stripe ${m[1]} secret key`, masked: maskSecret(m[0]) }, secrets: [m[0]],
          severityCap: m[1] === 'test' ? 'warning' : undefined,
        });
      }
    };
    return {
      Literal(node: { value: unknown; range: [number, number] }) {
        if (typeof node.value === 'string') scan(node.value, node.range[0] + 1);
      },
      text(source: SourceFile) {
        scan(source.text, 0);
      },
    };
  },
});
