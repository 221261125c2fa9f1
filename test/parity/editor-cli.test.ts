// Editor and CI agree: the same workspace, under a team file and a committed .vscode/settings.json that change
// severities, turn rules off, add a verifier name and a secret pattern, gives identical findings through the real
// language server (settings answered as VS Code answers them) and through the real CLI.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FULL_CAPABILITIES, LspTestClient, ROOT } from '../lsp/lsp-client';

const join = (...parts: string[]) => parts.join('');
const STRIPE = join('sk_', 'live_', 'Wx55DVqBjCtcjKPhV4ZMCuXB');
const ACME = join('ACME-', 'Q7W2E9R4-', 'a1b2c3d4e5f60718293a4b5c6d7e8f90');
const lines = (...l: string[]) => `${l.join('\n')}\n`;

const TEAM_FILE = lines(
  '{',
  '  // The team: transport is checked by the platform proxy; keys are warnings while we migrate.',
  '  "rules": { "insecure-transport": "off", "hardcoded-secret": "warning" },',
  '  "names": { "verifiers": ["codepayGate"] },',
  '  "secrets": { "patterns": [{ "id": "acme-gateway-key", "regex": "ACME-[A-Z0-9]{8}-[a-f0-9]{32}" }] },',
  '  "ignore": ["generated/**"]',
  '}',
);

/** What the repository commits for VS Code; the CLI reads the same file. */
const SETTINGS = {
  'codepayGuard.rules': { 'weak-password-hash': 'info', 'missing-rate-limit': 'off' },
  'codepayGuard.names': { verifiers: ['verifyAcmeNotify'] },
  'codepayGuard.suppressions': { reportUnused: 'info' },
};

const FILES: Record<string, string> = {
  '.codepay-guard.json': TEAM_FILE,
  '.vscode/settings.json': JSON.stringify(SETTINGS, null, 2),
  'server/notify.ts': lines(
    "router.post('/codepay/notify', async (req, res) => {",
    '  if (!(await codepayGate(req))) return res.status(401).end();',
    '  await markOrderPaid(req.body.out_trade_no);',
    "  res.send('success');",
    '});',
    "router.post('/acme/notify', async (req, res) => {",
    '  if (!verifyAcmeNotify(req)) return res.status(401).end();',
    '  await markOrderPaid(req.body.out_trade_no);',
    "  res.send('success');",
    '});',
    "router.post('/legacy/notify', async (req, res) => {",
    '  await markOrderPaid(req.body.out_trade_no);',
    "  res.send('success');",
    '});',
  ),
  'server/keys.ts': lines(
    `export const stripeKey = '${STRIPE}';`,
    `export const gatewayRef = '${ACME}';`,
    "export const gateway = 'http://pay.example.com/api';",
  ),
  'server/users.ts': lines(
    "import { createHash } from 'node:crypto';",
    "export const hashPassword = (password: string) => createHash('md5').update(password).digest('hex');",
    '// codepay-guard-disable-next-line injection -- nothing to see',
    'export const x = 1;',
  ),
  'config/.env': lines(`ACME_KEY=${ACME}`, `STRIPE_SECRET_KEY=${STRIPE}`),
  'generated/keys.ts': `export const stripeKey = '${STRIPE}';\n`,
};

type Row = string;

function cliRows(root: string): Row[] {
  const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'scan', root, '--format', 'json'], { encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const files = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; severity: string; line: number; column: number; message: string }> }>;
  return files.flatMap((f) => f.messages.map((m) => `${path.relative(root, f.filePath)}:${m.line}:${m.column} ${m.severity} ${m.ruleId} ${m.message}`)).sort();
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

describe('parity: language server and CLI give identical findings', function () {
  this.timeout(60_000);
  let root: string;
  let client: LspTestClient;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'codepay-parity-'));
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    // VS Code answers `workspace/configuration` for the section with the nested object it merges from settings.json.
    const section = { rules: SETTINGS['codepayGuard.rules'], names: SETTINGS['codepayGuard.names'], suppressions: SETTINGS['codepayGuard.suppressions'] };
    client = await LspTestClient.start({
      capabilities: FULL_CAPABILITIES,
      workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'shop' }],
      settings: () => section,
    });
  });

  after(async () => {
    await client?.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('under a team file and .vscode/settings.json that change severities, turn rules off, add a verifier and a secret pattern', async () => {
    const lspRows: Row[] = [];
    for (const rel of Object.keys(FILES).filter((f) => !f.startsWith('.'))) {
      const uri = pathToFileURL(path.join(root, rel)).toString();
      const since = client.mark();
      await client.open(uri, rel.endsWith('.ts') ? 'typescript' : 'dotenv', FILES[rel]);
      const published = await client.waitForDiagnostics(uri, since, () => true, `diagnostics of ${rel}`, 5000);
      for (const d of published.diagnostics) {
        lspRows.push(`${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 0]} ${String(d.code)} ${d.message}`);
      }
    }
    lspRows.sort();
    const cli = cliRows(root);
    assert.deepEqual(lspRows, cli);
    // And the configuration did what it says (so the comparison is not between two empty lists).
    const rules = cli.map((r) => r.split(' ').slice(0, 3).join(' '));
    assert.deepEqual(rules, [
      'config/.env:1:10 warning hardcoded-secret',
      'config/.env:2:19 warning hardcoded-secret',
      'server/keys.ts:1:26 warning hardcoded-secret',
      'server/keys.ts:2:27 warning hardcoded-secret',
      'server/notify.ts:11:1 error unverified-payment-notification',
      'server/users.ts:2:51 info weak-password-hash',
      'server/users.ts:3:1 info suppression-comment',
    ].sort());
  });
});

describe('parity: Scan Workspace reads files as the CLI does', function () {
  this.timeout(120_000);
  let root: string;
  let client: LspTestClient;
  /** A script over 2 MB: read by both only because the team file raises maxFileSize above its size. */
  const large = `export const stripeKey = '${STRIPE}';\n${'// padding padding padding padding padding padding padding\n'.repeat(36_000)}`;
  const files: Record<string, string> = {
    '.codepay-guard.json': '{ "maxFileSize": 3000000 }\n',
    'src/keys.ts': `export const stripeKey = '${STRIPE}';\n`,
    'src/large.ts': large,
    // A minified bundle (one very long line): skipped by both, key or not.
    'public/app.js': `var k='${STRIPE}';${'var a=1;'.repeat(400)}\n`,
    'src/data.bin.ts': `export const x = 1;\u0000\n`,
  };

  before(async () => {
    assert.ok(large.length > 2 * 1024 * 1024 && large.length < 3_000_000);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'codepay-parity-scan-'));
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    client = await LspTestClient.start({ capabilities: FULL_CAPABILITIES, workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'shop' }], settings: () => ({}) });
  });

  after(async () => {
    await client?.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a file over 2 MB under a larger maxFileSize is analysed, a minified bundle and a binary file are not', async () => {
    const since = client.mark();
    const summary = await client.request('workspace/executeCommand', { command: 'codepay-guard.scanWorkspace', arguments: [] }) as { files: number; cancelled: boolean };
    assert.equal(summary.cancelled, false);
    const latest = new Map<string, string[]>();
    for (const p of client.diagnostics.slice(since)) {
      const rel = path.relative(root, new URL(p.uri).pathname);
      latest.set(rel, p.diagnostics.filter((d) => d.code !== 'analysis-limit').map((d) => `${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 0]} ${String(d.code)} ${d.message}`));
    }
    const lspRows = [...latest.values()].flat().sort();
    const cli = cliRows(root);
    assert.deepEqual(lspRows, cli);
    assert.deepEqual(cli.map((r) => r.split(' ')[0]), ['src/keys.ts:1:26', 'src/large.ts:1:26']);
  });
});
