// Local data flow for sensitive data at rest: which expressions carry a card number, bank account or national id in plain text.
import type { AstNode } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue } from './ast';
import { isDescriptorObjectName } from './card-data-names';
import {
  isProtectedName, isProtectingCallName, ownerContextOf, sensitiveKindInText, sensitiveKindOfName,
  type OwnerContext, type SensitiveKind,
} from './unencrypted-names';

/** A sensitive value found inside an expression, and the smallest node that holds it (what a fix would wrap). */
export interface Carried {
  kind: SensitiveKind;
  node: AstNode;
}

/**
 * Calls that return their input in another shape, still readable: stringified, trimmed, re-encoded (base64 is not
 * encryption). Any other call's result (a validator's boolean, a provider token) is not the value.
 */
const CARRYING_CALLS = new Set([
  'stringify', 'String', 'Number', 'BigInt', 'parseInt', 'trim', 'trimStart', 'trimEnd', 'toString', 'padStart', 'padEnd',
  'replace', 'replaceAll', 'toUpperCase', 'toLowerCase', 'from', 'encode', 'encodeURIComponent', 'escape', 'btoa',
  'assign', 'concat', 'join', 'normalize', 'serialize', 'valueOf', 'structuredClone', 'val', 'toJSON',
]);
/** Reads of a named field: `formData.get('iban')`, `getValues('cardNumber')`, `$('#pan').val()`. */
const FIELD_READS = new Set(['get', 'getAll', 'param', 'getFieldValue', 'getValues', 'watch']);
const SELECTORS = new Set(['getElementById', 'querySelector', '$', 'jQuery', 'find']);
/** Form-state initialisers: the state holds the card in memory (fine) and carries it to a later storage write. */
const STATE_HOOKS = new Set(['useState', 'useReducer', 'reactive', 'ref', 'useImmer', 'signal', 'createSignal', 'writable']);
/** Characters a masking `replace(…, '*')` or `padStart(16, '•')` writes in place of digits. */
const MASK_TEXT = /^[*•xX#·●]+$/;

/** Calls that only re-encode bytes (`toBase64`, `bufferToHex`, `encodeBase64`), and those that give the plain value back. */
const ENCODING_CALL = /base64|hex|encode/i;
const REVEALING_CALL = /decrypt|decipher|unseal|unmask|detokeni|reveal/i;

const MAX_DEPTH = 8;

type Known = SensitiveKind | null | { field: SensitiveKind };

/** True for a value that can hold data, as opposed to a literal, `undefined`, a function or a class. */
export function isStorableValue(node: AstNode): boolean {
  switch (node.type) {
    case 'Literal':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
    case 'ClassExpression':
      return false;
    case 'Identifier':
      return node.name !== 'undefined';
    case 'TemplateLiteral':
      return node.expressions.length > 0;
    case 'UnaryExpression':
      return node.operator !== 'void' && node.operator !== '!' && node.operator !== 'typeof';
    default:
      return true;
  }
}

/** Per-function record of variables holding sensitive data (a kind), known clean values (`null`) and input handles. */
export class SensitiveScopes {
  private readonly stack: Array<Map<string, Known>> = [new Map()];

  /** @param isHelperCall the team's configured encrypt helpers, which protect what they wrap. */
  constructor(private readonly isHelperCall: (callee: AstNode) => boolean = () => false) {}

  enterFunction(): void {
    this.stack.push(new Map());
  }

  exitFunction(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  set(name: string, known: Known): void {
    this.stack[this.stack.length - 1].set(name, known);
  }

  private lookup(name: string): Known | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const scope = this.stack[i];
      if (scope.has(name)) return scope.get(name);
    }
    return undefined;
  }

  /** Records what a declaration or assignment binds: `const pan = req.body.cardNumber`, `const { iban } = dto`. */
  bind(target: AstNode, init: AstNode | null | undefined): void {
    if (target.type === 'Identifier') {
      if (!init) return;
      if (this.isProtected(init)) { this.set(target.name, null); return; }
      const field = selectedField(init);
      if (field) { this.set(target.name, { field }); return; }
      const carried = this.carried(init);
      if (carried.length) { this.set(target.name, carried[0].kind); return; }
      const stateKind = init.type === 'CallExpression' && STATE_HOOKS.has(lastSegmentName(init.callee) ?? '') && init.arguments[0]
        ? fieldNamedIn(init.arguments[0], ownerContextOf(target.name), 0) : undefined;
      if (stateKind) this.set(target.name, stateKind);
      return;
    }
    if (target.type === 'ObjectPattern') {
      const context = init ? ownerContextOf(lastSegmentName(init)) : undefined;
      for (const prop of target.properties) {
        if (prop.type !== 'Property') continue;
        const key = propertyKeyName(prop);
        const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
        const kind = key ? sensitiveKindOfName(key, context) : undefined;
        if (kind && value.type === 'Identifier') this.set(value.name, kind);
        else if (value.type === 'ObjectPattern') this.bind(value, undefined);
      }
      return;
    }
    if (target.type === 'ArrayPattern' && init?.type === 'CallExpression') {
      const hook = lastSegmentName(init.callee);
      const first = target.elements[0];
      if (hook && STATE_HOOKS.has(hook) && first?.type === 'Identifier' && init.arguments[0]) {
        const kind = fieldNamedIn(init.arguments[0], ownerContextOf(first.name), 0);
        if (kind) this.set(first.name, kind);
      }
    }
  }

  /** `order.cardNumber = pan`: the object now carries the value to a later write of the whole object. */
  bindMember(objectName: string, kind: SensitiveKind): void {
    this.set(objectName, kind);
  }

  /**
   * True when an expression's value is no longer the plain sensitive value: encrypted, hashed, masked, tokenised
   * (`encrypt(pan)`, `await kms.encrypt(…)`, `sha256(iban)`, `pan.slice(-4)`, `maskedPan`, a variable bound to one).
   */
  isProtected(node: AstNode, depth = 0): boolean {
    if (depth > MAX_DEPTH) return false;
    switch (node.type) {
      case 'Identifier': {
        const known = this.lookup(node.name);
        return known === null || (known === undefined && isProtectedName(node.name));
      }
      case 'MemberExpression': {
        const prop = memberPropertyName(node);
        return prop !== undefined && isProtectedName(prop);
      }
      case 'AwaitExpression':
        return this.isProtected(node.argument, depth + 1);
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        return this.isProtected(node.expression, depth + 1);
      case 'ConditionalExpression':
        return this.isProtected(node.consequent, depth + 1) && this.isProtected(node.alternate, depth + 1);
      // `` `****${pan.slice(-4)}` ``, `iban.slice(0, 4) + '****' + iban.slice(-4)`: built only from protected parts.
      case 'TemplateLiteral':
        return node.expressions.length > 0 && node.expressions.every((e) => this.isProtectedPart(e, depth + 1));
      case 'BinaryExpression':
        return node.operator === '+' &&
          this.isProtectedPart(node.left, depth + 1) && this.isProtectedPart(node.right, depth + 1);
      case 'CallExpression': {
        const callee = lastSegmentName(node.callee);
        if (this.isHelperCall(node.callee) || (callee && isProtectingCallName(callee))) return true;
        // `btoa(ciphertext)`, `arrayBufferToBase64(sealed)`, `Buffer.from(encrypted, 'hex')`: re-encoded ciphertext.
        if (callee && (CARRYING_CALLS.has(callee) || ENCODING_CALL.test(callee)) && !REVEALING_CALL.test(callee) &&
          node.arguments.some((a) => a.type !== 'Literal' && a.type !== 'SpreadElement') &&
          node.arguments.every((a) => a.type !== 'SpreadElement' && this.isProtectedPart(a, depth + 1))) {
          // A method such as `pan.concat(sealed)` also carries its owner, unless that is a namespace (`Buffer`, `JSON`).
          const owner = node.callee.type === 'MemberExpression' && CARRYING_CALLS.has(callee) ? node.callee.object : undefined;
          if (!owner || /^[A-Z]/.test(lastSegmentName(owner) ?? '') || this.isProtected(owner, depth + 1)) return true;
        }
        if (node.callee.type !== 'MemberExpression') return false;
        // `cipher.update(pan, 'utf8', 'hex')`, `cipher.final('hex')`: the owner is a cipher.
        if ((callee === 'update' || callee === 'final') && /cipher/i.test(lastSegmentName(node.callee.object) ?? '')) return true;
        if (isPartial(node)) return true;
        // `CryptoJS.AES.encrypt(pan, key).toString()`, `maskPan(pan).padStart(…)`.
        return CARRYING_CALLS.has(callee ?? '') && this.isProtected(node.callee.object, depth + 1);
      }
      default:
        return false;
    }
  }

  /** A piece of a larger value that adds nothing sensitive: a literal, or a protected value. */
  private isProtectedPart(node: AstNode, depth: number): boolean {
    return (node.type === 'Literal' || (node.type === 'TemplateLiteral' && node.expressions.length === 0)) || this.isProtected(node, depth);
  }

  /**
   * Every sensitive value an expression carries in plain text, with the node holding it: `pan`, `card.number`,
   * `req.body.iban`, `{ cardNumber }`, `JSON.stringify({ ssn: s })`, `` `pan=${p}` ``, a variable bound to any of these.
   */
  carried(node: AstNode, depth = 0, out: Carried[] = []): Carried[] {
    if (depth > MAX_DEPTH || this.isProtected(node)) return out;
    switch (node.type) {
      case 'Identifier': {
        if (node.name === 'undefined') break;
        const known = this.lookup(node.name);
        const kind = known === undefined ? sensitiveKindOfName(node.name) : typeof known === 'string' ? known : undefined;
        if (kind) out.push({ kind, node });
        break;
      }
      case 'MemberExpression': {
        const prop = memberPropertyName(node);
        if (prop === 'value') {
          const known = node.object.type === 'Identifier' ? this.lookup(node.object.name) : undefined;
          const field = known && typeof known === 'object' ? known.field : selectedField(node.object);
          if (field) out.push({ kind: field, node });
          else this.carried(node.object, depth + 1, out);
          break;
        }
        const owner = lastSegmentName(node.object);
        if (!prop || isDescriptorObjectName(owner)) break;
        const kind = sensitiveKindOfName(prop, ownerContextOf(owner));
        if (kind) out.push({ kind, node });
        break;
      }
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        this.carried(node.expression, depth + 1, out);
        break;
      case 'AwaitExpression':
      case 'SpreadElement':
        this.carried(node.argument, depth + 1, out);
        break;
      case 'LogicalExpression':
        this.carried(node.left, depth + 1, out);
        this.carried(node.right, depth + 1, out);
        break;
      case 'ConditionalExpression':
        this.carried(node.consequent, depth + 1, out);
        this.carried(node.alternate, depth + 1, out);
        break;
      case 'BinaryExpression':
        if (node.operator === '+') {
          this.carried(node.left, depth + 1, out);
          this.carried(node.right, depth + 1, out);
        }
        break;
      case 'TemplateLiteral':
        for (const e of node.expressions) this.carried(e, depth + 1, out);
        break;
      case 'ObjectExpression':
        this.carriedInObject(node, depth, undefined, out);
        break;
      case 'ArrayExpression':
        for (const e of node.elements) if (e) this.carried(e, depth + 1, out);
        break;
      case 'NewExpression':
        for (const a of node.arguments) this.carried(a, depth + 1, out);
        break;
      case 'CallExpression': {
        const callee = lastSegmentName(node.callee);
        if (!callee) break;
        if (FIELD_READS.has(callee)) {
          const kind = sensitiveKindInText(staticStringValue(node.arguments[0]) ?? '');
          if (kind) out.push({ kind, node });
          break;
        }
        if (callee === 'val' && node.callee.type === 'MemberExpression') {
          const kind = selectedField(node.callee.object);
          if (kind) { out.push({ kind, node }); break; }
        }
        if (!CARRYING_CALLS.has(callee)) break;
        // `pan.trim()`, `JSON.stringify(form)`: the whole call holds the value; `JSON.stringify({ holder, pan })`: the
        // value sits in one field of a literal, which is where encryption belongs.
        if (node.callee.type === 'MemberExpression') {
          const onObject = this.carried(node.callee.object, depth + 1);
          if (onObject.length) {
            for (const c of onObject) out.push({ kind: c.kind, node });
            break;
          }
        }
        for (const a of node.arguments) {
          if (a.type === 'ObjectExpression' || a.type === 'ArrayExpression' || a.type === 'TemplateLiteral') this.carried(a, depth + 1, out);
          else for (const c of this.carried(a, depth + 1)) out.push({ kind: c.kind, node });
        }
        break;
      }
      default:
        break;
    }
    return out;
  }

  /** Sensitive keys with a value (`{ iban: dto.iban }`, `{ cardNumber }`) and nested values (`{ card: { number } }`). */
  private carriedInObject(node: AstNode, depth: number, owner: string | undefined, out: Carried[]): void {
    if (node.type !== 'ObjectExpression' || depth > MAX_DEPTH) return;
    for (const prop of node.properties) {
      if (prop.type === 'SpreadElement') {
        this.carried(prop.argument, depth + 1, out);
        continue;
      }
      const key = propertyKeyName(prop);
      const kind = key ? sensitiveKindOfName(key, ownerContextOf(owner)) : undefined;
      const value = prop.value;
      if (value.type === 'ObjectExpression') {
        this.carriedInObject(value, depth + 1, key, out);
        continue;
      }
      const before = out.length;
      this.carried(value, depth + 1, out);
      if (kind && out.length === before && isStorableValue(value) && !this.isProtected(value)) out.push({ kind, node: value });
    }
  }
}

/** `pan.slice(-4)`, `iban.substring(0, 6)`, `pan.replace(/\d(?=\d{4})/g, '*')`: a fragment or masked copy. */
function isPartial(call: AstNode): boolean {
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return false;
  const method = memberPropertyName(call.callee);
  if ((method === 'slice' || method === 'substring' || method === 'substr' || method === 'at') && call.arguments.length > 0) return true;
  if (method === 'replace' || method === 'replaceAll' || method === 'padStart' || method === 'padEnd') {
    const replacement = staticStringValue(call.arguments[1]);
    return replacement !== undefined && MASK_TEXT.test(replacement);
  }
  return false;
}

/** Sensitive data a form-state object has a field for, whatever its current value: `{ cardNumber: '', iban: '' }`. */
function fieldNamedIn(node: AstNode, context: OwnerContext, depth: number): SensitiveKind | undefined {
  if (node.type !== 'ObjectExpression' || depth > MAX_DEPTH) return undefined;
  for (const prop of node.properties) {
    if (prop.type !== 'Property') continue;
    const key = propertyKeyName(prop);
    const kind = key ? sensitiveKindOfName(key, context) : undefined;
    if (kind) return kind;
    const nested = fieldNamedIn(prop.value, ownerContextOf(key) ?? context, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

/** `document.getElementById('card-number')`, `$('#iban')`: an input selected by a sensitive name. */
function selectedField(node: AstNode): SensitiveKind | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const callee = lastSegmentName(node.callee);
  if (!callee || !SELECTORS.has(callee)) return undefined;
  return sensitiveKindInText(staticStringValue(node.arguments[0]) ?? '');
}
