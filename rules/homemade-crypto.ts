// homemade-crypto: broken or hand-rolled encryption and predictable secrets (guideline 2.2b).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type AstNode } from '../server/src/engine';
import { memberPropertyName } from './shared/ast';
import { cipherReportSpan, CipherCalls, mightCreateCipher, type CipherCall } from './shared/crypto-ciphers';
import { CryptoImports, isMathRandomCall } from './shared/crypto-edits';
import { HandRolledCiphers } from './shared/crypto-handrolled';
import { isBrowserCode, randomFix, RandomUses } from './shared/crypto-random';
import { CryptoScopes, unwrap, type FunctionNode } from './shared/crypto-scope';
import { ValueOrigins } from './shared/crypto-values';
import { stringList } from './shared/options';

type CallNode = TSESTree.CallExpression;
type ProgramNode = TSESTree.Program;

/** The pre-filter: cipher APIs and `crypto` imports, the cipher words of function names, and `Math.random`. */
const CRYPTO_HINT = /crypt|cipher|cypher|encode|decode|obfuscat|scramble|xor|caesar|rot13|conceal|random/i;

function isFromCharCode(call: CallNode): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'String') return false;
  const method = memberPropertyName(callee);
  return method === 'fromCharCode' || method === 'fromCodePoint';
}

export default defineRule({
  meta: {
    id: 'homemade-crypto',
    description: 'Use vetted ciphers with random IVs and a secure random generator instead of home-made cryptography',
    guideline: ['2.2b'],
    defaultSeverity: 'warning',
    why: 'Deprecated or broken ciphers, ECB mode, fixed keys and IVs, XOR "encryption" and Math.random() tokens all look like protection but can be reversed or predicted, exposing card, account and session data.',
    howToFix: 'Encrypt with AES-256-GCM through crypto.createCipheriv, a key from a key store and a fresh crypto.randomBytes(12) IV per message stored with the ciphertext and auth tag; generate tokens, codes and ids with crypto.randomBytes, randomInt or randomUUID.',
    messages: {
      noIv: '`{{callee}}` derives the key and IV from the password with one unsalted MD5 round, so every message reuses the same IV; use `{{replacement}}` with AES-256-GCM and a random IV (guideline 2.2b).',
      weakCipher: '{{algorithm}} is {{cipher}}, which {{weakness}}; encrypt with AES-256-GCM instead (guideline 2.2b).',
      ecbMode: 'ECB mode ({{algorithm}}) encrypts equal blocks to equal ciphertext, leaking patterns such as shared card-number prefixes; use AES-256-GCM with a random IV (guideline 2.2b).',
      literalKey: 'The key given to `{{api}}` {{source}}, so anyone who can read the code can decrypt the data; load it from a key store or the environment (guideline 2.2b).',
      constantIv: 'The IV given to `{{api}}` {{source}}, so messages share it, which reveals repeated plaintexts and breaks GCM and CTR outright; generate a random IV per message and store it with the ciphertext (guideline 2.2b).',
      xorCipher: 'This function is a hand-rolled XOR cipher, which a few known plaintexts are enough to reverse; encrypt with AES-256-GCM from `node:crypto` (guideline 2.2b).',
      shiftCipher: 'This function is a hand-rolled character-shift cipher, which can be reversed by hand; encrypt with AES-256-GCM from `node:crypto` (guideline 2.2b).',
      insecureRandom: '`Math.random()` is predictable, so `{{name}}` can be guessed by an attacker; generate it with `crypto.randomBytes`, `randomInt` or `randomUUID` (guideline 2.2b).',
    },
    fixes: {
      useCipheriv: 'unsafe',
      randomInt: 'unsafe',
      randomBytes: 'unsafe',
      randomUUID: 'unsafe',
    },
    defaultOptions: { secretNames: [] },
    optionsSchema: {
      type: 'object',
      properties: {
        secretNames: {
          type: 'array',
          items: { type: 'string' },
          description: 'Extra names (or name parts) of values that must be unpredictable, e.g. "pickupNumber", "claimTicket": Math.random() feeding them is reported.',
        },
      },
      additionalProperties: false,
    },
  },
  // Every report comes from a cipher call (`createCipher…`, crypto-js `encrypt`/`decrypt`, a name imported from
  // node:crypto), a function with a cipher-like name (CIPHER_WORDS of crypto-names) or a `Math.random()` call.
  mayReport: (file) => CRYPTO_HINT.test(file.text),
  create(context) {
    const { source } = context;
    const scopes = new CryptoScopes();
    const randoms = new RandomUses(scopes, stringList(context.options.secretNames));
    const handRolled = new HandRolledCiphers(scopes);
    const cipherCalls: CipherCall[] = [];
    // Random test data is not a secret; fixtures are test data by the team's own declaration. The same holds for keys and
    // IVs written in tests (known-answer vectors).
    const judgeRandom = !source.isTestFile && !source.isFixture;
    let program: ProgramNode | undefined;
    let imports: CryptoImports | undefined;
    let cryptoImportNames: ReadonlySet<string> = new Set();
    const enterFunction = (fn: FunctionNode) => scopes.enterFunction(fn);
    const exitFunction = () => scopes.exitFunction();

    return {
      Program(node: ProgramNode) {
        program = node;
        scopes.enterProgram(node);
        imports = new CryptoImports(source, node);
        cryptoImportNames = imports.namedLocals();
      },
      FunctionDeclaration: enterFunction,
      FunctionExpression: enterFunction,
      ArrowFunctionExpression: enterFunction,
      'FunctionDeclaration:exit': exitFunction,
      'FunctionExpression:exit': exitFunction,
      'ArrowFunctionExpression:exit': exitFunction,
      ClassDeclaration(node: AstNode) {
        scopes.declareClass(node);
      },
      VariableDeclarator(node: AstNode) {
        scopes.declare(node);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        scopes.assign(node);
        if (node.operator === '^=') handRolled.noteXor(node, scopes.current);
      },
      UpdateExpression(node: AstNode) {
        scopes.update(node);
      },
      BinaryExpression(node: TSESTree.BinaryExpression) {
        if (node.operator === '^') handRolled.noteXor(node, scopes.current);
      },
      Identifier(node: TSESTree.Identifier) {
        if (randoms.hasWatchedNames) randoms.noteIdentifier(node, scopes.current);
      },
      CallExpression(node: CallNode) {
        if (isMathRandomCall(node)) {
          if (judgeRandom) randoms.noteRandomCall(node, scopes.current);
          return;
        }
        if (isFromCharCode(node)) handRolled.noteFromCharCode(node, scopes.current);
        else if (mightCreateCipher(node, cryptoImportNames)) cipherCalls.push({ node, scope: scopes.current });
      },
      'Program:exit'() {
        if (!program) return;
        scopes.finish();
        const ciphers = new CipherCalls(source, scopes, new ValueOrigins(scopes), imports);
        for (const call of cipherCalls) {
          const [start, end] = cipherReportSpan(call.node);
          for (const found of ciphers.judge(call)) {
            // Test vectors fix their key and IV by design; weak ciphers and ECB are still reported there.
            if (!judgeRandom && (found.messageId === 'literalKey' || found.messageId === 'constantIv')) continue;
            const fix = found.messageId === 'noIv' ? found.fix : undefined;
            context.report({ start, end, messageId: found.messageId, data: found.data, fixes: fix ? [fix] : [], fingerprintKey: found.messageId });
          }
        }
        for (const cipher of handRolled.find()) {
          const [start, end] = cipher.name.span;
          context.report({ start, end, messageId: cipher.kind === 'xor' ? 'xorCipher' : 'shiftCipher', fingerprintKey: cipher.name.name });
        }
        const uses = randoms.secretUses();
        if (!uses.length || !imports) return;
        const browser = isBrowserCode(source, program, imports);
        for (const use of uses) {
          const fix = randomFix(use.call, source, imports, browser);
          context.report({ node: use.call, messageId: 'insecureRandom', data: { name: use.name }, fixes: fix ? [fix] : [], fingerprintKey: use.name });
        }
      },
    };
  },
});
