// Finds the files a scan covers (CLI scan, editor workspace scan): walks the given paths, honouring .gitignore, .git/info/exclude and default ignores.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Dependency, VCS and build-output folders: never hand-written merchant code, and often huge. */
export const DEFAULT_IGNORED_DIRS: ReadonlySet<string> = new Set([
  '.git', 'node_modules', 'bower_components', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.turbo', '.cache', 'vendor',
]);

/** Lockfiles hold integrity hashes that look like secrets and are generated, not written. */
export const LOCKFILES: ReadonlySet<string> = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'composer.lock', 'Gemfile.lock', 'Cargo.lock',
  'poetry.lock', 'go.sum',
]);

const MINIFIED_NAME = /\.(?:min\.js|min\.css|bundle\.js|map)$/i;

const BINARY_EXTENSIONS: ReadonlySet<string> = new Set([
  // images
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'icns', 'webp', 'avif', 'tif', 'tiff', 'psd', 'heic', 'heif',
  // fonts
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  // archives and packages
  'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'jar', 'war', 'ear', 'apk', 'aab', 'ipa', 'dmg', 'iso', 'deb', 'rpm', 'nupkg', 'vsix',
  // audio and video
  'mp3', 'mp4', 'm4a', 'm4v', 'wav', 'ogg', 'oga', 'flac', 'aac', 'avi', 'mov', 'mkv', 'webm', 'wmv',
  // documents
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods',
  // compiled code and native libraries
  'exe', 'dll', 'so', 'dylib', 'bin', 'o', 'a', 'lib', 'obj', 'class', 'pyc', 'pyo', 'wasm', 'node',
  // databases
  'sqlite', 'sqlite3', 'db',
]);

/** CodePay Guard's own files: the team file lists allowed test keys, the baseline holds fingerprints. */
const OWN_FILES: ReadonlySet<string> = new Set(['.codepay-guard.json', '.codepay-guard-baseline.json', '.codepay-guard-cache']);

export type IgnoreReason = 'lockfile' | 'minified' | 'binary' | 'configuration';

/** Why a file is excluded by its name alone, or undefined when its name says nothing. */
export function ignoredByName(fileName: string): IgnoreReason | undefined {
  if (LOCKFILES.has(fileName)) return 'lockfile';
  if (OWN_FILES.has(fileName)) return 'configuration';
  if (MINIFIED_NAME.test(fileName)) return 'minified';
  const dot = fileName.lastIndexOf('.');
  if (dot > 0 && BINARY_EXTENSIONS.has(fileName.slice(dot + 1).toLowerCase())) return 'binary';
  return undefined;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** True when `child` is `parent` or below it. */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

interface IgnoreLayer {
  /** Folder the patterns are relative to. */
  dir: string;
  rules: Ignore;
}

/**
 * The `ignore` package matches `**` by backtracking over the path's segments, in time that grows as the depth to the
 * power of the number of `**`: a crafted .gitignore with many of them, or a very deep folder, would make the walk
 * hang. Patterns with more `**` than this are dropped (people write one or two), and a path more than
 * MAX_IGNORE_DEPTH folders below a .gitignore is not matched against it. Either way more is scanned, never less: the
 * safe side for a secret scanner.
 */
const MAX_GLOBSTARS = 2;
const MAX_IGNORE_DEPTH = 64;

function readIgnoreFile(file: string, dir: string): IgnoreLayer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const patterns = text.split(/\r?\n/).filter((line) => line.split('**').length - 1 <= MAX_GLOBSTARS);
  // Git matches case-sensitively unless core.ignorecase is set; Linux CI runners are case-sensitive.
  return { dir, rules: ignore({ ignorecase: false }).add(patterns) };
}

/** Nearest folder at or above `dir` that holds a `.git` entry (a folder, or a file for worktrees and submodules). */
function findRepoRoot(dir: string): string | undefined {
  let current = dir;
  for (;;) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Git precedence: the closest .gitignore wins, `!pattern` re-includes, and .git/info/exclude ranks below every
 * .gitignore. Layers are ordered from lowest to highest precedence.
 */
function isGitIgnored(abs: string, isDir: boolean, layers: readonly IgnoreLayer[]): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const rel = toPosix(path.relative(layers[i].dir, abs));
    if (!rel || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) continue;
    if (rel.split('/').length > MAX_IGNORE_DEPTH) continue;
    let result: { ignored: boolean; unignored: boolean };
    try {
      result = layers[i].rules.test(isDir ? `${rel}/` : rel);
    } catch {
      // The ignore package rejects names it cannot express as a relative path (e.g. a file named `...`).
      continue;
    }
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/** The ignore layers in force for an input folder: .git/info/exclude and the .gitignore files above it. */
function inheritedLayers(inputDir: string, scanRoot: string): IgnoreLayer[] {
  const repoRoot = findRepoRoot(inputDir);
  const base = repoRoot ?? (isInside(scanRoot, inputDir) ? scanRoot : inputDir);
  const layers: IgnoreLayer[] = [];
  if (repoRoot) {
    const exclude = readIgnoreFile(path.join(repoRoot, '.git', 'info', 'exclude'), repoRoot);
    if (exclude) layers.push(exclude);
  }
  const chain: string[] = [];
  for (let d = path.dirname(inputDir); isInside(base, d); d = path.dirname(d)) {
    chain.unshift(d);
    if (d === base) break;
  }
  for (const d of chain) {
    const layer = readIgnoreFile(path.join(d, '.gitignore'), d);
    if (layer) layers.push(layer);
  }
  return layers;
}

export interface WalkOptions {
  /** Absolute scan root. */
  root: string;
  /** Extra exclusion (the team config's `ignore` globs), by absolute path. */
  isExcluded?: (absPath: string) => boolean;
}

export interface WalkResult {
  /** Absolute paths of the files to analyse, unique, sorted by their path relative to the root. */
  files: string[];
}

/**
 * Collects the files under `inputs` (absolute paths). A path named on the command line is scanned even when an
 * ignore rule covers it (the user asked for it); ignore rules apply to what is found below it. Name-based
 * exclusions (lockfiles, bundles, binaries) and the team config's globs apply to every file. Symbolic links
 * below an input are not followed: their targets inside the root are scanned where they live, targets outside
 * are out of scope, and a link cannot make the walk loop.
 */
export function collectFiles(inputs: readonly string[], options: WalkOptions): WalkResult {
  const found = new Set<string>();

  const consider = (abs: string) => {
    if (ignoredByName(path.basename(abs))) return;
    if (options.isExcluded?.(abs)) return;
    found.add(abs);
  };

  const walkDir = (dir: string, layers: readonly IgnoreLayer[]) => {
    const own = readIgnoreFile(path.join(dir, '.gitignore'), dir);
    const here = own ? [...layers, own] : layers;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (DEFAULT_IGNORED_DIRS.has(entry.name) || isGitIgnored(abs, true, here)) continue;
        walkDir(abs, here);
      } else if (entry.isFile()) {
        if (isGitIgnored(abs, false, here)) continue;
        consider(abs);
      }
    }
  };

  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      // The caller checked that every input exists; one that vanished since has nothing left to scan.
      continue;
    }
    if (stat.isDirectory()) {
      const layers = inheritedLayers(input, options.root);
      walkDir(input, isGitIgnored(input, true, layers) ? [] : layers);
    } else if (stat.isFile()) {
      consider(input);
    }
  }

  const byRelative = [...found].map((abs) => ({ abs, key: toPosix(path.relative(options.root, abs)) }));
  byRelative.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { files: byRelative.map((f) => f.abs) };
}
