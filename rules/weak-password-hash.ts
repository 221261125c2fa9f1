// weak-password-hash: passwords, passcodes and PINs hashed with fast hashes, constant salts or low work factors (guideline 2.2c).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type AstNode, type RuleContext, type TextChange } from '../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, valueHolder, parentOf } from './shared/ast';
import { identifierWords } from './shared/identifiers';
import { BCRYPT_MODULES, PasswordHashFixes } from './shared/password-hash-fixes';
import { PasswordFlow, ScopeTracker, unwrap, type PasswordKind, type Scope } from './shared/password-hash-flow';
import { stringList } from './shared/options';

type CallNode = TSESTree.CallExpression;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
interface SeenCall {
  node: CallNode;
  scope: Scope | undefined;
}

const NODE_CRYPTO = new Set(['crypto', 'node:crypto']);
const ARGON2_MODULES = new Set(['argon2', '@node-rs/argon2', 'argon2-browser']);
const BCRYPT_METHODS = new Set(['hash', 'hashSync', 'genSalt', 'genSaltSync']);
/** Callee names worth a closer look; everything else is dismissed by one Set lookup or regex test per call. */
const NAMED_CALLS = new Set(['createHash', 'createHmac', 'hash', 'hashSync', 'genSalt', 'genSaltSync', 'deriveBits', 'deriveKey', 'PBKDF2']);
const FAST_HINT = /md[45]|sha|ripemd|whirlpool|blake|keccak/i;
const KDF_HINT = /scrypt|pbkdf2/i;
/** The pre-filter: FAST_HINT, KDF_HINT and the NAMED_CALLS (`createHash`, `createHmac`, `genSalt`, `deriveBits`, …) and `digest`. */
const HASH_CALL_HINT = /hash|hmac|gensalt|derive(?:bits|key)|digest|scrypt|pbkdf2|md[45]|sha|ripemd|whirlpool|blake|keccak/i;
/** Methods of hash-named objects that hash their argument: `md5.hex(x)`, `sha256.update(x)`, `sha256.hmac(key, x)`. */
const FAST_OBJECT_METHODS = new Set(['hex', 'array', 'digest', 'arrayBuffer', 'base64', 'update', 'hmac']);
const ALGORITHM_WORD = /^(?:md[45]|sha\d*|ripemd\d*|whirlpool|blake2[bs]?\d*|keccak\d*)$/;

/** Work factors the fixes move to: bcrypt 12 and OWASP's 600000 PBKDF2-HMAC-SHA256 iterations (or the team's minimum). */
const TARGET_BCRYPT_COST = 12;
const TARGET_PBKDF2_ITERATIONS = 600_000;

type Category =
  | { kind: 'digest'; hmac: boolean }
  | { kind: 'oneShot'; webCrypto: boolean }
  | { kind: 'fast'; algorithm: string; data: 'all' | 'first' | 'second'; rewritable: boolean }
  | { kind: 'kdf'; variant: 'scrypt' | 'pbkdf2'; sync: boolean }
  | { kind: 'bcrypt'; method: string }
  | { kind: 'argon2' }
  | { kind: 'webCrypto' }
  | { kind: 'cryptoJsPbkdf2' };

function algorithmLabel(raw: string): string {
  const a = raw.toLowerCase().replace(/^rsa-/, '');
  const sha = /^sha-?(\d+)$/.exec(a);
  if (sha) return `SHA-${sha[1]}`;
  const sha3 = /^sha3-(\d+)$/.exec(a);
  if (sha3) return `SHA3-${sha3[1]}`;
  if (/^ripemd-?160$/.test(a)) return 'RIPEMD-160';
  return a.toUpperCase();
}

/** `MD5` for `md5`/`CryptoJS.MD5`, `SHA-256` for `sha256Hex`, `HMAC-SHA-256` for `HmacSHA256`; undefined without an algorithm word. */
function algorithmOfName(name: string): string | undefined {
  const words = identifierWords(name);
  const algorithm = words.find((w) => ALGORITHM_WORD.test(w));
  if (!algorithm) return undefined;
  const label = algorithmLabel(algorithm);
  return words.includes('hmac') ? `HMAC-${label}` : label;
}

const KIND_LABEL: Record<PasswordKind, string> = { password: 'Password', PIN: 'PIN', passcode: 'Passcode' };

/** The `createHash(…).update(…).update(…).digest(…)` chain a hash object is built in. */
function digestChain(call: CallNode): { updates: AstNode[]; outer: AstNode; digested: boolean } {
  const updates: AstNode[] = [];
  let outer: AstNode = call;
  for (;;) {
    const member = parentOf(outer);
    if (member?.type !== 'MemberExpression' || member.object !== outer) break;
    const next = parentOf(member);
    if (next?.type !== 'CallExpression' || next.callee !== member) break;
    const method = memberPropertyName(member);
    if (method === 'update') {
      if (next.arguments[0]) updates.push(next.arguments[0]);
      outer = next;
      continue;
    }
    if (method === 'digest') return { updates, outer: next, digested: true };
    break;
  }
  return { updates, outer, digested: false };
}

/** The data of a `createHash(…).update(…)….digest(…)` expression, read from its outer end; undefined for anything else. */
function hashedData(outer: AstNode): AstNode[] | undefined {
  const data: AstNode[] = [];
  let n = unwrap(outer);
  while (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
    const method = memberPropertyName(n.callee);
    if (method === 'createHash') return data;
    if (method === 'update' && n.arguments[0]) data.unshift(n.arguments[0]);
    else if (method !== 'digest') return undefined;
    n = unwrap(n.callee.object);
  }
  return n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'createHash' ? data : undefined;
}

/** A call followed by `.toString(…)` (crypto-js word arrays, Buffers): the fix replaces both. */
function withToString(call: AstNode): AstNode {
  const member = parentOf(call);
  if (member?.type !== 'MemberExpression' || member.object !== call || memberPropertyName(member) !== 'toString') return call;
  const outer = parentOf(member);
  return outer?.type === 'CallExpression' && outer.callee === member ? outer : call;
}

/**
 * `md5(input) === stored`: the hash is recomputed to check a login against a stored fast hash. A random-salted hash
 * there would never match, so no rewrite is offered; the stored hashes need a migration, not a one-line change.
 */
function isCompared(value: AstNode): boolean {
  const { holder } = valueHolder(value);
  if (holder?.type === 'BinaryExpression') return ['==', '===', '!=', '!=='].includes(holder.operator);
  if (holder?.type !== 'CallExpression') return false;
  const name = lastSegmentName(holder.callee);
  return name === 'timingSafeEqual' || name === 'equals';
}

function enclosingFunction(node: AstNode): AstNode | undefined {
  for (let n = parentOf(node); n; n = parentOf(n)) {
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') return n;
  }
  return undefined;
}

/** True when `value` is what `fn` returns: `return value` in its body, or an arrow function's expression body. */
function isReturnedBy(fn: AstNode, value: AstNode): boolean {
  const { holder, child } = valueHolder(value);
  if (!holder) return false;
  if (holder.type === 'ReturnStatement') return enclosingFunction(holder) === fn;
  return holder === fn && holder.type === 'ArrowFunctionExpression' && holder.body === child;
}

type ObjectProperty = Exclude<TSESTree.ObjectLiteralElement, TSESTree.SpreadElement>;

function objectProperty(object: AstNode | undefined, name: string): ObjectProperty | undefined {
  if (object?.type !== 'ObjectExpression') return undefined;
  for (const p of object.properties) if (p.type === 'Property' && propertyKeyName(p) === name) return p as ObjectProperty;
  return undefined;
}

/** Removes one property from an object literal, with its separating comma. */
function removePropertyChange(object: TSESTree.ObjectExpression, property: ObjectProperty): TextChange {
  const list = object.properties;
  const i = list.indexOf(property);
  if (list.length === 1) return { start: object.range[0], end: object.range[1], text: '{}' };
  if (i < list.length - 1) return { start: property.range[0], end: list[i + 1].range[0], text: '' };
  return { start: list[i - 1].range[1], end: property.range[1], text: '' };
}

function positiveNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

export default defineRule({
  meta: {
    id: 'weak-password-hash',
    description: 'Store passwords, passcodes and PINs only as slow, salted hashes (scrypt, bcrypt, argon2)',
    guideline: ['2.2c'],
    defaultSeverity: 'error',
    why: 'A stolen table of fast (MD5, SHA) or constant-salt password hashes is cracked offline at billions of guesses per second, and every reused password then opens the customer\'s other accounts.',
    howToFix: 'Hash passwords with crypto.scrypt, bcrypt (cost 12 or more) or argon2, with a random per-password salt stored next to the hash; PBKDF2 needs at least 600000 iterations.',
    messages: {
      fastHash: '{{what}} hashed with {{algorithm}}, a fast hash that attackers brute-force at billions of guesses per second; store it with scrypt, bcrypt or argon2 and a random salt (guideline 2.2c).',
      constantSaltHash: '{{what}} hashed with {{algorithm}} and a constant salt, a fast hash that also gives equal passwords equal hashes; store it with scrypt, bcrypt or argon2 and a random per-password salt (guideline 2.2c).',
      constantSalt: '{{kdf}} is given a constant salt, so equal passwords get equal hashes and one precomputed table cracks them all; use a random 16-byte salt per password, stored with the hash (guideline 2.2c).',
      lowBcryptCost: 'bcrypt cost {{cost}} is below {{min}}, which makes each password guess cheap; use a cost of at least 12 (guideline 2.2c).',
      lowIterations: 'PBKDF2 with {{iterations}} iterations is below {{min}}, which makes each password guess cheap; use at least 600000 iterations or scrypt (guideline 2.2c).',
    },
    fixes: {
      useScrypt: 'unsafe',
      useBcrypt: 'unsafe',
      // bcrypt stores its cost in each hash and compare() reads it from there, so existing hashes keep verifying and
      // every new hash verifies the same way; the output was already random per call. Only the time per hash changes.
      raiseCost: 'safe',
      raiseIterations: 'unsafe',
      randomBcryptSalt: 'unsafe',
      removeConstantSalt: 'unsafe',
    },
    defaultOptions: { passwordNames: [], minBcryptCost: 10, minPbkdf2Iterations: 100_000 },
    optionsSchema: {
      type: 'object',
      properties: {
        passwordNames: {
          type: 'array',
          items: { type: 'string' },
          description: 'Extra names (or name parts) that hold passwords in your code, e.g. "secretAnswer", "memorableWord".',
        },
        minBcryptCost: { type: 'integer', minimum: 4, maximum: 31, description: 'Lowest bcrypt cost accepted (default 10).' },
        minPbkdf2Iterations: { type: 'integer', minimum: 1, description: 'Lowest PBKDF2 iteration count accepted (default 100000).' },
      },
      additionalProperties: false,
    },
  },
  // Every report judges a call kept by the CallExpression visitor: a NAMED_CALLS, FAST_HINT or KDF_HINT callee, or a
  // FAST_OBJECT_METHODS method of a FAST_HINT object or `subtle.digest`.
  mayReport: (file) => HASH_CALL_HINT.test(file.text),
  create(context) {
    const scopes = new ScopeTracker();
    const flow = new PasswordFlow(scopes, stringList(context.options.passwordNames));
    let program: TSESTree.Program | undefined;
    const calls: SeenCall[] = [];
    const identifierCalls: SeenCall[] = [];
    const updateCalls: SeenCall[] = [];
    const safeCompares: SeenCall[] = [];
    const enterFunction = (fn: FunctionNode) => scopes.enterFunction(fn);
    const exitFunction = () => scopes.exitFunction();

    return {
      Program(node: TSESTree.Program) {
        program = node;
        scopes.enterProgram(node);
      },
      FunctionDeclaration: enterFunction,
      FunctionExpression: enterFunction,
      ArrowFunctionExpression: enterFunction,
      'FunctionDeclaration:exit': exitFunction,
      'FunctionExpression:exit': exitFunction,
      'ArrowFunctionExpression:exit': exitFunction,
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        scopes.declare(node);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        scopes.assign(node);
      },
      CallExpression(node: CallNode) {
        const callee = unwrap(node.callee);
        const scope = scopes.current;
        if (callee.type === 'Identifier') {
          if (node.arguments.length) identifierCalls.push({ node, scope });
          if (callee.name === 'timingSafeEqual') safeCompares.push({ node, scope });
          if (NAMED_CALLS.has(callee.name) || FAST_HINT.test(callee.name) || KDF_HINT.test(callee.name)) calls.push({ node, scope });
          return;
        }
        if (callee.type !== 'MemberExpression') return;
        const name = memberPropertyName(callee);
        if (!name) return;
        if (name === 'update' && unwrap(callee.object).type === 'Identifier') updateCalls.push({ node, scope });
        if (name === 'timingSafeEqual') safeCompares.push({ node, scope });
        if (NAMED_CALLS.has(name) || FAST_HINT.test(name) || KDF_HINT.test(name)) calls.push({ node, scope });
        else if (FAST_OBJECT_METHODS.has(name)) {
          const objectName = lastSegmentName(unwrap(callee.object)) ?? '';
          if (FAST_HINT.test(objectName) || (name === 'digest' && objectName === 'subtle')) calls.push({ node, scope });
        }
      },
      'Program:exit'() {
        if (program && calls.length) new FileJudgement(context, program, scopes, flow).run(calls, identifierCalls, updateCalls, safeCompares);
      },
    };
  },
});

/** Everything decided once the traversal is over, when every binding of the file is known. */
class FileJudgement {
  private readonly fixes: PasswordHashFixes;
  private readonly minCost: number;
  private readonly minIterations: number;
  private readonly slowKdfCalls = new Set<AstNode>();
  /** Declarators whose value is later hashed by a slow KDF: a fast pre-hash stored there is fine. */
  private readonly kdfInputs = new Set<AstNode>();
  private readonly updatesByDeclarator = new Map<AstNode, AstNode[]>();
  /** Local functions that return a fast hash of one parameter: `const digest = (s) => createHash('sha256')…`. */
  private readonly fastHelpers = new Map<AstNode, { paramIndex: number; algorithm: string }>();
  /** Hash expressions (or their declarators) compared in constant time against a hashed configured value. */
  private readonly equalLengthCompared = new Set<AstNode>();
  private pwnedCheck: boolean | undefined;

  constructor(
    private readonly context: RuleContext,
    program: TSESTree.Program,
    private readonly scopes: ScopeTracker,
    private readonly flow: PasswordFlow,
  ) {
    this.fixes = new PasswordHashFixes(context.source, program, scopes);
    this.minCost = positiveNumber(context.options.minBcryptCost, 10);
    this.minIterations = positiveNumber(context.options.minPbkdf2Iterations, 100_000);
  }

  run(calls: SeenCall[], identifierCalls: SeenCall[], updateCalls: SeenCall[], safeCompares: SeenCall[]): void {
    const categorized: Array<SeenCall & { category: Category }> = [];
    for (const call of calls) {
      const category = this.categorize(call);
      if (!category) continue;
      categorized.push({ ...call, category });
      const slow = category.kind === 'kdf' || category.kind === 'argon2' || (category.kind === 'bcrypt' && category.method.startsWith('hash'));
      if (!slow) continue;
      this.slowKdfCalls.add(call.node);
      const input = call.node.arguments[0] && unwrap(call.node.arguments[0]);
      if (input?.type === 'Identifier') {
        for (const b of this.scopes.resolve(input.name, call.scope)) if (b.declarator) this.kdfInputs.add(b.declarator);
      }
    }
    for (const { node, scope } of updateCalls) {
      const object = unwrap((node.callee as TSESTree.MemberExpression).object) as TSESTree.Identifier;
      if (!node.arguments[0]) continue;
      for (const b of this.scopes.resolve(object.name, scope)) {
        if (!b.declarator) continue;
        const list = this.updatesByDeclarator.get(b.declarator) ?? [];
        list.push(node.arguments[0]);
        this.updatesByDeclarator.set(b.declarator, list);
      }
    }
    for (const call of safeCompares) this.noteEqualLengthCompare(call);
    for (const call of categorized) this.judge(call, call.category);
    if (this.fastHelpers.size) for (const call of identifierCalls) this.judgeHelperCall(call);
  }

  private categorize({ node, scope }: SeenCall): Category | undefined {
    const callee = unwrap(node.callee);
    const member = callee.type === 'MemberExpression' ? callee : undefined;
    const name = member ? memberPropertyName(member) : callee.type === 'Identifier' ? callee.name : undefined;
    if (!name) return undefined;
    const object = member ? unwrap(member.object) : undefined;
    const objectName = object ? lastSegmentName(object) : undefined;
    const origin = object ? (object.type === 'Identifier' ? this.flow.moduleOf(object.name, scope) : undefined) : this.flow.moduleOf(name, scope);
    // A named import is judged by what it is called in its module: `import { hash as bhash } from 'bcrypt'`.
    const exported = !member && origin && origin.imported !== '*' && origin.imported !== 'default' ? origin.imported : name;
    const module = origin?.module;
    if (exported === 'createHash' || exported === 'createHmac') return { kind: 'digest', hmac: exported === 'createHmac' };
    if (BCRYPT_METHODS.has(exported) && ((module && BCRYPT_MODULES.has(module)) || /bcrypt/i.test(objectName ?? ''))) return { kind: 'bcrypt', method: exported };
    if (exported === 'hash' && ((module && ARGON2_MODULES.has(module)) || /argon/i.test(objectName ?? ''))) return { kind: 'argon2' };
    if (exported === 'hash' && ((module && NODE_CRYPTO.has(module)) || objectName === 'crypto')) return { kind: 'oneShot', webCrypto: false };
    if (exported === 'deriveBits' || exported === 'deriveKey') return { kind: 'webCrypto' };
    // `crypto.subtle.digest('SHA-256', data)` takes the algorithm first, like Node's one-shot `crypto.hash`.
    if (exported === 'digest' && objectName === 'subtle') return { kind: 'oneShot', webCrypto: true };
    if (exported === 'PBKDF2' && member) return { kind: 'cryptoJsPbkdf2' };
    const words = identifierWords(exported);
    if (words.includes('scrypt') || words.includes('pbkdf2')) {
      return { kind: 'kdf', variant: words.includes('scrypt') ? 'scrypt' : 'pbkdf2', sync: words.includes('sync') };
    }
    const own = algorithmOfName(exported);
    if (own) return { kind: 'fast', algorithm: own, data: words.includes('hmac') ? 'first' : 'all', rewritable: true };
    // `const md5 = crypto.createHash('md5'); md5.update(pw)`: a hash object is judged where it is created.
    if (object?.type === 'Identifier' && this.scopes.resolve(object.name, scope).some((b) => b.value && unwrap(b.value).type === 'CallExpression')) return undefined;
    const byObject = member && FAST_OBJECT_METHODS.has(exported) && objectName ? algorithmOfName(objectName) : undefined;
    // `sha256.update(pw).hex()` returns a hasher, not the hash: only the one-shot forms can be swapped for a helper call.
    if (byObject) return { kind: 'fast', algorithm: exported === 'hmac' ? `HMAC-${byObject}` : byObject, data: exported === 'hmac' ? 'second' : 'all', rewritable: exported !== 'update' };
    return undefined;
  }

  private judge(call: SeenCall, category: Category): void {
    const { node, scope } = call;
    const args = node.arguments as AstNode[];
    switch (category.kind) {
      case 'digest': {
        const chain = digestChain(node);
        const { holder, child } = valueHolder(node);
        const declarator = holder?.type === 'VariableDeclarator' && holder.init === child ? holder : undefined;
        const viaVariable = declarator ? this.updatesByDeclarator.get(declarator) ?? [] : [];
        const algorithmName = args[0] ? this.flow.stringValue(args[0], scope) : undefined;
        const label = algorithmName ? algorithmLabel(algorithmName) : 'a createHash digest';
        const algorithm = category.hmac ? `HMAC-${label}` : label;
        const target = chain.digested && !viaVariable.length ? chain.outer : undefined;
        this.judgeFastHash(call, [...chain.updates, ...viaVariable], algorithm, chain.outer, target);
        return;
      }
      case 'oneShot': {
        const algorithmName = args[0] ? this.flow.stringValue(args[0], scope) : undefined;
        if (!args[1]) return;
        // WebCrypto runs in browsers and edge runtimes, where Node's scrypt is not available to rewrite to.
        const outer = category.webCrypto && parentOf(node)?.type === 'AwaitExpression' ? parentOf(node)! : node;
        this.judgeFastHash(call, [args[1]], algorithmName ? algorithmLabel(algorithmName) : 'crypto.hash', outer, category.webCrypto ? undefined : node);
        return;
      }
      case 'fast': {
        const data = category.data === 'all' ? args : category.data === 'first' ? args.slice(0, 1) : args.slice(1, 2);
        if (!data.length) return;
        const outer = withToString(node);
        this.judgeFastHash(call, data, category.algorithm, outer, category.rewritable ? outer : undefined);
        return;
      }
      case 'kdf':
        this.judgeNodeKdf(call, category.variant, category.sync);
        return;
      case 'bcrypt':
        this.judgeBcrypt(call, category.method);
        return;
      case 'argon2':
        this.judgeArgon2(call);
        return;
      case 'webCrypto': {
        const params = args[0];
        const algorithm = objectProperty(params, 'name');
        if (!algorithm || !/^pbkdf2$/i.test(this.flow.stringValue(algorithm.value, scope) ?? '')) return;
        const salt = objectProperty(params, 'salt');
        if (salt && this.flow.isConstant(salt.value, scope)) {
          this.context.report({ node, messageId: 'constantSalt', data: { kdf: 'PBKDF2' } });
          return;
        }
        this.judgeIterations(call, objectProperty(params, 'iterations')?.value);
        return;
      }
      case 'cryptoJsPbkdf2': {
        if (!args[0] || this.flow.isKeyMaterial(args[0], scope)) return;
        if (args[1] && this.flow.isConstant(args[1], scope)) {
          this.context.report({ node, messageId: 'constantSalt', data: { kdf: 'PBKDF2' } });
          return;
        }
        this.judgeIterations(call, objectProperty(args[2], 'iterations')?.value);
        return;
      }
    }
  }

  /**
   * A fast hash is a finding when a password is in its data (and it is not a pre-hash fed to bcrypt/scrypt, nor the
   * SHA-1 prefix of a Have I Been Pwned range query). Hashes of a parameter returned from a local function make that
   * function a fast-hash helper whose password-carrying calls are findings in their own right.
   */
  private judgeFastHash(call: SeenCall, data: AstNode[], algorithm: string, outer: AstNode, target: AstNode | undefined): void {
    if (!data.length) return;
    const found = this.flow.describeData(data, call.scope);
    if (!found) {
      this.registerHelper(call, data, algorithm, outer);
      return;
    }
    if (this.feedsSlowKdf(outer) || this.isEqualLengthCompared(outer)) return;
    if (algorithm === 'SHA-1' && this.isPwnedPasswordsCheck()) return;
    this.context.report({
      node: call.node,
      messageId: found.salt === 'constant' ? 'constantSaltHash' : 'fastHash',
      data: { what: KIND_LABEL[found.kind], algorithm },
      fixes: target && !isCompared(target) ? this.passwordFixes(target, found.password) : [],
    });
  }

  private registerHelper(call: SeenCall, data: AstNode[], algorithm: string, outer: AstNode): void {
    if (data.length !== 1) return;
    const arg = unwrap(data[0]);
    if (arg.type !== 'Identifier') return;
    const bindings = this.scopes.resolve(arg.name, call.scope);
    if (bindings.length !== 1) return;
    const [b] = bindings;
    if (b.via !== 'param' || b.path.length || !b.fn || b.paramIndex === undefined || !isReturnedBy(b.fn, outer)) return;
    this.fastHelpers.set(b.fn, { paramIndex: b.paramIndex, algorithm });
  }

  private judgeHelperCall({ node, scope }: SeenCall): void {
    const callee = unwrap(node.callee) as TSESTree.Identifier;
    let helper: { paramIndex: number; algorithm: string } | undefined;
    for (const b of this.scopes.resolve(callee.name, scope)) {
      const fn = b.value ? unwrap(b.value) : undefined;
      if (fn && (b.via === 'function' || (b.via === 'declare' && !b.path.length))) helper ??= this.fastHelpers.get(fn);
    }
    const arg = helper && node.arguments[helper.paramIndex];
    if (!helper || !arg) return;
    const found = this.flow.describeData([arg], scope);
    if (!found || this.feedsSlowKdf(node)) return;
    this.context.report({
      node,
      messageId: found.salt === 'constant' ? 'constantSaltHash' : 'fastHash',
      data: { what: KIND_LABEL[found.kind], algorithm: helper.algorithm },
      fixes: isCompared(node) ? [] : this.passwordFixes(node, found.password),
    });
  }

  private judgeNodeKdf({ node, scope }: SeenCall, variant: 'scrypt' | 'pbkdf2', sync: boolean): void {
    const [input, salt, iterations] = node.arguments as AstNode[];
    if (!input || !salt || this.flow.isKeyMaterial(input, scope)) return;
    if (this.flow.isConstant(salt, scope)) {
      // Callback and promise forms keep their shape only with a hand-written change; the sync form is rewritten.
      const target = sync ? withToString(node) : undefined;
      this.context.report({
        node,
        messageId: 'constantSalt',
        data: { kdf: variant === 'scrypt' ? 'scrypt' : 'PBKDF2' },
        fixes: target ? this.passwordFixes(target, input) : [],
      });
      return;
    }
    if (variant === 'pbkdf2') this.judgeIterations({ node, scope }, iterations);
  }

  private judgeIterations({ node, scope }: SeenCall, iterations: AstNode | undefined): void {
    // Tests lower work factors on purpose, to stay fast.
    if (!iterations || this.context.source.isTestFile) return;
    const count = this.flow.numberValue(iterations, scope);
    if (!count || count.value >= this.minIterations) return;
    const target = Math.max(TARGET_PBKDF2_ITERATIONS, this.minIterations);
    this.context.report({
      node,
      messageId: 'lowIterations',
      data: { iterations: count.value, min: this.minIterations },
      fixes: [{
        id: 'raiseIterations',
        title: `Raise the PBKDF2 iterations to ${target}`,
        changes: [{ start: count.literal.range[0], end: count.literal.range[1], text: String(target) }],
      }],
    });
  }

  private judgeBcrypt({ node, scope }: SeenCall, method: string): void {
    const args = node.arguments as AstNode[];
    const hashing = method === 'hash' || method === 'hashSync';
    if (hashing && (!args[0] || this.flow.isKeyMaterial(args[0], scope))) return;
    const costArg = hashing ? args[1] : args[0];
    if (!costArg) return;
    const target = Math.max(TARGET_BCRYPT_COST, this.minCost);
    if (hashing && this.flow.stringValue(costArg, scope) !== undefined) {
      this.context.report({
        node,
        messageId: 'constantSalt',
        data: { kdf: 'bcrypt' },
        fixes: [{
          id: 'randomBcryptSalt',
          title: `Let bcrypt generate a random salt (cost ${target})`,
          changes: [{ start: costArg.range[0], end: costArg.range[1], text: String(target) }],
        }],
      });
      return;
    }
    if (this.context.source.isTestFile) return;
    const cost = this.flow.numberValue(costArg, scope);
    if (!cost || cost.value >= this.minCost) return;
    this.context.report({
      node,
      messageId: 'lowBcryptCost',
      data: { cost: cost.value, min: this.minCost },
      fixes: [{
        id: 'raiseCost',
        title: `Raise the bcrypt cost to ${target}`,
        changes: [{ start: cost.literal.range[0], end: cost.literal.range[1], text: String(target) }],
      }],
    });
  }

  private judgeArgon2({ node, scope }: SeenCall): void {
    const [input, options] = node.arguments as AstNode[];
    if (!input || this.flow.isKeyMaterial(input, scope) || options?.type !== 'ObjectExpression') return;
    const salt = objectProperty(options, 'salt');
    if (!salt || !this.flow.isConstant(salt.value, scope)) return;
    this.context.report({
      node,
      messageId: 'constantSalt',
      data: { kdf: 'argon2' },
      fixes: [{ id: 'removeConstantSalt', title: 'Let argon2 generate a random salt', changes: [removePropertyChange(options, salt)] }],
    });
  }

  /** Rewrite to bcrypt where the file already uses it, to scrypt with a stored random salt otherwise. */
  private passwordFixes(target: AstNode, password: AstNode): Array<{ id: string; title: string; changes: TextChange[] }> {
    const bcrypt = this.fixes.bcryptName();
    if (bcrypt) {
      const cost = Math.max(TARGET_BCRYPT_COST, this.minCost);
      return [{ id: 'useBcrypt', title: `Hash with ${bcrypt} at cost ${cost}`, changes: this.fixes.bcryptRewrite(target, password, bcrypt, cost) }];
    }
    const changes = this.fixes.scryptRewrite(target, password);
    return changes ? [{ id: 'useScrypt', title: 'Hash with crypto.scryptSync and a random salt stored with the hash', changes }] : [];
  }

  /**
   * `timingSafeEqual(sha256(submitted), sha256(process.env.ADMIN_PASSWORD))`: both sides are hashed only to give them
   * equal lengths for a constant-time comparison with a configured value; nothing is stored. Marks the password side.
   */
  private noteEqualLengthCompare({ node, scope }: SeenCall): void {
    const [a, b] = node.arguments as AstNode[];
    if (!a || !b) return;
    const sides = [this.comparedValue(a, scope), this.comparedValue(b, scope)];
    const hashesConstant = sides.map((side) => {
      const data = side && hashedData(side.value);
      return !!data?.length && data.every((d) => this.flow.isConstant(d, side!.scope));
    });
    sides.forEach((side, i) => {
      if (side && hashesConstant[1 - i]) this.equalLengthCompared.add(side.declarator ?? side.value);
    });
  }

  /** What a `timingSafeEqual` argument holds: the expression itself, or a constant's initialiser (`Buffer.from(x)` unwrapped). */
  private comparedValue(arg: AstNode, scope: Scope | undefined): { value: AstNode; declarator?: AstNode; scope: Scope | undefined } | undefined {
    let value = unwrap(arg);
    if (value.type === 'CallExpression' && lastSegmentName(value.callee) === 'from' && value.arguments[0]) value = unwrap(value.arguments[0]);
    if (value.type !== 'Identifier') return { value, scope };
    const bindings = this.scopes.resolve(value.name, scope);
    const b = bindings.length === 1 ? bindings[0] : undefined;
    if (!b || b.via !== 'declare' || b.path.length || !b.value || !b.declarator) return undefined;
    return { value: unwrap(b.value), declarator: b.declarator, scope: b.scope };
  }

  private isEqualLengthCompared(outer: AstNode): boolean {
    if (!this.equalLengthCompared.size) return false;
    const { holder, child } = valueHolder(outer);
    return this.equalLengthCompared.has(outer) || (holder?.type === 'VariableDeclarator' && holder.init === child && this.equalLengthCompared.has(holder));
  }

  /** `bcrypt.hash(sha256(pw), 12)` or `const pre = sha256(pw); … bcrypt.hash(pre, 12)`: a pre-hash, not the stored hash. */
  private feedsSlowKdf(outer: AstNode): boolean {
    const { holder, child } = valueHolder(outer);
    if (holder?.type === 'CallExpression') return holder.arguments[0] === child && this.slowKdfCalls.has(holder);
    if (holder?.type === 'VariableDeclarator') return holder.init === child && this.kdfInputs.has(holder);
    return false;
  }

  /** Have I Been Pwned's range API takes the first five hex digits of a password's SHA-1: a lookup, not storage. */
  private isPwnedPasswordsCheck(): boolean {
    this.pwnedCheck ??= /pwnedpasswords|haveibeenpwned/i.test(this.context.source.text);
    return this.pwnedCheck;
  }
}
