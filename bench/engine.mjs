// The engine and rules bundled from source for in-process measurements (no build of the extension needed): one
// esbuild bundle per caller, so that two benchmarks running at once never load each other's half-written file.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles `engineExports` of server/src/engine plus RULES and GUIDELINE into `.cache/bench/<name>.cjs` and loads it.
 * @param {{ name: string, engineExports: string[] }} options
 */
export async function loadEngineBundle({ name, engineExports }) {
  const { build } = await import('esbuild');
  const outfile = join(repoRoot, '.cache', 'bench', `${name}.cjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    stdin: {
      contents: `export { ${engineExports.join(', ')} } from './server/src/engine';\nexport { RULES, GUIDELINE } from './rules';\n`,
      resolveDir: repoRoot,
      loader: 'ts',
      sourcefile: `${name}-entry.ts`,
    },
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, sourcemap: false, legalComments: 'none',
    mainFields: ['module', 'main'], logLevel: 'warning', outfile,
  });
  const require = createRequire(import.meta.url);
  delete require.cache[outfile];
  return require(outfile);
}
