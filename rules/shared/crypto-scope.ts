// Scopes for homemade-crypto: bindings recorded during the single traversal, resolved once it is over.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AstNode } from '../../server/src/engine';
import { memberPropertyName, propertyKeyName, staticStringValue, parentOf, isFunctionNode } from './ast';
export { parentOf, isFunctionNode } from './ast';

export type BindingKind = 'const' | 'let' | 'var' | 'param' | 'import' | 'function' | 'class';

export interface CryptoBinding {
  name: string;
  kind: BindingKind;
  scope: CryptoScope;
  /** The declarator's value (for destructured names, the value being destructured). */
  init?: AstNode;
  /** Property keys from the destructured value down to the name: `['randomBytes']` for `const { randomBytes } = x`. */
  path: string[];
  /** For imports and `require` calls: the module and the imported name (`default`, `*` or a named export). */
  module?: string;
  imported?: string;
  /** The identifier that declares the name. */
  id?: AstNode;
  reassigned: boolean;
}

export interface CryptoScope {
  node: AstNode;
  parent?: CryptoScope;
  bindings: Map<string, CryptoBinding>;
}

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

const WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ChainExpression']);

/** The expression under type assertions, `!` and optional-chain wrappers. */
export function unwrap(node: AstNode): AstNode {
  let n = node;
  while (WRAPPERS.has(n.type)) n = (n as { expression: AstNode }).expression;
  return n;
}

/** `require('x')` → `x`. */
export function requiredModule(node: AstNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.callee.type !== 'Identifier' || n.callee.name !== 'require') return undefined;
  return staticStringValue(n.arguments[0] as AstNode | undefined);
}

/**
 * Function-level scopes (block scopes fold into their function: a name declared twice in one function with different
 * values is rare in crypto code, and the first declaration is kept). Declarations and assignments are recorded as
 * the traversal meets them and resolved after it, when every binding of the file is known.
 */
export class CryptoScopes {
  root: CryptoScope | undefined;
  current: CryptoScope | undefined;
  /** Names assigned with `this.name = …` outside a constructor: such instance fields change per call. */
  readonly instanceFieldsChangedOutsideConstructor = new Set<string>();
  /**
   * Bindings by the identifier that declares them, indexed on the first question (only the randomness check asks, in
   * few files): until then the bindings wait in `declared`, in order.
   */
  private byId: Map<AstNode, CryptoBinding> | undefined;
  private declared: CryptoBinding[] = [];
  private readonly assignments: Array<{ scope: CryptoScope; name: string }> = [];

  enterProgram(program: TSESTree.Program): void {
    this.root = this.current = { node: program, bindings: new Map() };
    // Imports are top-level by grammar: reading `body` is not a second traversal.
    for (const statement of program.body) {
      if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
      const module = String(statement.source.value);
      for (const spec of statement.specifiers) {
        const imported = spec.type === 'ImportDefaultSpecifier' ? 'default'
          : spec.type === 'ImportNamespaceSpecifier' ? '*'
            : spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
        this.add(this.root, { name: spec.local.name, kind: 'import', scope: this.root, path: [], module, imported, id: spec.local, reassigned: false });
      }
    }
  }

  enterFunction(fn: FunctionNode): void {
    const outer = this.current ?? this.root;
    if (!outer) return;
    if (fn.type === 'FunctionDeclaration' && fn.id) {
      this.add(outer, { name: fn.id.name, kind: 'function', scope: outer, init: fn, path: [], id: fn.id, reassigned: false });
    }
    const scope: CryptoScope = { node: fn, parent: outer, bindings: new Map() };
    for (const param of fn.params) this.bindPattern(scope, param as AstNode, [], 'param', undefined);
    this.current = scope;
  }

  exitFunction(): void {
    if (this.current?.parent) this.current = this.current.parent;
  }

  declareClass(node: AstNode): void {
    if (node.type !== 'ClassDeclaration' || !node.id || !this.current) return;
    this.add(this.current, { name: node.id.name, kind: 'class', scope: this.current, path: [], id: node.id, reassigned: false });
  }

  declare(declarator: AstNode): void {
    if (declarator.type !== 'VariableDeclarator' || !this.current) return;
    const declaration = parentOf(declarator);
    const kind: BindingKind = declaration?.type === 'VariableDeclaration' && declaration.kind === 'const' ? 'const'
      : declaration?.type === 'VariableDeclaration' && declaration.kind === 'var' ? 'var' : 'let';
    this.bindPattern(this.current, declarator.id, [], kind, declarator.init ?? undefined);
  }

  assign(assignment: AstNode): void {
    if (assignment.type !== 'AssignmentExpression' || !this.current) return;
    const left = assignment.left;
    if (left.type === 'Identifier') this.assignments.push({ scope: this.current, name: left.name });
    else if (left.type === 'MemberExpression' && left.object.type === 'ThisExpression') {
      const name = memberPropertyName(left);
      if (name !== undefined && !isInConstructor(assignment)) this.instanceFieldsChangedOutsideConstructor.add(name);
    }
  }

  update(node: AstNode): void {
    if (node.type === 'UpdateExpression' && node.argument.type === 'Identifier' && this.current) {
      this.assignments.push({ scope: this.current, name: node.argument.name });
    }
  }

  /** Marks reassigned bindings; call once the traversal is over. */
  finish(): void {
    for (const { scope, name } of this.assignments) {
      const binding = this.resolve(name, scope);
      if (binding) binding.reassigned = true;
    }
  }

  /** The binding a name refers to from a scope: the innermost scope that declares it. */
  resolve(name: string, from: CryptoScope | undefined): CryptoBinding | undefined {
    for (let s = from; s; s = s.parent) {
      const found = s.bindings.get(name);
      if (found) return found;
    }
    return undefined;
  }

  /** True when a name is declared anywhere between a scope and the module. */
  isBound(name: string, from: CryptoScope | undefined): boolean {
    return this.resolve(name, from) !== undefined;
  }

  /** The binding a declaring identifier creates (`x` in `const x = …`). */
  bindingOfId(id: AstNode): CryptoBinding | undefined {
    if (!this.byId) {
      this.byId = new Map();
      for (const binding of this.declared) this.byId.set(binding.id!, binding);
      this.declared = [];
    }
    return this.byId.get(id);
  }

  isModuleScope(scope: CryptoScope | undefined): boolean {
    return scope !== undefined && scope === this.root;
  }

  private add(scope: CryptoScope, binding: CryptoBinding): void {
    if (binding.id) {
      if (this.byId) this.byId.set(binding.id, binding);
      else this.declared.push(binding);
    }
    if (!scope.bindings.has(binding.name)) scope.bindings.set(binding.name, binding);
  }

  private bindPattern(scope: CryptoScope, pattern: AstNode, path: string[], kind: BindingKind, init: AstNode | undefined): void {
    switch (pattern.type) {
      case 'Identifier': {
        const module = requiredModule(init);
        const imported = module === undefined ? undefined : path.length ? path[0] : '*';
        this.add(scope, { name: pattern.name, kind, scope, init, path, module, imported, id: pattern, reassigned: false });
        return;
      }
      case 'AssignmentPattern':
        this.bindPattern(scope, pattern.left, path, kind, init);
        return;
      case 'RestElement':
        this.bindPattern(scope, pattern.argument, [...path, '…'], kind, init);
        return;
      case 'TSParameterProperty':
        this.bindPattern(scope, pattern.parameter, path, kind, init);
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) this.bindPattern(scope, element, [...path, '[]'], kind, init);
        return;
      case 'ObjectPattern':
        for (const prop of pattern.properties) {
          if (prop.type === 'RestElement') this.bindPattern(scope, prop.argument, [...path, '…'], kind, init);
          else this.bindPattern(scope, prop.value, [...path, propertyKeyName(prop) ?? '?'], kind, init);
        }
        return;
      default:
        return;
    }
  }
}

/** True inside a class constructor (arrow functions inside it included). */
function isInConstructor(node: AstNode): boolean {
  for (let n = parentOf(node); n; n = parentOf(n)) {
    if (n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration') {
      const owner = parentOf(n);
      return owner?.type === 'MethodDefinition' && owner.kind === 'constructor';
    }
  }
  return false;
}
