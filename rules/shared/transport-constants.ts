// Static values of `const` bindings (`const host = 'api.acme.com'`), resolved by lexical scope once a file has been read.
import type { AstNode } from '../../server/src/engine';
import { staticStringValue } from './ast';

type Node = AstNode & { parent?: Node };
export type StaticValue = string | number | boolean;

const SCOPE_OWNERS = new Set(['Program', 'BlockStatement', 'StaticBlock', 'TSModuleBlock', 'SwitchCase']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** The literal value of a string, number or boolean literal (or a template without `${}`); undefined otherwise. */
export function literalValue(node: AstNode | null | undefined): StaticValue | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && (typeof node.value === 'boolean' || typeof node.value === 'number')) return node.value;
  return staticStringValue(node);
}

function paramNames(fn: Node): string[] {
  const names: string[] = [];
  for (const p of (fn as { params?: Node[] }).params ?? []) {
    const target = p.type === 'AssignmentPattern' ? p.left : p.type === 'TSParameterProperty' ? p.parameter : p;
    if (target.type === 'Identifier') names.push(target.name);
    else if (target.type === 'AssignmentPattern' && target.left.type === 'Identifier') names.push(target.left.name);
  }
  return names;
}

/**
 * Records `const name = <literal>` declarations as the single traversal passes them; `resolve` is meant for
 * `Program:exit`, when declarations below their use (module constants read inside functions) are known too.
 */
export class ConstantBindings {
  private readonly scopes = new Map<Node, Map<string, StaticValue>>();

  record(declarator: AstNode): void {
    const node = declarator as Node;
    if (node.type !== 'VariableDeclarator' || node.id.type !== 'Identifier') return;
    const declaration = node.parent;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') return;
    const value = literalValue(node.init);
    if (value === undefined) return;
    let owner: Node | undefined = declaration.parent;
    while (owner && !SCOPE_OWNERS.has(owner.type)) owner = owner.parent;
    if (!owner) return;
    const scope = this.scopes.get(owner) ?? new Map<string, StaticValue>();
    scope.set(node.id.name, value);
    this.scopes.set(owner, scope);
  }

  /** The constant an identifier reads, looking outwards through enclosing blocks; a parameter of that name shadows it. */
  resolve(identifier: AstNode): StaticValue | undefined {
    if (identifier.type !== 'Identifier') return undefined;
    const { name } = identifier;
    for (let n = (identifier as Node).parent; n; n = n.parent) {
      if (FUNCTIONS.has(n.type) && paramNames(n).includes(name)) return undefined;
      const value = this.scopes.get(n)?.get(name);
      if (value !== undefined) return value;
    }
    return undefined;
  }
}
