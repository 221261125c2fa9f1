// What kind of file a path/languageId is: parsed script (and with which dialect) or text, and its comment syntax.

export interface ScriptDialect {
  jsx: boolean;
  /** TypeScript syntax (type annotations); plain JS is parsed by the same parser and accepts it too. */
  typescript: boolean;
}

const SCRIPT_LANGUAGE_IDS: Record<string, ScriptDialect> = {
  javascript: { jsx: true, typescript: false },
  javascriptreact: { jsx: true, typescript: false },
  typescript: { jsx: false, typescript: true },
  typescriptreact: { jsx: true, typescript: true },
};

const SCRIPT_EXTENSIONS: Record<string, ScriptDialect> = {
  js: { jsx: true, typescript: false },
  mjs: { jsx: false, typescript: false },
  cjs: { jsx: false, typescript: false },
  jsx: { jsx: true, typescript: false },
  ts: { jsx: false, typescript: true },
  mts: { jsx: false, typescript: true },
  cts: { jsx: false, typescript: true },
  tsx: { jsx: true, typescript: true },
};

export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(i + 1);
}

export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** `.d.ts`, `.d.mts`, `.d.cts`, and declarations for other extensions (`styles.d.css.ts`), as TypeScript names them. */
const DECLARATION_FILE = /.\.d\.(?:[cm]?ts|[^./\\]+\.ts)$/i;

/**
 * A TypeScript declaration file: types only, never executed (Node, bundlers and the compiler never run it). It may
 * still hold written-out values: `tsc` copies `export const KEY = 'sk_live_…'` into the `.d.ts` it emits.
 */
export function isDeclarationFile(path: string): boolean {
  return DECLARATION_FILE.test(baseName(path));
}

/** The script dialect of a file, or undefined for text files. The extension wins over a generic languageId. */
export function scriptDialect(path: string, languageId?: string): ScriptDialect | undefined {
  const byExt = SCRIPT_EXTENSIONS[extensionOf(path)];
  if (byExt) return byExt;
  if (languageId && SCRIPT_LANGUAGE_IDS[languageId]) return SCRIPT_LANGUAGE_IDS[languageId];
  return undefined;
}

export type CommentStyle = { line: string } | { open: string; close: string } | undefined;

const HASH_LANGS = new Set(['yaml', 'dotenv', 'properties', 'shellscript', 'python', 'dockerfile', 'toml', 'ini', 'ruby', 'perl', 'makefile', 'r', 'elixir', 'powershell', 'conf', 'nginx']);
const SLASH_LANGS = new Set(['prisma', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'jsonc', 'java', 'kotlin', 'swift', 'go', 'c', 'cpp', 'csharp', 'rust', 'php', 'dart', 'scala', 'groovy', 'objective-c', 'vue', 'svelte']);
const XML_LANGS = new Set(['xml', 'html', 'markdown', 'plist', 'xsl', 'svg']);
const HASH_EXT = new Set(['yaml', 'yml', 'properties', 'sh', 'bash', 'zsh', 'py', 'toml', 'ini', 'cfg', 'conf', 'rb', 'pl', 'tf', 'hcl', 'env', 'r', 'ex', 'exs', 'ps1', 'mk']);
const SLASH_EXT = new Set(['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'jsonc', 'json5', 'java', 'kt', 'kts', 'swift', 'go', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'rs', 'php', 'dart', 'scala', 'groovy', 'gradle', 'm', 'mm', 'vue', 'svelte']);
const XML_EXT = new Set(['xml', 'html', 'htm', 'md', 'plist', 'xsl', 'svg', 'xhtml', 'storyboard']);

/** How to write a comment in this file, for suppression fixes; undefined where the format has none (plain JSON). */
export function commentStyle(path: string, languageId?: string): CommentStyle {
  const name = baseName(path).toLowerCase();
  const ext = extensionOf(path);
  if (name === 'dockerfile' || name.startsWith('dockerfile.') || name === 'makefile' || name.startsWith('.env') || name === '.npmrc' || name === '.gitignore') return { line: '#' };
  if (SLASH_EXT.has(ext)) return { line: '//' };
  if (HASH_EXT.has(ext)) return { line: '#' };
  if (XML_EXT.has(ext)) return { open: '<!--', close: '-->' };
  if (ext === 'css' || ext === 'scss' || ext === 'less') return { open: '/*', close: '*/' };
  if (ext === 'json') return languageId === 'jsonc' ? { line: '//' } : undefined;
  if (ext === 'sql') return { line: '--' };
  if (ext === 'prisma') return { line: '//' };
  if (languageId) {
    if (languageId === 'sql') return { line: '--' };
    if (SLASH_LANGS.has(languageId)) return { line: '//' };
    if (HASH_LANGS.has(languageId)) return { line: '#' };
    if (XML_LANGS.has(languageId)) return { open: '<!--', close: '-->' };
    if (languageId === 'css' || languageId === 'scss' || languageId === 'less') return { open: '/*', close: '*/' };
  }
  return undefined;
}
