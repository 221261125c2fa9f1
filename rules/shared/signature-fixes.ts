// Building blocks of signature quick fixes: how the file reaches node:crypto (and adding what is missing), generated
// constant-time helpers, indentation, and where to insert new statements.
import { scriptDialect, type AstNode, type NodeVisitor, type RuleContext, type SourceFile, type TextChange } from '../../server/src/engine';
import { propertyKeyName, staticStringValue } from './ast';
import { parentOf } from './signature-flow';

type ImportNode = Extract<AstNode, { type: 'ImportDeclaration' }>;
type PatternNode = Extract<AstNode, { type: 'ObjectPattern' }>;

/** One module the file loads: its namespace binding, its named bindings, and the node that lists them. */
interface ModuleBinding {
  namespace?: string;
  named: Map<string, string>;
  list?: ImportNode | PatternNode;
}

const CRYPTO_MODULES = new Set(['crypto', 'node:crypto']);

/** Records imports and `require` calls during the traversal, so fixes can use or extend them. */
export class ModuleImports {
  /** The file's imports, shared by every rule that needs them (their visitors run once). */
  static of(context: Pick<RuleContext, 'shared'>): ModuleImports {
    return context.shared('module-imports', () => new ModuleImports());
  }

  readonly crypto: ModuleBinding = { named: new Map() };
  readonly nestCommon: ModuleBinding = { named: new Map() };
  /** End of the last top-level import or `require` declaration. */
  lastImportEnd: number | undefined;
  hasEsmImport = false;
  usesRequire = false;
  /** Every module specifier imported, for recognising payment SDKs. */
  readonly specifiers: string[] = [];

  readonly visitors: Record<string, NodeVisitor> = {
    ImportDeclaration: (node: ImportNode) => {
      this.hasEsmImport = true;
      this.lastImportEnd = node.range[1];
      const from = node.source.value;
      this.specifiers.push(from);
      const target = CRYPTO_MODULES.has(from) ? this.crypto : from === '@nestjs/common' ? this.nestCommon : undefined;
      if (!target || node.importKind === 'type') return;
      for (const spec of node.specifiers) {
        if (spec.type === 'ImportDefaultSpecifier' || spec.type === 'ImportNamespaceSpecifier') target.namespace = spec.local.name;
        else if (spec.importKind !== 'type') {
          const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
          target.named.set(imported, spec.local.name);
          target.list = node;
        }
      }
    },
    VariableDeclarator: (node: Extract<AstNode, { type: 'VariableDeclarator' }>) => {
      const init = node.init;
      if (!init || init.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') return;
      this.usesRequire = true;
      const from = staticStringValue(init.arguments[0] as AstNode | undefined);
      if (from !== undefined) this.specifiers.push(from);
      const declaration = parentOf(node);
      if (declaration && parentOf(declaration)?.type === 'Program') this.lastImportEnd = Math.max(this.lastImportEnd ?? 0, declaration.range[1]);
      if (from === undefined || !CRYPTO_MODULES.has(from)) return;
      if (node.id.type === 'Identifier') this.crypto.namespace = node.id.name;
      else if (node.id.type === 'ObjectPattern') {
        for (const prop of node.id.properties) {
          if (prop.type !== 'Property' || prop.value.type !== 'Identifier') continue;
          const key = propertyKeyName(prop);
          if (key !== undefined) this.crypto.named.set(key, prop.value.name);
        }
        this.crypto.list = node.id;
      }
    },
  };
}

/** True when the file is TypeScript, so generated code carries type annotations. */
export function isTypeScript(source: SourceFile): boolean {
  return scriptDialect(source.path, source.languageId)?.typescript ?? false;
}

/** Leading whitespace of the line an offset is on. */
export function indentAt(source: SourceFile, offset: number): string {
  const start = source.lineStartAt(offset);
  return /^[ \t]*/.exec(source.text.slice(start, start + 200))?.[0] ?? '';
}

/** One indentation step of the file: the smallest indent of its lines (doc-comment lines aside), two spaces by default. */
export function indentUnit(source: SourceFile): string {
  let smallest = 0;
  for (const m of source.text.slice(0, 20_000).matchAll(/\n( +|\t)[^\s*]/g)) {
    if (m[1] === '\t') return '\t';
    if (!smallest || m[1].length < smallest) smallest = m[1].length;
    if (smallest <= 2) break;
  }
  return smallest >= 2 && smallest <= 8 ? ' '.repeat(smallest) : '  ';
}

export function lineEnding(source: SourceFile): string {
  return source.text.includes('\r\n') ? '\r\n' : '\n';
}

/** Decorators written before a statement (`@Controller() export class …`) start before its range. */
function decoratorStarts(statement: AstNode): number[] {
  const decl = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
  const decorators = decl && 'decorators' in decl ? (decl.decorators as Array<{ range: [number, number] }> | undefined) : undefined;
  return (decorators ?? []).map((d) => d.range[0]);
}

/** Offset where a new top-level statement can go: after the imports, else before the first statement (after directives). */
function statementInsertion(source: SourceFile, imports: ModuleImports): { offset: number; before: boolean } {
  if (imports.lastImportEnd !== undefined) return { offset: imports.lastImportEnd, before: false };
  const body = source.ast?.body ?? [];
  const first = body.find((s) => !(s.type === 'ExpressionStatement' && typeof s.directive === 'string'));
  if (first) return { offset: Math.min(first.range[0], ...decoratorStarts(first)), before: true };
  const last = body[body.length - 1];
  return last ? { offset: last.range[1], before: false } : { offset: 0, before: true };
}

/** Adds names to an existing import list or object pattern: `{ a }` becomes `{ a, b }`. */
function extendList(list: ImportNode | PatternNode, names: string[]): TextChange {
  const items: AstNode[] = list.type === 'ImportDeclaration' ? list.specifiers : list.properties;
  const last = items[items.length - 1];
  return { start: last.range[1], end: last.range[1], text: `, ${names.join(', ')}` };
}

/** A new `import { … } from '…'` (or `const { … } = require('…')` in CommonJS files) after the existing imports. */
function addImport(source: SourceFile, imports: ModuleImports, module: string, names: string[]): TextChange {
  const eol = lineEnding(source);
  const esm = imports.hasEsmImport || isTypeScript(source) || !imports.usesRequire;
  const statement = esm ? `import { ${names.join(', ')} } from '${module}';` : `const { ${names.join(', ')} } = require('${module}');`;
  const at = statementInsertion(source, imports);
  return at.before ? { start: at.offset, end: at.offset, text: `${statement}${eol}` } : { start: at.offset, end: at.offset, text: `${eol}${statement}` };
}

/**
 * References to named exports of a module, with the edits that make them available: `crypto.timingSafeEqual` when
 * the file has a namespace binding, else the named binding, added to an existing list or a new import.
 */
function moduleAccess(source: SourceFile, imports: ModuleImports, binding: ModuleBinding, module: string, names: string[], preferNamespace: boolean): { refs: Record<string, string>; changes: TextChange[] } {
  const refs: Record<string, string> = {};
  if (preferNamespace && binding.namespace) {
    for (const name of names) refs[name] = `${binding.namespace}.${name}`;
    return { refs, changes: [] };
  }
  const missing: string[] = [];
  for (const name of names) {
    const local = binding.named.get(name);
    if (local) refs[name] = local;
    else {
      refs[name] = name;
      missing.push(name);
    }
  }
  if (!missing.length) return { refs, changes: [] };
  const change = binding.list ? extendList(binding.list, missing) : addImport(source, imports, module, missing);
  return { refs, changes: [change] };
}

export function cryptoAccess(source: SourceFile, imports: ModuleImports, names: string[]): { refs: Record<string, string>; changes: TextChange[] } {
  return moduleAccess(source, imports, imports.crypto, 'node:crypto', names, true);
}

export function nestCommonAccess(source: SourceFile, imports: ModuleImports, names: string[]): { refs: Record<string, string>; changes: TextChange[] } {
  return moduleAccess(source, imports, imports.nestCommon, '@nestjs/common', names, false);
}

/** Appends a function at the end of the file, separated by a blank line. */
export function appendToFile(source: SourceFile, code: string): TextChange {
  const eol = lineEnding(source);
  const text = source.text;
  const end = text.length;
  const lead = text.endsWith('\n') ? eol : `${eol}${eol}`;
  return { start: end, end, text: `${lead}${code.replace(/\n/g, eol)}${eol}` };
}

/** A constant-time comparison helper that accepts strings or buffers and rejects missing values and length mismatches. */
export function safeEqualHelper(source: SourceFile, name: string, timingSafeEqual: string): string {
  const ts = isTypeScript(source);
  const unit = indentUnit(source);
  return [
    '/** Compares two signatures in constant time; false when either is missing or their lengths differ. */',
    `function ${name}(a${ts ? ': unknown' : ''}, b${ts ? ': unknown' : ''})${ts ? ': boolean' : ''} {`,
    `${unit}const left = typeof a === 'string' ? Buffer.from(a) : a;`,
    `${unit}const right = typeof b === 'string' ? Buffer.from(b) : b;`,
    `${unit}if (!Buffer.isBuffer(left) || !Buffer.isBuffer(right) || left.length !== right.length) return false;`,
    `${unit}return ${timingSafeEqual}(left, right);`,
    '}',
  ].join('\n');
}

/** An HMAC-SHA256 notification check over the raw body, keyed by an environment variable, compared in constant time. */
export function notificationVerifierHelper(source: SourceFile, name: string, envName: string, refs: Record<string, string>): string {
  const ts = isTypeScript(source);
  const unit = indentUnit(source);
  return [
    '/** Recomputes the HMAC-SHA256 of the raw notification body with the notify key and compares it in constant time. */',
    `function ${name}(rawBody${ts ? ': unknown' : ''}, signature${ts ? ': unknown' : ''})${ts ? ': boolean' : ''} {`,
    `${unit}const secret = process.env.${envName};`,
    `${unit}if (!secret || typeof signature !== 'string') return false;`,
    `${unit}const payload = typeof rawBody === 'string' || Buffer.isBuffer(rawBody) ? rawBody : JSON.stringify(rawBody ?? '');`,
    `${unit}const expected = Buffer.from(${refs.createHmac}('sha256', secret).update(payload).digest('hex'));`,
    `${unit}const given = Buffer.from(signature);`,
    `${unit}return given.length === expected.length && ${refs.timingSafeEqual}(given, expected);`,
    '}',
  ].join('\n');
}
