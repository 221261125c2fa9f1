// The tool's version, read at run time from the package.json shipped next to the bundle (never bundled into it).
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Walks up from this file to the `codepay-guard` package.json: `dist/cli.js` finds it one level up, the compiled
 * `out/server/src/cli/version.js` four levels up, so the bundle and the unbundled build agree.
 */
export function packageVersion(startDir: string = __dirname): string {
  for (let dir = startDir; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'codepay-guard' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No readable package.json here: keep walking up.
    }
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}
