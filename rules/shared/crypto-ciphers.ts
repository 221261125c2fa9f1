// Cipher creation calls (homemade-crypto): node:crypto, crypto-js, node-forge and Web Crypto; algorithm, mode, key and IV.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AstNode, SourceFile, TextChange } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName } from './ast';
import { insertBeforeStatement, type CryptoImports } from './crypto-edits';
import { requiredModule, unwrap, type CryptoScope, type CryptoScopes } from './crypto-scope';
import { propertyOf, type Origin, type ValueOrigins } from './crypto-values';

const NODE_CRYPTO = new Set(['crypto', 'node:crypto']);
const NODE_CIPHER_METHODS = new Set(['createCipher', 'createDecipher', 'createCipheriv', 'createDecipheriv']);
/** crypto-js cipher objects: `CryptoJS.AES.encrypt(…)`, `TripleDES.decrypt(…)`. */
const CRYPTO_JS_CIPHERS = new Set(['AES', 'DES', 'TripleDES', 'RC4', 'RC4Drop', 'Blowfish']);
const CRYPTO_JS_METHODS = new Set(['encrypt', 'decrypt']);

interface WeakCipher {
  cipher: string;
  weakness: string;
}

const SWEET32 = 'has 64-bit blocks, so long-lived keys leak plaintext through block collisions (Sweet32)';
const WEAK_CIPHERS: Array<[RegExp, WeakCipher]> = [
  [/^(?:des-ede3|des3|3des|des-ede|desede|tripledes|triple-des)/, { cipher: 'Triple DES', weakness: `${SWEET32} and is withdrawn by NIST` }],
  [/^desx/, { cipher: 'DES-X', weakness: SWEET32 }],
  [/^des(?:$|[-/])/, { cipher: 'single DES', weakness: 'has a 56-bit key that can be brute-forced in hours' }],
  [/^a?rc4/, { cipher: 'RC4', weakness: 'has biased key streams that leak plaintext and is banned from TLS' }],
  [/^rc2(?:$|[-/])/, { cipher: 'RC2', weakness: SWEET32 }],
  [/^(?:bf|blowfish)(?:$|[-/])/, { cipher: 'Blowfish', weakness: SWEET32 }],
  [/^cast(?:5|128)?(?:$|[-/])/, { cipher: 'CAST5', weakness: SWEET32 }],
  [/^idea(?:$|[-/])/, { cipher: 'IDEA', weakness: SWEET32 }],
];
const CRYPTO_JS_WEAK: Record<string, string> = { DES: 'des', TripleDES: 'tripledes', RC4: 'rc4', RC4Drop: 'rc4', Blowfish: 'blowfish' };

export function weakCipherOf(algorithm: string): WeakCipher | undefined {
  const alg = algorithm.toLowerCase();
  return WEAK_CIPHERS.find(([re]) => re.test(alg))?.[1];
}

/** `aes-128-ecb`, `AES-ECB` (node-forge), `AES/ECB/PKCS5Padding` (Java-style names). */
export function isEcb(algorithm: string): boolean {
  return /(?:^|-)ecb$|\/ecb(?:\/|$)/i.test(algorithm);
}

/** Algorithms that take no IV or a fixed one by design (key wrap, stream ciphers without a nonce). */
function takesNoIv(algorithm: string): boolean {
  return /wrap|^a?rc4/i.test(algorithm);
}

export type CipherReport =
  | { messageId: 'noIv'; data: { callee: string; replacement: string }; fix?: CipherFix }
  | { messageId: 'weakCipher'; data: { algorithm: string; cipher: string; weakness: string } }
  | { messageId: 'ecbMode'; data: { algorithm: string } }
  | { messageId: 'literalKey'; data: { api: string; source: string } }
  | { messageId: 'constantIv'; data: { api: string; source: string } };

export interface CipherFix {
  id: 'useCipheriv';
  title: string;
  changes: TextChange[];
}

export interface CipherCall {
  node: TSESTree.CallExpression;
  scope: CryptoScope | undefined;
}

type Flavour =
  | { kind: 'node'; method: string }
  | { kind: 'forge' }
  | { kind: 'cryptoJs'; cipher: string; cipherNode: AstNode }
  | { kind: 'subtle' };

/** Cheap test during the traversal: could this call create a cipher? */
export function mightCreateCipher(call: TSESTree.CallExpression, cryptoImportNames: ReadonlySet<string>): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return NODE_CIPHER_METHODS.has(callee.name) || cryptoImportNames.has(callee.name);
  if (callee.type !== 'MemberExpression') return false;
  const method = memberPropertyName(callee);
  if (method === undefined) return false;
  if (NODE_CIPHER_METHODS.has(method)) return true;
  if (!CRYPTO_JS_METHODS.has(method)) return false;
  const owner = lastSegmentName(unwrap(callee.object));
  return owner !== undefined && (CRYPTO_JS_CIPHERS.has(owner) || owner === 'subtle');
}

/** The span a cipher finding covers: the method name (`createCipheriv`, `encrypt`), which sits on the call's line. */
export function cipherReportSpan(call: TSESTree.CallExpression): [number, number] {
  const callee = unwrap(call.callee);
  if (callee.type === 'MemberExpression') return callee.property.range;
  return callee.range;
}

function describeIvOrigin(origin: Origin): string {
  switch (origin.kind) {
    case 'literal':
    case 'literalFallback':
      return 'is written in the code';
    case 'module':
      return `is the module-level value \`${origin.name}\`, computed once`;
    case 'env':
      return 'is read from configuration, fixed for the deployment';
    case 'instance':
      return `is the field \`${origin.name}\`, set once per object`;
  }
}

/** Calls that draw fresh random bytes. */
const RANDOM_SOURCES = new Set(['getRandomValues', 'randomBytes', 'randomFillSync', 'randomUUID']);

/** `await x` → `x` (through parentheses and type assertions). */
function awaited(node: AstNode): AstNode {
  const n = unwrap(node);
  return n.type === 'AwaitExpression' ? unwrap(n.argument as AstNode) : n;
}

/** Judges cipher creation calls once every binding of the file is known. */
export class CipherCalls {
  constructor(
    private readonly source: SourceFile,
    private readonly scopes: CryptoScopes,
    private readonly values: ValueOrigins,
    private readonly imports: CryptoImports | undefined,
  ) {}

  /** Every defect of one call, in the order they are reported: algorithm or API first, then the key, then the IV. */
  judge(call: CipherCall): CipherReport[] {
    const flavour = this.flavourOf(call);
    if (!flavour) return [];
    switch (flavour.kind) {
      case 'node':
        return this.judgeNode(call, flavour.method);
      case 'forge':
        return this.judgeForge(call);
      case 'cryptoJs':
        return this.judgeCryptoJs(call, flavour.cipher, flavour.cipherNode);
      case 'subtle':
        return this.judgeSubtle(call);
    }
  }

  private flavourOf({ node, scope }: CipherCall): Flavour | undefined {
    const callee = unwrap(node.callee);
    if (callee.type === 'Identifier') {
      const binding = this.scopes.resolve(callee.name, scope);
      // Only node:crypto's own functions: a local `createCipher` helper is somebody's wrapper, judged where it calls crypto.
      if (!binding?.module || !NODE_CRYPTO.has(binding.module)) return undefined;
      const imported = binding.kind === 'import' ? binding.imported : binding.path[0];
      return imported && NODE_CIPHER_METHODS.has(imported) ? { kind: 'node', method: imported } : undefined;
    }
    if (callee.type !== 'MemberExpression') return undefined;
    const method = memberPropertyName(callee);
    if (method === undefined) return undefined;
    const owner = unwrap(callee.object);
    const ownerName = lastSegmentName(owner);
    if (NODE_CIPHER_METHODS.has(method)) {
      // node-forge: `forge.cipher.createCipher('AES-CBC', key)`; its IV goes to `cipher.start({ iv })`.
      if (ownerName === 'cipher' && owner.type === 'MemberExpression') return method === 'createCipher' || method === 'createDecipher' ? { kind: 'forge' } : undefined;
      return this.isNodeCrypto(owner, scope) ? { kind: 'node', method } : undefined;
    }
    if (ownerName === 'subtle') return { kind: 'subtle' };
    if (ownerName && CRYPTO_JS_CIPHERS.has(ownerName)) return { kind: 'cryptoJs', cipher: ownerName, cipherNode: owner };
    return undefined;
  }

  /**
   * `crypto`, `nodeCrypto`, `this.crypto`, `require('crypto')`, or any name bound to node:crypto; a method of some
   * other object (`this.vault.createCipher(key)`) is the team's own wrapper.
   */
  private isNodeCrypto(owner: AstNode, scope: CryptoScope | undefined): boolean {
    const module = requiredModule(owner);
    if (module !== undefined) return NODE_CRYPTO.has(module);
    const name = lastSegmentName(owner);
    if (!name) return false;
    if (owner.type === 'Identifier') {
      const binding = this.scopes.resolve(name, scope);
      if (binding?.module && NODE_CRYPTO.has(binding.module)) return true;
    }
    return /crypto/i.test(name);
  }

  private judgeNode(call: CipherCall, method: string): CipherReport[] {
    const { node, scope } = call;
    const args = node.arguments as AstNode[];
    const out: CipherReport[] = [];
    const api = method;
    if (method === 'createCipher' || method === 'createDecipher') {
      // The deprecated API is the defect; the algorithm argument goes away with its fix.
      out.push({ messageId: 'noIv', data: { callee: method, replacement: `${method}iv` }, fix: method === 'createCipher' ? this.cipherivFix(call) : undefined });
      this.keyReport(args[1], scope, api, out);
      return out;
    }
    const algorithm = this.values.stringValue(args[0], scope);
    let usesIv = true;
    if (algorithm !== undefined) {
      const shown = `\`${this.algorithmText(args[0], algorithm)}\``;
      const weak = weakCipherOf(algorithm);
      if (weak) out.push({ messageId: 'weakCipher', data: { algorithm: shown, ...weak } });
      else if (isEcb(algorithm)) out.push({ messageId: 'ecbMode', data: { algorithm: shown } });
      usesIv = !isEcb(algorithm) && !takesNoIv(algorithm) && !/ede3?$/i.test(algorithm);
    }
    this.keyReport(args[1], scope, api, out);
    if (usesIv) this.ivReport(args[2], scope, api, out);
    return out;
  }

  /** How an algorithm is shown in messages: its value, or the template as written (`aes-${bits}-ecb`). */
  private algorithmText(arg: AstNode, value: string): string {
    const n = unwrap(arg);
    return n.type === 'TemplateLiteral' && n.expressions.length ? this.source.getText(n).slice(1, -1) : value;
  }

  private judgeForge({ node, scope }: CipherCall): CipherReport[] {
    const args = node.arguments as AstNode[];
    const out: CipherReport[] = [];
    const algorithm = this.values.stringValue(args[0], scope);
    if (algorithm !== undefined) {
      const weak = weakCipherOf(algorithm);
      if (weak) out.push({ messageId: 'weakCipher', data: { algorithm: `\`${algorithm}\``, ...weak } });
      else if (isEcb(algorithm)) out.push({ messageId: 'ecbMode', data: { algorithm: `\`${algorithm}\`` } });
    }
    this.keyReport(args[1], scope, 'createCipher', out);
    return out;
  }

  private judgeCryptoJs({ node, scope }: CipherCall, cipher: string, cipherNode: AstNode): CipherReport[] {
    const args = node.arguments as AstNode[];
    const out: CipherReport[] = [];
    const label = this.source.getText(cipherNode);
    const api = `${cipher}.${memberPropertyName(unwrap(node.callee) as TSESTree.MemberExpression)}`;
    const options = this.values.objectValue(args[2], scope);
    const mode = options ? propertyOf(options, 'mode') : undefined;
    const ecb = mode !== undefined && lastSegmentName(unwrap(mode)) === 'ECB';
    const weakName = CRYPTO_JS_WEAK[cipher];
    const weak = weakName ? weakCipherOf(weakName) : undefined;
    if (weak) out.push({ messageId: 'weakCipher', data: { algorithm: `\`${label}\``, ...weak } });
    else if (ecb) out.push({ messageId: 'ecbMode', data: { algorithm: `\`${this.source.getText(mode!)}\`` } });
    this.keyReport(args[1], scope, api, out);
    // A string key is a passphrase: crypto-js then derives the key and a random IV itself, and ignores `iv`.
    const passphrase = args[1] !== undefined && this.values.stringValue(args[1], scope) !== undefined;
    const iv = options ? propertyOf(options, 'iv') : undefined;
    if (iv && !ecb && !passphrase && cipher !== 'RC4' && cipher !== 'RC4Drop') this.ivReport(iv, scope, api, out);
    return out;
  }

  private judgeSubtle({ node, scope }: CipherCall): CipherReport[] {
    const algorithm = this.values.objectValue(node.arguments[0] as AstNode | undefined, scope);
    if (!algorithm) return [];
    const out: CipherReport[] = [];
    const api = `subtle.${memberPropertyName(unwrap(node.callee) as TSESTree.MemberExpression)}`;
    const iv = propertyOf(algorithm, 'iv') ?? propertyOf(algorithm, 'counter');
    if (iv && !this.isFreshKey(node.arguments[1] as AstNode | undefined, scope)) this.ivReport(iv, scope, api, out);
    return out;
  }

  /**
   * A key made for this one message, so that a fixed IV is never used twice with it: a local constant from
   * `subtle.generateKey(…)`, or derived (`deriveKey(baseKey, nonce, …)`) from a value drawn at random in the same
   * function (`getRandomValues`, `randomBytes`) — as MSAL's browser cache encrypts. Not a parameter, not a module value.
   */
  private isFreshKey(key: AstNode | undefined, scope: CryptoScope | undefined): boolean {
    const init = this.localInit(key, scope);
    if (init?.type !== 'CallExpression') return false;
    if (lastSegmentName(unwrap(init.callee as AstNode)) === 'generateKey') return true;
    return (init.arguments as AstNode[]).some((arg) => {
      const value = this.localInit(arg, scope) ?? awaited(arg);
      return value.type === 'CallExpression' && RANDOM_SOURCES.has(lastSegmentName(unwrap(value.callee as AstNode)) ?? '');
    });
  }

  /** The value a local constant of a function was declared with (awaited), or undefined. */
  private localInit(node: AstNode | undefined, scope: CryptoScope | undefined): AstNode | undefined {
    if (!node) return undefined;
    const n = unwrap(node);
    if (n.type !== 'Identifier') return undefined;
    const binding = this.scopes.resolve(n.name, scope);
    if (!binding?.init || binding.reassigned || binding.path.length || binding.kind === 'param' || this.scopes.isModuleScope(binding.scope)) return undefined;
    return awaited(binding.init);
  }

  private keyReport(key: AstNode | undefined, scope: CryptoScope | undefined, api: string, out: CipherReport[]): void {
    const origin = this.values.originOf(key, scope);
    if (origin?.kind === 'literal') out.push({ messageId: 'literalKey', data: { api, source: 'is written in the code' } });
    else if (origin?.kind === 'literalFallback') out.push({ messageId: 'literalKey', data: { api, source: 'falls back to a value written in the code' } });
  }

  private ivReport(iv: AstNode | undefined, scope: CryptoScope | undefined, api: string, out: CipherReport[]): void {
    const origin = this.values.originOf(iv, scope);
    if (origin) out.push({ messageId: 'constantIv', data: { api, source: describeIvOrigin(origin) } });
  }

  /**
   * `crypto.createCipher(alg, key)` → `crypto.createCipheriv('aes-256-gcm', key, iv)` with `const iv = crypto.randomBytes(12)`
   * declared before the statement. Not offered at module level (the IV would again be one value for every message),
   * nor where no statement can take the declaration.
   */
  private cipherivFix({ node, scope }: CipherCall): CipherFix | undefined {
    const args = node.arguments as AstNode[];
    if (args.length !== 2 || args.some((a) => a.type === 'SpreadElement') || !this.imports || this.scopes.isModuleScope(scope)) return undefined;
    const ivName = ['iv', 'cipherIv'].find((n) => !this.scopes.isBound(n, scope));
    if (!ivName) return undefined;
    const callee = unwrap(node.callee);
    let createCipheriv: string;
    let randomBytes: string;
    let importEdits: TextChange[] = [];
    if (callee.type === 'MemberExpression') {
      const owner = this.source.getText(callee.object);
      createCipheriv = `${owner}.createCipheriv`;
      randomBytes = `${owner}.randomBytes`;
    } else {
      const reference = this.imports.reference(['createCipheriv', 'randomBytes']);
      if (!reference) return undefined;
      [createCipheriv, randomBytes] = reference.names;
      importEdits = reference.edits;
    }
    const { quote } = this.imports.style;
    const declaration = insertBeforeStatement(this.source, node, `const ${ivName} = ${randomBytes}(12)`, this.imports.style);
    if (!declaration) return undefined;
    return {
      id: 'useCipheriv',
      title: 'Use createCipheriv with AES-256-GCM and a random IV',
      changes: [
        declaration,
        { start: callee.range[0], end: callee.range[1], text: createCipheriv },
        { start: args[0].range[0], end: args[0].range[1], text: `${quote}aes-256-gcm${quote}` },
        { start: args[1].range[1], end: args[1].range[1], text: `, ${ivName}` },
        ...importEdits,
      ],
    };
  }
}
