// Quick-fix edits for homemade-crypto: reaching node:crypto from the file (adding the import it lacks) and code style.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { extensionOf, type AstNode, type SourceFile, type TextChange } from '../../server/src/engine';
import { staticStringValue } from './ast';
import { requiredModule, unwrap } from './crypto-scope';

const NODE_CRYPTO = new Set(['crypto', 'node:crypto']);

export interface CodeStyle {
  eol: string;
  quote: string;
  /** `;` when the file ends statements with semicolons, else empty. */
  semi: string;
}

/** How an expression refers to node:crypto functions, plus the import edits that make the reference valid. */
export interface CryptoReference {
  /** One reference per requested function: `crypto.randomInt`, or `randomInt` where named imports are the style. */
  names: string[];
  edits: TextChange[];
}

type ProgramNode = TSESTree.Program;

/** Reads the module's top-level statements once (imports and requires are top-level by convention). */
export class CryptoImports {
  readonly style: CodeStyle;
  /** Local name of `import crypto from 'node:crypto'`, `import * as c from 'crypto'`, `const crypto = require('crypto')`. */
  private namespace: string | undefined;
  /** Named imports from node:crypto: imported name → local name. */
  private readonly named = new Map<string, string>();
  private namedImport: AstNode | undefined;
  private namedRequire: AstNode | undefined;
  private readonly topLevelNames = new Set<string>();
  private readonly program: ProgramNode;

  constructor(private readonly source: SourceFile, program: AstNode) {
    this.program = program as ProgramNode;
    for (const statement of this.program.body) this.readStatement(statement);
    this.style = styleOf(source.text, this.program);
  }

  /** True when the file imports node:crypto in any form. */
  get importsNodeCrypto(): boolean {
    return this.namespace !== undefined || this.named.size > 0;
  }

  /** Local names of functions imported by name from node:crypto (`import { createCipher as cc } from 'crypto'` → `cc`). */
  namedLocals(): Set<string> {
    return new Set(this.named.values());
  }

  /** True when a name is declared at the top of the module (import, variable, function, class). */
  declaresTopLevel(name: string): boolean {
    return this.topLevelNames.has(name);
  }

  /**
   * References to node:crypto functions: through the file's namespace import, its named imports (adding missing names to
   * the import list), or a new `import crypto from 'node:crypto'` / `require` that matches the file's module style.
   */
  reference(functions: readonly string[]): CryptoReference | undefined {
    if (this.namespace) return { names: functions.map((f) => `${this.namespace}.${f}`), edits: [] };
    const missing = functions.filter((f) => !this.named.has(f));
    const bareNames = (): string[] => functions.map((f) => this.named.get(f) ?? f);
    if (!missing.length) return { names: bareNames(), edits: [] };
    const free = missing.every((f) => !this.topLevelNames.has(f));
    if (free && this.namedImport?.type === 'ImportDeclaration') {
      const specifiers = this.namedImport.specifiers.filter((s) => s.type === 'ImportSpecifier');
      const last = specifiers[specifiers.length - 1];
      if (last) return { names: bareNames(), edits: [{ start: last.range[1], end: last.range[1], text: `, ${missing.join(', ')}` }] };
    }
    if (free && this.namedRequire?.type === 'ObjectPattern' && this.namedRequire.properties.length) {
      const last = this.namedRequire.properties[this.namedRequire.properties.length - 1];
      if (last.type !== 'RestElement') return { names: bareNames(), edits: [{ start: last.range[1], end: last.range[1], text: `, ${missing.join(', ')}` }] };
    }
    const local = ['crypto', 'nodeCrypto'].find((n) => !this.topLevelNames.has(n));
    if (!local) return undefined;
    const names = functions.map((f) => this.named.get(f) ?? `${local}.${f}`);
    return { names, edits: [this.newImport(local)] };
  }

  private readStatement(statement: AstNode): void {
    switch (statement.type) {
      case 'ImportDeclaration': {
        for (const spec of statement.specifiers) this.topLevelNames.add(spec.local.name);
        if (statement.importKind === 'type' || !NODE_CRYPTO.has(String(statement.source.value))) return;
        for (const spec of statement.specifiers) {
          if (spec.type !== 'ImportSpecifier') this.namespace ??= spec.local.name;
          else if (spec.importKind !== 'type') {
            const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
            this.named.set(imported, spec.local.name);
            this.namedImport ??= statement;
          }
        }
        return;
      }
      case 'VariableDeclaration':
        for (const declarator of statement.declarations) {
          this.addPatternNames(declarator.id);
          const module = requiredModule(declarator.init);
          if (module === undefined || !NODE_CRYPTO.has(module)) continue;
          if (declarator.id.type === 'Identifier') this.namespace ??= declarator.id.name;
          else if (declarator.id.type === 'ObjectPattern') {
            for (const prop of declarator.id.properties) {
              if (prop.type !== 'Property' || prop.value.type !== 'Identifier') continue;
              const key = prop.key.type === 'Identifier' ? prop.key.name : staticStringValue(prop.key);
              if (key) this.named.set(key, prop.value.name);
            }
            this.namedRequire ??= declarator.id;
          }
        }
        return;
      case 'FunctionDeclaration':
      case 'ClassDeclaration':
        if (statement.id) this.topLevelNames.add(statement.id.name);
        return;
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
        if (statement.declaration) this.readStatement(statement.declaration as AstNode);
        return;
      default:
        return;
    }
  }

  private addPatternNames(pattern: AstNode): void {
    if (pattern.type === 'Identifier') this.topLevelNames.add(pattern.name);
    else if (pattern.type === 'ObjectPattern') {
      for (const prop of pattern.properties) this.addPatternNames(prop.type === 'RestElement' ? prop.argument : prop.value);
    } else if (pattern.type === 'ArrayPattern') {
      for (const element of pattern.elements) if (element) this.addPatternNames(element);
    } else if (pattern.type === 'AssignmentPattern') this.addPatternNames(pattern.left);
  }

  /** `import crypto from 'node:crypto'` after the last import, or a `require` in CommonJS files. */
  private newImport(local: string): TextChange {
    const { eol, quote, semi } = this.style;
    const body = this.program.body;
    const imports = body.filter((s) => s.type === 'ImportDeclaration');
    const requires = body.filter((s) => s.type === 'VariableDeclaration' && s.declarations.some((d) => requiredModule(d.init) !== undefined));
    const commonJs = imports.length === 0 && (requires.length > 0 || isCommonJsFile(this.source, this.program));
    const statement = commonJs
      ? `const ${local} = require(${quote}node:crypto${quote})${semi}`
      : `import ${local} from ${quote}node:crypto${quote}${semi}`;
    const after = commonJs ? requires[requires.length - 1] : imports[imports.length - 1];
    if (after) return { start: after.range[1], end: after.range[1], text: `${eol}${statement}` };
    const directives = body.filter((s, i) => s.type === 'ExpressionStatement' && typeof s.directive === 'string' && body.slice(0, i).every((p) => p.type === 'ExpressionStatement' && typeof p.directive === 'string'));
    const lastDirective = directives[directives.length - 1];
    if (lastDirective) return { start: lastDirective.range[1], end: lastDirective.range[1], text: `${eol}${statement}` };
    const first = body[0];
    const at = first ? first.range[0] : this.source.text.length;
    return { start: at, end: at, text: `${statement}${eol}${eol}` };
  }
}

function isCommonJsFile(source: SourceFile, program: ProgramNode): boolean {
  const ext = extensionOf(source.path);
  if (ext === 'cjs' || ext === 'cts') return true;
  if (ext === 'mjs' || ext === 'mts' || program.body.some((s) => s.type.startsWith('Export'))) return false;
  // Blanks before `exports` stay on its line: `^\s*` would run from every line start over all the blank lines below.
  return /\bmodule\.exports\b|^[^\S\n\r\u2028\u2029]*exports\.\w+\s*=/m.test(source.text);
}

function styleOf(text: string, program: ProgramNode): CodeStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const firstImport = program.body.find((s) => s.type === 'ImportDeclaration');
  const rawQuote = firstImport?.type === 'ImportDeclaration' ? firstImport.source.raw[0] : /require\((['"])/.exec(text)?.[1] ?? /(['"])/.exec(text)?.[1];
  const quote = rawQuote === '"' ? '"' : "'";
  const semi = /;[ \t]*(?:\r?$|\})/m.test(text) || !/\S/.test(text) ? ';' : '';
  return { eol, quote, semi };
}

/**
 * Inserts a declaration before the statement that contains `node`, on its own line with the statement's indentation.
 * Undefined when the statement is not in a block (an `if` without braces, an arrow's expression body).
 */
export function insertBeforeStatement(source: SourceFile, node: AstNode, declaration: string, style: CodeStyle): TextChange | undefined {
  let statement: AstNode | undefined;
  for (let n: AstNode | undefined = node; n; n = (n as { parent?: AstNode }).parent) {
    const parent = (n as { parent?: AstNode }).parent;
    if (!parent) return undefined;
    if (parent.type === 'ArrowFunctionExpression' || parent.type === 'FunctionExpression' || parent.type === 'FunctionDeclaration') return undefined;
    if ((parent.type === 'BlockStatement' || parent.type === 'StaticBlock') && parent.body.includes(n as never)) {
      statement = n;
      break;
    }
    if (parent.type === 'SwitchCase' && parent.consequent.includes(n as never)) {
      statement = n;
      break;
    }
  }
  if (!statement) return undefined;
  const text = source.text;
  const lineStart = source.lineStartAt(statement.range[0]);
  const indent = text.slice(lineStart, statement.range[0]);
  // Without semicolons, a statement starting with `(`, `[` or a template would continue the inserted line.
  const semi = style.semi || (/^[([`+\-/]/.test(text.slice(statement.range[0])) ? ';' : '');
  if (/^[ \t]*$/.test(indent)) {
    return { start: statement.range[0], end: statement.range[0], text: `${declaration}${semi}${style.eol}${indent}` };
  }
  return { start: statement.range[0], end: statement.range[0], text: `${declaration}; ` };
}

/** True when the expression is `Math.random()`. */
export function isMathRandomCall(node: AstNode): boolean {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.arguments.length) return false;
  const callee = unwrap(n.callee);
  return callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' &&
    callee.object.name === 'Math' && callee.property.type === 'Identifier' && callee.property.name === 'random';
}
