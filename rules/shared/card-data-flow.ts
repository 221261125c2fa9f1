// Local data flow for card data: which expressions carry a CVV, track data or PIN block, through variables in a function.
import type { AstNode } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue } from './ast';
import { cardDataKindInText, cardDataKindOfName, isCardName, isDescriptorObjectName, type CardDataKind } from './card-data-names';

/**
 * Calls that return their argument's content in another shape: stringified, trimmed, encrypted or hashed (still the
 * code, and still prohibited). Any other call's result (a boolean from a validator, a token from the provider) is not.
 */
const CARRYING_CALLS = new Set([
  'stringify', 'String', 'Number', 'parseInt', 'trim', 'toString', 'padStart', 'padEnd', 'replace', 'replaceAll',
  'slice', 'substring', 'toUpperCase', 'toLowerCase', 'from', 'encode', 'encodeURIComponent', 'btoa', 'encrypt',
  'encryptValue', 'cipher', 'hash', 'sha256', 'md5', 'hmac', 'assign', 'concat', 'join', 'normalize', 'format',
  'serialize', 'stringifyJSON', 'valueOf', 'val',
]);

/** Reads of a named field: `formData.get('cvv')`, `req.param('cvc')`, `getValues('cvv')`, `$('#cvv').val()`. */
const FIELD_READS = new Set(['get', 'getAll', 'getItem', 'param', 'getFieldValue', 'getValues', 'watch']);
const SELECTORS = new Set(['getElementById', 'querySelector', '$', 'jQuery', 'find']);

/** React/Vue state initialisers: `const [card, setCard] = useState({ cvv: '' })` holds the form's card in memory. */
const STATE_HOOKS = new Set(['useState', 'useReducer', 'reactive', 'ref', 'useImmer', 'signal', 'createSignal']);

/** Element handles named like card data: `const cardCvc = elements.create('cardCvc')` holds an iframe, not the code. */
const HANDLE_CALLS = /^(?:create|createElement|getElement|getElementById|querySelector|useRef|createRef|ref|mount|field)$/;

const MAX_DEPTH = 8;

type Node = AstNode & { parent?: AstNode };

/** Per-function record of variables that hold card data, with the innermost function last. */
export class CardDataScopes {
  private readonly stack: Array<Map<string, CardDataKind | null>> = [new Map()];

  enterFunction(): void {
    this.stack.push(new Map());
  }

  exitFunction(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  /** Marks a variable as holding card data (`kind`) or as known not to (`null`, e.g. an element handle named `cvc`). */
  set(name: string, kind: CardDataKind | null): void {
    this.stack[this.stack.length - 1].set(name, kind);
  }

  /** What is known about a variable: a kind, `null` (known clean), or undefined (nothing recorded). */
  lookup(name: string): CardDataKind | null | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const scope = this.stack[i];
      if (scope.has(name)) return scope.get(name);
    }
    return undefined;
  }

  /** Records what a declaration or assignment binds: `const code = req.body.cvv`, `const { cvv: code } = body`. */
  bind(target: AstNode, init: AstNode | null | undefined): void {
    if (target.type === 'Identifier') {
      if (!init) return;
      const kind = this.carriedBy(init);
      if (kind) this.set(target.name, kind);
      else if (cardDataKindOfName(target.name) && isHandle(init)) this.set(target.name, null);
      return;
    }
    if (target.type === 'ObjectPattern') {
      for (const prop of target.properties) {
        if (prop.type !== 'Property') continue;
        const key = propertyKeyName(prop);
        const value = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
        const kind = key ? cardDataKindOfName(key) : undefined;
        if (kind && value.type === 'Identifier') this.set(value.name, kind);
        else if (value.type === 'ObjectPattern') this.bind(value, undefined);
      }
      return;
    }
    if (target.type === 'ArrayPattern' && init?.type === 'CallExpression') {
      // Form state is in memory and fine by itself; remembering it lets a later `localStorage.setItem(…, state)` count.
      const hook = lastSegmentName(init.callee);
      const first = target.elements[0];
      if (hook && STATE_HOOKS.has(hook) && first?.type === 'Identifier' && init.arguments[0]) {
        const kind = fieldNamedIn(init.arguments[0], isCardName(first.name), 0);
        if (kind) this.set(first.name, kind);
      }
    }
  }

  /**
   * The kind of card data an expression's value carries, or undefined: `cvv`, `card.cvc`, `req.body.track2`,
   * `{ cvv }`, `JSON.stringify({ cvv: c })`, `` `cvv=${code}` ``, a variable bound to any of these.
   */
  carriedBy(node: AstNode, depth = 0): CardDataKind | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const n = node as Node;
    switch (n.type) {
      case 'Identifier': {
        if (n.name === 'undefined') return undefined;
        const known = this.lookup(n.name);
        if (known !== undefined) return known ?? undefined;
        return cardDataKindOfName(n.name);
      }
      case 'MemberExpression': {
        const prop = memberPropertyName(n);
        const owner = lastSegmentName(n.object);
        if (prop === 'value') return this.carriedBy(n.object, depth + 1) ?? selectedField(n.object);
        if (!prop || isDescriptorObjectName(owner)) return undefined;
        return cardDataKindOfName(prop, isCardName(owner));
      }
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'AwaitExpression':
        return this.carriedBy(n.type === 'AwaitExpression' ? n.argument : n.expression, depth + 1);
      case 'SpreadElement':
        return this.carriedBy(n.argument, depth + 1);
      case 'LogicalExpression':
        return this.carriedBy(n.left, depth + 1) ?? this.carriedBy(n.right, depth + 1);
      case 'ConditionalExpression':
        return this.carriedBy(n.consequent, depth + 1) ?? this.carriedBy(n.alternate, depth + 1);
      case 'BinaryExpression':
        return n.operator === '+' ? this.carriedBy(n.left, depth + 1) ?? this.carriedBy(n.right, depth + 1) : undefined;
      case 'TemplateLiteral':
        for (const e of n.expressions) {
          const kind = this.carriedBy(e, depth + 1);
          if (kind) return kind;
        }
        return undefined;
      case 'ObjectExpression':
        return this.namedIn(n, depth, undefined);
      case 'ArrayExpression':
        for (const e of n.elements) {
          const kind = e ? this.carriedBy(e, depth + 1) : undefined;
          if (kind) return kind;
        }
        return undefined;
      case 'NewExpression':
        // `new Order({ cvv })`: an entity built from card data carries it to `.save()`.
        for (const a of n.arguments) {
          const kind = this.carriedBy(a, depth + 1);
          if (kind) return kind;
        }
        return undefined;
      case 'CallExpression': {
        const callee = lastSegmentName(n.callee);
        if (!callee) return undefined;
        if (FIELD_READS.has(callee)) return cardDataKindInText(staticStringValue(n.arguments[0]) ?? '');
        if (callee === 'val' && n.callee.type === 'MemberExpression') return selectedField(n.callee.object);
        if (!CARRYING_CALLS.has(callee)) return undefined;
        // `cvv.trim()`: a method on card data returns card data.
        if (n.callee.type === 'MemberExpression') {
          const onObject = this.carriedBy(n.callee.object, depth + 1);
          if (onObject) return onObject;
        }
        for (const a of n.arguments) {
          const kind = this.carriedBy(a, depth + 1);
          if (kind) return kind;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * Card data in an object literal: a card-data key whose value carries a value (`{ cvv: c }`, `{ cvv }`), or nested
   * card data (`{ card: { cvc } }`, `{ ...payment }`). Literal values (`{ cvv: null }`, `{ $unset: { cvv: 1 } }`) and
   * field definitions (`{ cvv: { type: String } }`) are not card data.
   */
  private namedIn(node: AstNode, depth: number, owner: string | undefined): CardDataKind | undefined {
    if (node.type !== 'ObjectExpression') return this.carriedBy(node, depth + 1);
    for (const prop of node.properties) {
      if (prop.type === 'SpreadElement') {
        const kind = this.carriedBy(prop.argument, depth + 1);
        if (kind) return kind;
        continue;
      }
      const key = propertyKeyName(prop);
      const kind = key ? cardDataKindOfName(key, isCardName(owner)) : undefined;
      if (kind && carriesAValue(prop.value)) return kind;
      if (prop.value.type === 'ObjectExpression') {
        const nested = depth < MAX_DEPTH ? this.namedIn(prop.value, depth + 1, key) : undefined;
        if (nested) return nested;
      } else if (!kind) {
        const nested = this.carriedBy(prop.value, depth + 1);
        if (nested) return nested;
      }
    }
    return undefined;
  }
}

/** Card data a form-state object has a field for, whatever its current value: `{ number: '', cvv: '' }`. */
function fieldNamedIn(node: AstNode, cardContext: boolean, depth: number): CardDataKind | undefined {
  if (node.type !== 'ObjectExpression' || depth > MAX_DEPTH) return undefined;
  for (const prop of node.properties) {
    if (prop.type !== 'Property') continue;
    const key = propertyKeyName(prop);
    const kind = key ? cardDataKindOfName(key, cardContext) : undefined;
    if (kind) return kind;
    const nested = fieldNamedIn(prop.value, cardContext || isCardName(key), depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

/** True for a value that can hold the code itself, as opposed to a literal, a flag, a type or a field definition. */
export function carriesAValue(value: AstNode): boolean {
  switch (value.type) {
    case 'Identifier': return value.name !== 'undefined';
    case 'MemberExpression': return memberPropertyName(value) !== 'length';
    case 'TemplateLiteral': return value.expressions.length > 0;
    case 'AwaitExpression':
    case 'TSNonNullExpression':
    case 'TSAsExpression':
    case 'ChainExpression':
      return carriesAValue(value.type === 'AwaitExpression' ? value.argument : value.expression);
    case 'LogicalExpression': return carriesAValue(value.left) || carriesAValue(value.right);
    case 'ConditionalExpression': return carriesAValue(value.consequent) || carriesAValue(value.alternate);
    case 'BinaryExpression': return value.operator === '+';
    case 'CallExpression': {
      const callee = lastSegmentName(value.callee);
      return callee !== undefined && (CARRYING_CALLS.has(callee) || FIELD_READS.has(callee) || callee === 'val');
    }
    default: return false;
  }
}

/** `elements.create('cardCvc')`, `useRef()`: a handle to an input, not its value. */
function isHandle(init: AstNode): boolean {
  const call = init.type === 'AwaitExpression' ? init.argument : init;
  if (call.type !== 'CallExpression') return false;
  const callee = lastSegmentName(call.callee);
  return callee !== undefined && HANDLE_CALLS.test(callee);
}

/** `document.getElementById('cvv')`, `$('#card-cvc')`: an input selected by a card-data name. */
function selectedField(node: AstNode): CardDataKind | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const callee = lastSegmentName(node.callee);
  return callee && SELECTORS.has(callee) ? cardDataKindInText(staticStringValue(node.arguments[0]) ?? '') : undefined;
}
