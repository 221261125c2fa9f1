// Builds (once) and caches the benchmark corpus: pinned npm packages' published JS/TS plus generated merchant code.
//
// Every tool is given the same files, so the corpus holds only files that all of them analyse:
// - scripts only (bench/corpus.json `extensions`), copied out of the unpacked tarballs;
// - folders that our scanner skips by name (dist, build, out, vendor…: server/src/project/walk.ts) are
//   renamed with a trailing `_`, because published packages keep their real code in exactly such folders;
// - files our scanner skips before analysis (minified bundles, over 2 MB, binary) are left out,
//   so that no tool spends time on a file another tool never reads (server/src/cli/scan.ts). They are counted in
//   the manifest.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { generateMerchantFiles } from './generate.mjs';

/** Kept in step with DEFAULT_IGNORED_DIRS in server/src/project/walk.ts; a drift shows up as a file-count mismatch. */
const SCANNER_SKIPPED_DIRS = new Set([
  '.git', 'node_modules', 'bower_components', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.turbo', '.cache', 'vendor',
]);
/** Kept in step with server/src/project/walk.ts and server/src/cli/scan.ts: what the scanner skips by name and content. */
const SCANNER_SKIPPED_NAME = /\.(?:min\.js|min\.css|bundle\.js|map)$/i;
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const JS_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx']);
const MINIFIED_PROBE_CHARS = 4096;
const MINIFIED_LINE_CHARS = 1000;

function sha512Base64(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

function byPath(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function walkFiles(dir, out = []) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byPath(a.name, b.name));
  for (const entry of entries) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) walkFiles(abs, out);
    else if (entry.isFile()) out.push(abs);
  }
  return out;
}

function hasLongLine(text) {
  return text.slice(0, MINIFIED_PROBE_CHARS).split(/\r\n|\r|\n/).some((line) => line.length > MINIFIED_LINE_CHARS);
}

/** Why the scanner would not analyse this file, or undefined. */
function scannerSkipReason(abs) {
  if (SCANNER_SKIPPED_NAME.test(abs)) return 'minified (by name)';
  const size = statSync(abs).size;
  if (size > MAX_FILE_BYTES) return 'larger than 2 MB';
  const bytes = readFileSync(abs);
  if (bytes.subarray(0, 8192).includes(0)) return 'binary';
  if (JS_EXTENSIONS.has(extname(abs).toLowerCase()) && hasLongLine(bytes.toString('utf8'))) return 'minified (long lines)';
  return undefined;
}

/** `dist/esm/index.js` → `dist_/esm/index.js`: same file, in a folder the scanner walks into. */
function visibleRelPath(rel) {
  return rel.split('/').map((part, i, parts) => (i < parts.length - 1 && SCANNER_SKIPPED_DIRS.has(part) ? `${part}_` : part)).join('/');
}

function tarballName(pkg) {
  return `${pkg.name.replace(/^@/, '').replace(/\//g, '-')}-${pkg.version}.tgz`;
}

/** Downloads the pinned tarball with `npm pack` unless the cached copy already matches the pinned integrity. */
function ensureTarball(pkg, tarballDir, log) {
  const target = join(tarballDir, tarballName(pkg));
  if (existsSync(target) && sha512Base64(target) === pkg.integrity) return { file: target, downloaded: false };
  mkdirSync(tarballDir, { recursive: true });
  const spec = `${pkg.name}@${pkg.version}`;
  log(`  npm pack ${spec}`);
  const scratch = mkdtempSync(join(tarballDir, '.pack-'));
  try {
    const out = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', scratch], { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [{ filename }] = JSON.parse(out);
    const packed = join(scratch, filename);
    const integrity = sha512Base64(packed);
    if (integrity !== pkg.integrity) throw new Error(`${spec}: tarball integrity ${integrity} does not match bench/corpus.json`);
    renameSync(packed, target);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { file: target, downloaded: true };
}

function writeText(abs, text) {
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

/** The cache key: any change to the pinned list, the generator or this selection code rebuilds the corpus. */
function corpusKey(benchDir, spec) {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(spec));
  for (const file of ['generate.mjs', 'corpus.mjs']) hash.update(readFileSync(join(benchDir, file)));
  return hash.digest('hex').slice(0, 16);
}

function buildFullCorpus({ spec, root, cacheDir, log }) {
  const extensions = new Set(spec.extensions);
  rmSync(root, { recursive: true, force: true });
  const files = [];
  const sources = [];
  let downloads = 0;
  for (const pkg of spec.packages) {
    const { file: tarball, downloaded } = ensureTarball(pkg, join(cacheDir, 'tarballs'), log);
    if (downloaded) downloads++;
    const unpackDir = mkdtempSync(join(cacheDir, '.unpack-'));
    try {
      execFileSync('tar', ['-xzf', tarball, '-C', unpackDir]);
      // npm tarballs hold one top folder, normally `package/`.
      const [top] = readdirSync(unpackDir);
      const pkgRoot = join(unpackDir, top);
      const source = { source: `${pkg.name}@${pkg.version}`, files: 0, bytes: 0, otherFiles: 0, skipped: {} };
      for (const abs of walkFiles(pkgRoot)) {
        const rel = relative(pkgRoot, abs).split(sep).join('/');
        if (!extensions.has(extname(abs).toLowerCase())) {
          source.otherFiles++;
          continue;
        }
        const reason = scannerSkipReason(abs);
        if (reason) {
          source.skipped[reason] = (source.skipped[reason] ?? 0) + 1;
          continue;
        }
        const corpusRel = `npm/${pkg.name}@${pkg.version}/${visibleRelPath(rel)}`;
        const dest = join(root, corpusRel);
        mkdirSync(dirname(dest), { recursive: true });
        copyFileSync(abs, dest);
        const bytes = statSync(dest).size;
        files.push({ rel: corpusRel, bytes, source: source.source });
        source.files++;
        source.bytes += bytes;
      }
      sources.push(source);
    } finally {
      rmSync(unpackDir, { recursive: true, force: true });
    }
  }
  const generated = { source: `generated (seed ${spec.generated.seed})`, files: 0, bytes: 0, otherFiles: 0, skipped: {} };
  for (const file of generateMerchantFiles({ seed: spec.generated.seed, count: spec.generated.files })) {
    const corpusRel = `generated/${file.path}`;
    writeText(join(root, corpusRel), file.text);
    const bytes = Buffer.byteLength(file.text);
    files.push({ rel: corpusRel, bytes, source: generated.source });
    generated.files++;
    generated.bytes += bytes;
  }
  sources.push(generated);
  files.sort((a, b) => byPath(a.rel, b.rel));
  return { files, sources, downloads };
}

/** A deterministic small sample of the full corpus (every Nth file), for `--quick`. */
function buildQuickCorpus({ full, fullRoot, root, every }) {
  rmSync(root, { recursive: true, force: true });
  const files = full.files.filter((_, i) => i % every === 0);
  for (const file of files) {
    mkdirSync(dirname(join(root, file.rel)), { recursive: true });
    copyFileSync(join(fullRoot, file.rel), join(root, file.rel));
  }
  const sources = full.sources.map((s) => {
    const mine = files.filter((f) => f.source === s.source);
    return { source: s.source, files: mine.length, bytes: mine.reduce((sum, f) => sum + f.bytes, 0), otherFiles: 0, skipped: {} };
  });
  return { files, sources, downloads: 0 };
}

/**
 * Returns the corpus (building it on first use): `root` (the folder to scan), `files` (relative `/` paths with
 * sizes and source), `sources` (composition) and whether anything was downloaded or rebuilt this time.
 */
export function prepareCorpus({ repoRoot, quick = false, log = () => {} }) {
  const benchDir = join(repoRoot, 'bench');
  const cacheDir = join(repoRoot, '.cache', 'bench');
  const spec = JSON.parse(readFileSync(join(benchDir, 'corpus.json'), 'utf8'));
  const key = corpusKey(benchDir, spec);

  const load = (name, build) => {
    const root = join(cacheDir, 'corpus', name);
    // The manifest lives beside the corpus folder, not in it: every file in the folder is a benchmark input.
    const manifestFile = `${root}.manifest.json`;
    if (existsSync(manifestFile) && existsSync(root)) {
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
      if (manifest.key === key) return { root, ...manifest, rebuilt: false, downloads: 0 };
    }
    log(`building the ${name} corpus in ${relative(repoRoot, root)} …`);
    const built = build(root);
    const manifest = { key, created: new Date().toISOString(), files: built.files, sources: built.sources };
    writeText(manifestFile, `${JSON.stringify(manifest)}\n`);
    return { root, ...manifest, rebuilt: true, downloads: built.downloads };
  };

  const full = load('full', (root) => buildFullCorpus({ spec, root, cacheDir, log }));
  if (!quick) return full;
  return load('quick', (root) => buildQuickCorpus({ full, fullRoot: full.root, root, every: spec.quick.every }));
}
