// Inspects the packaged .vsix: what a user installs must hold the client and server bundles, manifest, docs, grammar, schema and
// licence, and nothing else (no sources, tests, maps or node_modules).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yauzl from 'yauzl';

const REPO = path.resolve(__dirname, '..', '..', '..');
const VSIX = process.env.CODEPAY_VSIX ?? path.join(REPO, 'dist-vsix', 'codepay-guard.vsix');

function listEntries(file: string): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const entries = new Map<string, number>();
      zip.on('entry', (e: yauzl.Entry) => { entries.set(e.fileName, e.uncompressedSize); zip.readEntry(); });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

function readEntry(file: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== name) return zip.readEntry();
        zip.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => { zip.close(); resolve(Buffer.concat(chunks).toString('utf8')); });
        });
      });
      zip.on('end', () => reject(new Error(`${name} not in ${file}`)));
      zip.readEntry();
    });
  });
}

describe('package: the .vsix', () => {
  let entries: Map<string, number>;
  before(async function () {
    if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
    entries = await listEntries(VSIX);
  });

  it('contains the bundles, manifest, docs, grammar, schema and licence', () => {
    const required = ['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/analysis-worker.js',
      'extension/schemas/codepay-guard.schema.json', 'extension/syntaxes/codepay-guard-suppression.tmLanguage.json',
      'extension/docs/rules/hardcoded-secret.md', 'extension.vsixmanifest'];
    for (const name of required) assert.ok(entries.has(name), `${name} is packaged`);
    // vsce normalises the case of these two names (readme.md, LICENSE.txt).
    assert.ok([...entries.keys()].some((n) => /^extension\/readme\.md$/i.test(n)), 'the README is packaged');
    assert.ok([...entries.keys()].some((n) => /^extension\/LICENSE(\.(md|txt))?$/i.test(n)), 'a licence is packaged');
  });

  it('contains no sources, tests, maps, node_modules or examples', () => {
    const forbidden = [...entries.keys()].filter((n) =>
      /\.ts$|\.map$|(^|\/)node_modules\/|^extension\/(client|server|rules|test|out|examples|scripts|\.ci|\.cache)\//.test(n) || /tsconfig/.test(n));
    assert.deepEqual(forbidden, []);
  });

  it('ships a manifest whose entry point and server are in the package', async () => {
    const manifest = JSON.parse(await readEntry(VSIX, 'extension/package.json'));
    assert.equal(manifest.main, './dist/client.js');
    assert.equal(manifest.publisher, 'codepay');
    assert.equal(manifest.name, 'codepay-guard');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('reports its size', () => {
    const total = fs.statSync(VSIX).size;
    const unpacked = [...entries.values()].reduce((a, b) => a + b, 0);
    console.log(`      vsix: ${(total / 1024).toFixed(0)} KiB packed, ${(unpacked / 1024).toFixed(0)} KiB unpacked, ${entries.size} files`);
    assert.ok(total > 0);
  });
});
