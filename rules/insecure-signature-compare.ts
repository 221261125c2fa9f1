// insecure-signature-compare: a computed signature compared with a received one by `===`, `Buffer#equals` or
// `localeCompare`, which returns early and leaks by timing how much of a forged signature is right (guideline 2.3b).
import { defineRule, type AstNode, type SourceFile, type TextChange } from '../server/src/engine';
import { appendToFile, cryptoAccess, ModuleImports, safeEqualHelper } from './shared/signature-fixes';
import { calleeName, isFunctionNode, scopeOf, SignatureFlow, type FunctionNode, type SignatureComparison } from './shared/signature-flow';
import { isSafeCompareName } from './shared/signature-names';

/** Cheap gate before any work: a file without these fragments has no signature to compare. */
const SIGNATURE_HINT = /sig|hmac|digest|mac|hash/i;
const EQUALITY = new Set(['==', '===', '!=', '!==']);
const HELPER_NAME = 'safeEqual';

function operandText(source: SourceFile, node: AstNode): string {
  const text = source.getText(node);
  return node.type === 'SequenceExpression' ? `(${text})` : text;
}

/** A two-parameter function of the file that wraps `timingSafeEqual` under a comparison-like name. */
function isSafeCompareHelper(fn: FunctionNode): string | undefined {
  if (fn.params.length !== 2) return undefined;
  let name: string | undefined;
  if (fn.type === 'FunctionDeclaration') name = fn.id?.name;
  else {
    const parent = (fn as { parent?: AstNode }).parent;
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') name = parent.id.name;
  }
  return name && (isSafeCompareName(name) || /equal|compare/i.test(name)) ? name : undefined;
}

export default defineRule({
  meta: {
    id: 'insecure-signature-compare',
    description: 'Compare payment signatures in constant time',
    guideline: ['2.3b'],
    defaultSeverity: 'warning',
    why: 'An ordinary comparison stops at the first differing character, so response times reveal how much of a forged signature is correct; an attacker can then build a valid signature for a fake payment notification byte by byte.',
    howToFix: 'Compare the computed and the received signature with crypto.timingSafeEqual on equal-length buffers (check the lengths first, since timingSafeEqual throws on a mismatch).',
    messages: {
      compare: 'Signature compared with {{operator}}, which stops at the first differing byte and lets an attacker forge a signature by timing; compare with crypto.timingSafeEqual after a length check (guideline 2.3b).',
    },
    fixes: { timingSafe: 'unsafe' },
  },
  // The same gate as create().
  mayReport: (file) => !file.isTestFile && SIGNATURE_HINT.test(file.text),
  create(context) {
    const { source } = context;
    // Test code compares signatures to assert on them; nobody can time it.
    if (source.isTestFile || !SIGNATURE_HINT.test(source.text)) return {};
    const flow = SignatureFlow.of(context);
    const imports = ModuleImports.of(context);
    const candidates: AstNode[] = [];
    let existingHelper: string | undefined;

    const fixFor = (found: SignatureComparison): { id: string; title: string; changes: TextChange[] } => {
      const helper = existingHelper ?? HELPER_NAME;
      const call = `${found.negated ? '!' : ''}${helper}(${operandText(source, found.left)}, ${operandText(source, found.right)})`;
      const changes: TextChange[] = [{ start: found.node.range[0], end: found.node.range[1], text: call }];
      if (!existingHelper) {
        const access = cryptoAccess(source, imports, ['timingSafeEqual']);
        changes.push(...access.changes, appendToFile(source, safeEqualHelper(source, HELPER_NAME, access.refs.timingSafeEqual)));
      }
      return { id: 'timingSafe', title: 'Compare with crypto.timingSafeEqual', changes };
    };

    return {
      BinaryExpression(node: Extract<AstNode, { type: 'BinaryExpression' }>) {
        if (EQUALITY.has(node.operator)) candidates.push(node);
      },
      CallExpression(node: Extract<AstNode, { type: 'CallExpression' }>) {
        const name = calleeName(node);
        if (name === 'equals' || name === 'localeCompare') candidates.push(node);
        else if (name === 'timingSafeEqual' && !existingHelper) {
          const fn = scopeOf(node);
          if (fn && isFunctionNode(fn)) existingHelper = isSafeCompareHelper(fn);
        }
      },
      'Program:exit'() {
        const reported = new Set<AstNode>();
        for (const candidate of candidates) {
          const found = flow.signatureComparison(candidate);
          if (!found || reported.has(found.node)) continue;
          reported.add(found.node);
          // Messages never repeat long runs of the reported code (a secret could sit there), so localeCompare is put in words.
          const operator = found.operator === 'localeCompare' ? 'a locale string comparison' : `\`${found.operator}\``;
          context.report({ node: found.node, messageId: 'compare', data: { operator }, fixes: [fixFor(found)] });
        }
      },
    };
  },
});
