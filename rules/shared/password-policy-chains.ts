// Reading validator chains (zod, joi, yup, express-validator) and length-bounding regexes for password-policy checks.
import type { AstNode } from '../../server/src/engine';
import { propertyKeyName, staticStringValue, parentOf } from './ast';

type Call = Extract<AstNode, { type: 'CallExpression' }>;

/** Namespaces whose `.string()` starts a schema chain: `z.string()`, `Joi.string()`, `yup.string()`. */
const SCHEMA_NAMESPACES = new Set(['z', 'zod', 'Joi', 'joi', 'yup', 'Yup', 'y']);
/** express-validator's field selectors: `body('password')`. */
const FIELD_SELECTORS = new Set(['body', 'check', 'param']);
/** Chain methods that validate in a way this rule cannot read; a chain with one is not called unconstrained. */
const OPAQUE_METHODS = new Set(['refine', 'superRefine', 'custom', 'test', 'validate', 'when', 'pipe', 'regex', 'pattern', 'matches', 'isStrongPassword', 'length', 'transform']);

export interface ChainCall {
  name: string;
  call: Call;
  /** The method name node: reports start there (`min(6)`), not at the receiver. */
  property: AstNode;
}

export interface ValidatorChain {
  library: 'schema' | 'express-validator';
  root: Call;
  calls: ChainCall[];
  /** The outermost call of the chain, whose position says which field it validates. */
  end: AstNode;
  field?: string;
}

/** Whether a call starts a validator chain; cheap, it runs for every call in the file. */
export function chainLibrary(call: Call): ValidatorChain['library'] | undefined {
  const callee = call.callee;
  if (callee.type === 'MemberExpression') {
    if (callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'string') return undefined;
    return callee.object.type === 'Identifier' && SCHEMA_NAMESPACES.has(callee.object.name) ? 'schema' : undefined;
  }
  if (callee.type !== 'Identifier') return undefined;
  if (callee.name === 'string' && call.arguments.length === 0) return 'schema';
  if (FIELD_SELECTORS.has(callee.name) && staticStringValue(call.arguments[0] as AstNode | undefined) !== undefined) return 'express-validator';
  return undefined;
}

/** The property or variable a schema expression is bound to: `password` in `{ password: z.string() }`. */
export function boundName(node: AstNode): string | undefined {
  let child = node;
  let holder = parentOf(node);
  while (holder && (holder.type === 'TSAsExpression' || holder.type === 'TSSatisfiesExpression')) {
    child = holder;
    holder = parentOf(holder);
  }
  if (!holder) return undefined;
  if ((holder.type === 'Property' || holder.type === 'PropertyDefinition') && holder.value === child) {
    return propertyKeyName(holder as { key: AstNode; computed?: boolean });
  }
  if (holder.type === 'VariableDeclarator' && holder.init === child && holder.id.type === 'Identifier') return holder.id.name;
  if (holder.type === 'AssignmentExpression' && holder.right === child) {
    const left = holder.left;
    if (left.type === 'Identifier') return left.name;
    if (left.type === 'MemberExpression' && left.property.type === 'Identifier' && !left.computed) return left.property.name;
  }
  return undefined;
}

/** Reads a chain upwards from its root call: `z.string().min(6).optional()` → methods `min`, `optional`. */
export function readChain(root: Call, library: ValidatorChain['library']): ValidatorChain {
  const calls: ChainCall[] = [];
  let node: AstNode = root;
  for (;;) {
    const member = parentOf(node);
    if (member?.type !== 'MemberExpression' || member.object !== node || member.computed || member.property.type !== 'Identifier') break;
    const call = parentOf(member);
    if (call?.type !== 'CallExpression' || call.callee !== member) break;
    calls.push({ name: member.property.name, call, property: member.property });
    node = call;
  }
  let field: string | undefined;
  if (library === 'express-validator') {
    const selected = staticStringValue(root.arguments[0] as AstNode);
    field = selected?.split('.').pop();
  } else {
    field = boundName(node);
  }
  return { library, root, calls, end: node, field };
}

/** Descends from a call inside a chain to the chain's root, if the chain starts with a validator. */
export function chainRootOf(call: Call): { root: Call; library: ValidatorChain['library'] } | undefined {
  let node: AstNode = call;
  while (node.type === 'CallExpression') {
    const library = chainLibrary(node);
    if (library) return { root: node, library };
    if (node.callee.type !== 'MemberExpression') return undefined;
    node = node.callee.object;
  }
  return undefined;
}

/** Whether a chain holds a check this rule cannot size (custom refinements, patterns, strong-password helpers). */
export function hasOpaqueCheck(chain: ValidatorChain): boolean {
  return chain.calls.some((c) => OPAQUE_METHODS.has(c.name));
}

/** The property `name` of an object literal argument: `min` in `isLength({ min: 6 })`. */
export function objectProperty(node: AstNode | undefined, name: string): Extract<AstNode, { type: 'Property' }> | undefined {
  if (node?.type !== 'ObjectExpression') return undefined;
  for (const p of node.properties) {
    if (p.type === 'Property' && propertyKeyName(p as { key: AstNode; computed?: boolean }) === name) return p;
  }
  return undefined;
}

export interface RegexLengthBound {
  min: number;
  /** Offsets of the minimum's digits inside the pattern source. */
  digitsStart: number;
  digitsEnd: number;
}

// A whole pattern that is optional look-aheads (the character-class requirements) followed by one quantified atom:
// `^.{6,}$`, `^(?=.*\d)(?=.*[a-z])[A-Za-z\d]{6,20}$`. Anything else is a structure whose minimum is not this number.
const LENGTH_BOUNDED = /^\^?((?:\(\?[=!](?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\))*)(\.|\\[SsWwd]|\[(?:\\.|[^\]\\])*\])\{(\d+)(?:,\d*)?\}\$?$/d;

/** The minimum length a password pattern demands, when the pattern is just a length bound (plus class look-aheads). */
export function regexLengthBound(pattern: string): RegexLengthBound | undefined {
  const m = LENGTH_BOUNDED.exec(pattern);
  if (!m?.indices?.[3]) return undefined;
  const [digitsStart, digitsEnd] = m.indices[3];
  return { min: Number(m[3]), digitsStart, digitsEnd };
}
