// The bare-parse baseline: typescript-estree over every listed file in one process, no rules, no traversal.
// Usage: node bench/parse-files.mjs <file-list> <result.json>   (one absolute path per line)
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';

/** JSX by extension, as the engine decides it (server/src/engine/languages.ts): .js may hold JSX, .mjs/.cjs not. */
const JSX_EXTENSIONS = new Set(['.js', '.jsx', '.tsx']);

const [listFile, resultFile] = process.argv.slice(2);
const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
let bytes = 0;
const failures = [];
for (const file of files) {
  // Editors and our scanner drop the byte-order mark; do the same so every tool sees the same text.
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  bytes += Buffer.byteLength(text);
  try {
    parse(text, { range: true, loc: true, comment: true, jsx: JSX_EXTENSIONS.has(extname(file).toLowerCase()) });
  } catch (err) {
    failures.push({ file, message: String(err?.message ?? err).split('\n')[0] });
  }
}
writeFileSync(resultFile, JSON.stringify({ files: files.length, parsed: files.length - failures.length, bytes, failures }));
