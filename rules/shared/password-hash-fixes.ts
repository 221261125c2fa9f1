// Quick-fix text for weak-password-hash: rewrite a password hash to scrypt with a stored random salt, or to bcrypt.
import { scriptDialect, type AstNode, type SourceFile, type TextChange } from '../../server/src/engine';
import { ScopeTracker, unwrap, type Binding } from './password-hash-flow';
import { parentOf } from './ast';

const NODE_CRYPTO = new Set(['crypto', 'node:crypto']);
export const BCRYPT_MODULES = new Set(['bcrypt', 'bcryptjs', '@node-rs/bcrypt']);
const HELPER_NAME = 'hashPasswordWithScrypt';

/** How the file reaches `randomBytes` and `scryptSync`, and the edits needed to make both reachable. */
interface CryptoAccess {
  randomBytes: string;
  scryptSync: string;
  edits: TextChange[];
}

interface Style {
  eol: string;
  indent: string;
  quote: string;
  semi: string;
}

type ProgramNode = AstNode & { body: AstNode[] };

/** Builds the replacement edits; everything is computed against the original text, so each fix stands alone. */
export class PasswordHashFixes {
  private style: Style | undefined;
  // Both depend only on the file's top-level bindings, complete once the traversal has ended (fixes are built after
  // it), and a file may have hundreds of findings: computed once per file.
  private bcrypt: { name: string | undefined } | undefined;
  private access: { value: CryptoAccess | undefined } | undefined;

  constructor(
    private readonly source: SourceFile,
    private readonly program: ProgramNode,
    private readonly scopes: ScopeTracker,
  ) {}

  /** Local name of a bcrypt module imported whole (`import bcrypt from 'bcrypt'`, `const bcrypt = require('bcryptjs')`). */
  bcryptName(): string | undefined {
    this.bcrypt ??= { name: this.findBcryptName() };
    return this.bcrypt.name;
  }

  private findBcryptName(): string | undefined {
    for (const [name, bindings] of this.scopes.root?.bindings ?? []) {
      for (const b of bindings) {
        const from = this.moduleBinding(b);
        if (from && BCRYPT_MODULES.has(from.module) && (from.imported === '*' || from.imported === 'default')) return name;
      }
    }
    return undefined;
  }

  /**
   * Replaces `target` with `await bcrypt.hash(pw, 12)` in async code and `bcrypt.hashSync(pw, 12)` elsewhere, so the
   * surrounding code keeps its synchronous or asynchronous shape.
   */
  bcryptRewrite(target: AstNode, password: AstNode, bcrypt: string, cost: number): TextChange[] {
    const pw = this.source.getText(plainPassword(password));
    const text = isInAsyncFunction(target)
      ? parenthesizeAwait(target, `await ${bcrypt}.hash(${pw}, ${cost})`)
      : `${bcrypt}.hashSync(${pw}, ${cost})`;
    return [{ start: target.range[0], end: target.range[1], text }];
  }

  /**
   * Replaces `target` with `hashPasswordWithScrypt(pw)` and adds that helper (scrypt, random 16-byte salt stored in the
   * result) after the top-level statement, plus whatever import makes `randomBytes`/`scryptSync` reachable. Undefined
   * where Node's crypto is not available: browser components (JSX) and crypto-js files without Node crypto.
   */
  scryptRewrite(target: AstNode, password: AstNode): TextChange[] | undefined {
    const dialect = scriptDialect(this.source.path, this.source.languageId);
    const component = /\.[jt]sx$/i.test(this.source.path) || this.source.languageId.endsWith('react');
    if (!dialect || component) return undefined;
    const changes: TextChange[] = [{ start: target.range[0], end: target.range[1], text: `${HELPER_NAME}(${this.source.getText(plainPassword(password))})` }];
    if (this.scopes.root?.bindings.has(HELPER_NAME)) return changes;
    const access = this.cryptoAccess();
    if (!access) return undefined;
    const top = topLevelStatement(target);
    if (!top) return undefined;
    const { eol, indent, quote, semi } = this.styleOf();
    const typed = dialect.typescript;
    const helper = [
      '// scrypt with a random 16-byte salt, stored with the hash as scrypt$salt$key so the password can be verified later.',
      `function ${HELPER_NAME}(password${typed ? ': string' : ''})${typed ? ': string' : ''} {`,
      `${indent}const salt = ${access.randomBytes}(16)${semi}`,
      `${indent}return \`scrypt$\${salt.toString(${quote}base64${quote})}$\${${access.scryptSync}(password, salt, 64).toString(${quote}base64${quote})}\`${semi}`,
      '}',
    ].join(eol);
    changes.push({ start: top.range[1], end: top.range[1], text: `${eol}${eol}${helper}` }, ...access.edits);
    return changes;
  }

  private moduleBinding(b: Binding): { module: string; imported: string } | undefined {
    if (b.via === 'import' && b.module) return { module: b.module, imported: b.imported ?? '*' };
    if (b.via === 'declare' && b.value && b.scope === this.scopes.root) {
      const value = unwrap(b.value);
      if (value.type === 'CallExpression' && value.callee.type === 'Identifier' && value.callee.name === 'require') {
        const arg = value.arguments[0];
        if (arg?.type === 'Literal' && typeof arg.value === 'string') return { module: arg.value, imported: b.path.length ? b.path[0] : '*' };
      }
    }
    return undefined;
  }

  private cryptoAccess(): CryptoAccess | undefined {
    this.access ??= { value: this.findCryptoAccess() };
    return this.access.value;
  }

  private findCryptoAccess(): CryptoAccess | undefined {
    const root = this.scopes.root;
    if (!root) return undefined;
    const named = new Map<string, string>();
    let namespace: string | undefined;
    let namedImport: AstNode | undefined;
    let namedRequire: AstNode | undefined;
    let usesCryptoJs = false;
    for (const [name, bindings] of root.bindings) {
      for (const b of bindings) {
        const from = this.moduleBinding(b);
        if (!from) continue;
        if (from.module === 'crypto-js' || from.module.startsWith('crypto-js/')) usesCryptoJs = true;
        if (!NODE_CRYPTO.has(from.module)) continue;
        if (from.imported === '*' || from.imported === 'default') namespace ??= name;
        else {
          named.set(from.imported, name);
          if (b.via === 'import') namedImport ??= importDeclarationOf(this.program, name);
          else if (b.declarator) namedRequire ??= b.declarator;
        }
      }
    }
    if (namespace) return { randomBytes: `${namespace}.randomBytes`, scryptSync: `${namespace}.scryptSync`, edits: [] };
    // crypto-js without Node's crypto is browser code: scrypt is not available there, hashing belongs on the server.
    if (usesCryptoJs && !named.size) return undefined;
    const missing = ['randomBytes', 'scryptSync'].filter((n) => !named.has(n));
    // A missing name must not already mean something else in this file.
    if (missing.some((n) => root.bindings.has(n))) return undefined;
    const access = { randomBytes: named.get('randomBytes') ?? 'randomBytes', scryptSync: named.get('scryptSync') ?? 'scryptSync', edits: [] as TextChange[] };
    if (!missing.length) return access;
    const list = missing.join(', ');
    const lastSpecifier = namedImport && lastNamedSpecifier(namedImport);
    if (lastSpecifier) {
      access.edits.push({ start: lastSpecifier.range[1], end: lastSpecifier.range[1], text: `, ${list}` });
      return access;
    }
    const pattern = namedRequire && (namedRequire as { id?: AstNode }).id;
    if (pattern?.type === 'ObjectPattern' && pattern.properties.length) {
      const last = pattern.properties[pattern.properties.length - 1];
      access.edits.push({ start: last.range[1], end: last.range[1], text: `, ${list}` });
      return access;
    }
    access.edits.push(this.newCryptoImport(list));
    return access;
  }

  /** `import { … } from 'node:crypto'` after the last import, or a `require` in CommonJS files. */
  private newCryptoImport(list: string): TextChange {
    const { eol, quote, semi } = this.styleOf();
    const body = this.program.body;
    const imports = body.filter((s) => s.type === 'ImportDeclaration');
    const requires = body.filter((s) => s.type === 'VariableDeclaration' && s.declarations.some((d) => d.init && isRequireCall(d.init)));
    const commonJs = !imports.length && requires.length > 0;
    const statement = commonJs
      ? `const { ${list} } = require(${quote}node:crypto${quote})${semi}`
      : `import { ${list} } from ${quote}node:crypto${quote}${semi}`;
    const after = commonJs ? requires[requires.length - 1] : imports[imports.length - 1];
    if (after) return { start: after.range[1], end: after.range[1], text: `${eol}${statement}` };
    const first = body[0];
    const directive = first?.type === 'ExpressionStatement' && typeof first.directive === 'string';
    if (directive) return { start: first.range[1], end: first.range[1], text: `${eol}${statement}` };
    const at = first ? first.range[0] : this.source.text.length;
    return { start: at, end: at, text: `${statement}${eol}${eol}` };
  }

  private styleOf(): Style {
    if (this.style) return this.style;
    const text = this.source.text;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const indented = /^([ \t]+)\S/m.exec(text)?.[1];
    const indent = !indented ? '  ' : indented.startsWith('\t') ? '\t' : indented.length <= 4 ? indented : '  ';
    const firstModule = this.program.body.find((s) => s.type === 'ImportDeclaration');
    const rawQuote = firstModule?.type === 'ImportDeclaration' ? firstModule.source.raw[0] : /require\((['"])/.exec(text)?.[1];
    const quote = rawQuote === '"' ? '"' : "'";
    const semi = /;[ \t]*\r?$/m.test(text) ? ';' : '';
    this.style = { eol, indent, quote, semi };
    return this.style;
  }
}

/** The password under byte conversions (`Buffer.from(pw)`, `encoder.encode(pw)`, `String(pw)`): the helpers take the string. */
function plainPassword(node: AstNode): AstNode {
  const n = unwrap(node);
  if (n.type !== 'CallExpression' || n.arguments.length === 0) return node;
  const callee = unwrap(n.callee);
  const [first] = n.arguments;
  if (first.type === 'SpreadElement') return node;
  const converts = callee.type === 'Identifier'
    ? callee.name === 'String'
    : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' &&
      ((callee.property.name === 'from' && callee.object.type === 'Identifier' && callee.object.name === 'Buffer') || callee.property.name === 'encode');
  return converts ? plainPassword(first) : node;
}

function isRequireCall(node: AstNode): boolean {
  const n = unwrap(node);
  return n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require';
}

function importDeclarationOf(program: ProgramNode, local: string): AstNode | undefined {
  return program.body.find((s) => s.type === 'ImportDeclaration' && s.specifiers.some((sp) => sp.local.name === local));
}

function lastNamedSpecifier(declaration: AstNode): AstNode | undefined {
  if (declaration.type !== 'ImportDeclaration') return undefined;
  const named = declaration.specifiers.filter((s) => s.type === 'ImportSpecifier');
  return named[named.length - 1];
}

/** The statement directly under `Program` that contains a node (the generated helper goes after it). */
function topLevelStatement(node: AstNode): AstNode | undefined {
  let n: AstNode | undefined = node;
  while (n) {
    const parent = parentOf(n);
    if (parent?.type === 'Program') return n;
    n = parent;
  }
  return undefined;
}

function isInAsyncFunction(node: AstNode): boolean {
  for (let n = parentOf(node); n; n = parentOf(n)) {
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') return n.async;
  }
  return false;
}

/** Positions where `await x` can stand without parentheses; anywhere else (`(await x).length`) it is wrapped. */
const AWAIT_SAFE_HOLDERS = new Set([
  'ReturnStatement', 'VariableDeclarator', 'AssignmentExpression', 'Property', 'ArrowFunctionExpression', 'CallExpression',
  'NewExpression', 'ExpressionStatement', 'ArrayExpression', 'TemplateLiteral', 'AwaitExpression', 'SpreadElement',
]);

function parenthesizeAwait(target: AstNode, text: string): string {
  const parent = parentOf(target);
  if (!parent) return text;
  const calleeOfParent = (parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee === target;
  return AWAIT_SAFE_HOLDERS.has(parent.type) && !calleeOfParent ? text : `(${text})`;
}
