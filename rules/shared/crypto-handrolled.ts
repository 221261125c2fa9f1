// Hand-rolled ciphers (homemade-crypto): functions named like encrypt/encode/obfuscate that XOR or shift character codes.
import type { AstNode } from '../../server/src/engine';
import { memberPropertyName } from './ast';
import { identifierWords } from './identifiers';
import { functionName, isCallbackArgument, isCipherLikeName, type FunctionName } from './crypto-names';
import { isFunctionNode, parentOf, unwrap, type CryptoScope, type CryptoScopes } from './crypto-scope';

export interface HandRolledCipher {
  kind: 'xor' | 'shift';
  name: FunctionName;
}

const CHAR_CODE_METHODS = new Set(['charCodeAt', 'codePointAt', 'readUInt8', 'readUint8']);
const ARITHMETIC = new Set(['+', '-', '%', '*', '&', '|', '^', '>>', '<<', '>>>']);
const MAX_DEPTH = 4;

/** The function a cipher operation belongs to: the nearest named function, looking through anonymous callbacks. */
function owningFunction(node: AstNode): { fn: AstNode; name: FunctionName } | undefined {
  for (let n = parentOf(node); n; n = parentOf(n)) {
    if (!isFunctionNode(n)) continue;
    const name = functionName(n);
    if (name) return { fn: n, name };
    if (!isCallbackArgument(n)) return undefined;
  }
  return undefined;
}

/** XOR and character-shift operations seen during the traversal, judged once bindings are known. */
export class HandRolledCiphers {
  private readonly xors: Array<{ node: AstNode; scope: CryptoScope | undefined }> = [];
  private readonly shifts: Array<{ node: AstNode; scope: CryptoScope | undefined }> = [];

  constructor(private readonly scopes: CryptoScopes) {}

  noteXor(node: AstNode, scope: CryptoScope | undefined): void {
    this.xors.push({ node, scope });
  }

  /** `String.fromCharCode(…)` / `String.fromCodePoint(…)`: where a shift cipher turns codes back into text. */
  noteFromCharCode(node: AstNode, scope: CryptoScope | undefined): void {
    this.shifts.push({ node, scope });
  }

  /** One finding per cipher-named function that XORs data bytes or shifts character codes (XOR wins when both). */
  find(): HandRolledCipher[] {
    const byFunction = new Map<AstNode, HandRolledCipher>();
    for (const { node, scope } of this.xors) {
      if (!this.isDataXor(node, scope)) continue;
      const owner = owningFunction(node);
      if (owner && isCipherLikeName(owner.name.name)) byFunction.set(owner.fn, { kind: 'xor', name: owner.name });
    }
    for (const { node, scope } of this.shifts) {
      if (node.type !== 'CallExpression' || !node.arguments.some((a) => this.hasShiftedCode(a as AstNode, scope, 0))) continue;
      const owner = owningFunction(node);
      if (owner && !byFunction.has(owner.fn) && isCipherLikeName(owner.name.name)) byFunction.set(owner.fn, { kind: 'shift', name: owner.name });
    }
    return [...byFunction.values()].sort((a, b) => a.name.span[0] - b.name.span[0]);
  }

  /** `a ^ b` (or `a ^= b`) where one side is a character code or a byte of data, and no side is a WebSocket mask. */
  private isDataXor(node: AstNode, scope: CryptoScope | undefined): boolean {
    const operands = node.type === 'BinaryExpression' ? [node.left, node.right]
      : node.type === 'AssignmentExpression' ? [node.left, node.right] : [];
    if (operands.length !== 2) return false;
    if (operands.some((o) => mentionsMask(o as AstNode))) return false;
    return operands.some((o) => this.isCharData(o as AstNode, scope, 0));
  }

  /** A character code (`s.charCodeAt(i)`), a byte (`buf[i]`), or a variable holding one, possibly inside arithmetic. */
  private isCharData(node: AstNode, scope: CryptoScope | undefined, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const n = unwrap(node);
    if (isCharCodeCall(n)) return true;
    if (n.type === 'MemberExpression') return n.computed;
    if (n.type === 'BinaryExpression' && ARITHMETIC.has(n.operator)) {
      return this.isCharData(n.left as AstNode, scope, depth + 1) || this.isCharData(n.right, scope, depth + 1);
    }
    if (n.type === 'Identifier') {
      const binding = this.scopes.resolve(n.name, scope);
      return binding?.init !== undefined && binding.path.length === 0 && binding.kind !== 'param' && this.isCharData(binding.init, binding.scope, depth + 1);
    }
    return false;
  }

  /** A character code moved by an amount: `c.charCodeAt(0) + shift`, `(code - 65 + k) % 26 + 65`. */
  private hasShiftedCode(node: AstNode, scope: CryptoScope | undefined, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const n = unwrap(node);
    if (n.type !== 'BinaryExpression') return false;
    if (n.operator === '+' || n.operator === '-') {
      const left = n.left as AstNode;
      const right = n.right;
      if (this.isCharCode(left, scope) && !isZero(right)) return true;
      if (n.operator === '+' && this.isCharCode(right, scope) && !isZero(left)) return true;
    }
    if (n.operator !== '+' && n.operator !== '-' && n.operator !== '%') return false;
    return this.hasShiftedCode(n.left as AstNode, scope, depth + 1) || this.hasShiftedCode(n.right, scope, depth + 1);
  }

  private isCharCode(node: AstNode, scope: CryptoScope | undefined): boolean {
    const n = unwrap(node);
    if (isCharCodeCall(n)) return true;
    if (n.type !== 'Identifier') return false;
    const binding = this.scopes.resolve(n.name, scope);
    return binding?.init !== undefined && binding.path.length === 0 && binding.kind !== 'param' && isCharCodeCall(unwrap(binding.init));
  }
}

function isCharCodeCall(node: AstNode): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = memberPropertyName(callee);
  return method !== undefined && CHAR_CODE_METHODS.has(method);
}

function isZero(node: AstNode): boolean {
  const n = unwrap(node);
  return n.type === 'Literal' && n.value === 0;
}

/** WebSocket frames XOR their payload with a masking key by protocol; that is not encryption. */
function mentionsMask(node: AstNode): boolean {
  const n = unwrap(node);
  const name = n.type === 'Identifier' ? n.name
    : n.type === 'MemberExpression' ? (memberPropertyName(n) === undefined || n.computed ? rootName(n) : memberPropertyName(n))
      : undefined;
  return name !== undefined && identifierWords(name).some((w) => w === 'mask' || w === 'masking');
}

function rootName(node: AstNode): string | undefined {
  let n = unwrap(node);
  while (n.type === 'MemberExpression') n = unwrap(n.object);
  return n.type === 'Identifier' ? n.name : undefined;
}
