// secret-in-client-code: is a file (or a function in it) code that ships to browsers and apps, or server code?
import { extensionOf, matchesAnyGlob, type AstNode } from '../../server/src/engine';

/**
 * Where client code lives by default. A leading `!` excludes (and wins over every other signal but `'use client'`):
 * server-rendered email templates, SSR entries (`server.tsx`) and Remix `*.server.*` modules have JSX too, and
 * Next.js `pages/api` is server code.
 */
export const DEFAULT_CLIENT_PATHS: readonly string[] = [
  'public', 'static', 'wwwroot', '**/src/components', '**/src/environments', '*.vue', '*.svelte',
  'android', 'ios', '*.swift', '*.dart', 'Info.plist',
  '!server', '!server.*', '!emails', '!*.server.*', '!**/pages/api', '!**/app/api',
];

export type PathVerdict = 'client' | 'server' | 'unknown';

/** Judges a path against `clientPaths` globs: an exclusion (`!glob`) makes it server code, an inclusion client code. */
export function pathVerdict(path: string, clientPaths: readonly string[]): PathVerdict {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const g of clientPaths) {
    if (g.startsWith('!')) exclude.push(g.slice(1));
    else include.push(g);
  }
  if (matchesAnyGlob(path, exclude)) return 'server';
  return matchesAnyGlob(path, include) ? 'client' : 'unknown';
}

/** Packages only client code imports: React Native and Expo, Stripe.js, browser frameworks, `client-only`. */
const CLIENT_PACKAGE = /^(?:react-native(?:$|[-/])|expo(?:$|[-/])|@react-navigation\/|@stripe\/(?:stripe-js|react-stripe-js)$|client-only$|react-dom(?:\/client)?$|@angular\/core$|vue$|svelte(?:\/store)?$)/;
/** Next.js App Router and Remix route folders: JSX there is server-rendered unless the file says `'use client'`. */
const SERVER_RENDERED_DIR = /(?:^|\/)app\//;
const JSX_EXTENSIONS = new Set(['jsx', 'tsx', 'js']);

/** Functions a framework runs only on the server, even when they sit in a component file. */
const SERVER_FUNCTIONS = new Set([
  'getServerSideProps', 'getStaticProps', 'getStaticPaths', 'loader', 'action', 'generateMetadata', 'generateStaticParams',
]);

type Statement = { type: string; directive?: string; source?: { value: unknown }; importKind?: string; specifiers?: Array<{ type: string; imported?: { type: string; name?: string; value?: unknown } }> };

/**
 * Decides, once the traversal is over, whether a parsed script is client code. Signals, strongest first: a
 * `'use client'` directive; `'use server'` or `import 'server-only'`; the configured paths; then the content: JSX
 * outside server-rendered route folders, React hooks, React Native/Expo, Stripe.js or a browser framework.
 */
export class ClientFileJudge {
  private directive: 'client' | 'server' | undefined;
  private clientImport = false;
  private jsx = false;

  constructor(private readonly path: string, private readonly byPath: PathVerdict) {}

  /** Top-level directives and imports; called from the `Program` visitor (only top-level statements are read). */
  readProgram(program: { body: readonly object[] }): void {
    for (const statement of program.body as readonly Statement[]) {
      if (statement.type === 'ExpressionStatement' && typeof statement.directive === 'string') {
        if (statement.directive === 'use client') this.directive = 'client';
        else if (statement.directive === 'use server' && this.directive !== 'client') this.directive = 'server';
        continue;
      }
      if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
      const from = String(statement.source?.value ?? '');
      if (from === 'server-only' && this.directive !== 'client') this.directive = 'server';
      else if (CLIENT_PACKAGE.test(from) || (from === 'react' && importsHook(statement))) this.clientImport = true;
    }
  }

  sawJsx(): void {
    this.jsx = true;
  }

  isClient(): boolean {
    if (this.directive) return this.directive === 'client';
    if (this.byPath !== 'unknown') return this.byPath === 'client';
    if (this.clientImport) return true;
    return this.jsx && JSX_EXTENSIONS.has(extensionOf(this.path)) && !SERVER_RENDERED_DIR.test(this.path);
  }
}

function importsHook(statement: Statement): boolean {
  return (statement.specifiers ?? []).some((s) => s.type === 'ImportSpecifier' && /^use[A-Z]/.test(s.imported?.name ?? ''));
}

/** The same judgement for a script that did not parse (mid-edit), from its text. */
export function isClientScriptText(path: string, text: string, byPath: PathVerdict): boolean {
  const head = text.slice(0, 2000);
  if (/^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*['"]use client['"]/.test(head)) return true;
  if (/^\s*['"]use server['"]/.test(head) || /\bimport\s+['"]server-only['"]/.test(head)) return false;
  if (byPath !== 'unknown') return byPath === 'client';
  if (/\bfrom\s+['"](?:react-native|expo(?:-[\w-]+)?|@stripe\/(?:stripe-js|react-stripe-js))['"]/.test(text)) return true;
  const ext = extensionOf(path);
  return (ext === 'jsx' || ext === 'tsx') && !SERVER_RENDERED_DIR.test(path);
}

type FunctionLike = { type: string; id?: { name?: string } | null; body?: { type: string; body?: Statement[] }; parent?: AstNode };

function isFunction(node: AstNode): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The name an exported function is declared under: `export function loader`, `export const getServerSideProps = …`. */
function exportedFunctionName(fn: FunctionLike): string | undefined {
  const holder = fn.parent;
  if (fn.type === 'FunctionDeclaration') return holder?.type === 'ExportNamedDeclaration' ? fn.id?.name : undefined;
  if (holder?.type !== 'VariableDeclarator' || holder.id.type !== 'Identifier') return undefined;
  const declaration = (holder as { parent?: AstNode }).parent;
  const exported = (declaration as { parent?: AstNode } | undefined)?.parent?.type === 'ExportNamedDeclaration';
  return exported ? holder.id.name : undefined;
}

function hasUseServerDirective(fn: FunctionLike): boolean {
  const statements = fn.body?.type === 'BlockStatement' ? fn.body.body ?? [] : [];
  for (const s of statements) {
    if (s.type !== 'ExpressionStatement' || typeof s.directive !== 'string') return false;
    if (s.directive === 'use server') return true;
  }
  return false;
}

/**
 * True inside code that runs only on the server although the file is client code: exported Next.js data functions
 * (`getServerSideProps`, …), exported Remix `loader`/`action`, and functions marked `'use server'`.
 */
export function isInServerScope(node: AstNode): boolean {
  for (let n = (node as { parent?: AstNode }).parent; n; n = (n as { parent?: AstNode }).parent) {
    if (!isFunction(n)) continue;
    const fn = n as unknown as FunctionLike;
    if (hasUseServerDirective(fn)) return true;
    const name = exportedFunctionName(fn);
    if (name && SERVER_FUNCTIONS.has(name)) return true;
  }
  return false;
}
