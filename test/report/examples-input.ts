// Builds the compliance report's input for the repository's examples/ folder by running the real engine on every file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { analyze, LineIndex, maskSecret, type Config, type Finding } from '../../server/src/engine';
import type { ReportFile, ReportInput, ReportSuppression } from '../../server/src/report';
import { GUIDELINE, RULES } from '../../rules';

/** The repository root: the folder of the `codepay-guard` package.json above this file (source or compiled). */
export function repoRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'codepay-guard') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no codepay-guard package.json above ${start}`);
  }
}

const SNIPPET_CHARS = 160;

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/** The team file's `rules` and `fixtures`, so the scan sees examples/ the way the CLI and the editor do. */
function teamConfig(root: string): Config {
  const file = path.join(root, '.codepay-guard.json');
  if (!fs.existsSync(file)) return {};
  const raw = parseJsonc(fs.readFileSync(file, 'utf8')) as Config;
  return { rules: raw.rules, fixtures: raw.fixtures, ignore: raw.ignore };
}

/**
 * The finding's line, at most 160 characters. The engine's own masked snippet wins; without one, a value the message
 * shows masked (`****`) is masked in the line too, so the report never carries a secret in full.
 */
function snippetOf(text: string, lines: LineIndex, finding: Finding): string {
  const fromEngine = (finding as { snippet?: unknown }).snippet;
  if (typeof fromEngine === 'string') return fromEngine.slice(0, SNIPPET_CHARS);
  const line = lines.lineOf(finding.start);
  let lineText = lines.lineText(line);
  const lineStart = lines.lineStart(line);
  if (finding.message.includes('****') && lines.lineOf(finding.end) === line && finding.end > finding.start) {
    const from = finding.start - lineStart;
    const to = finding.end - lineStart;
    lineText = lineText.slice(0, from) + maskSecret(lineText.slice(from, to)) + lineText.slice(to);
  }
  return lineText.trim().slice(0, SNIPPET_CHARS);
}

interface EngineSuppression {
  kind: ReportSuppression['kind'];
  ruleIds: string[];
  reason?: string;
  until?: string;
  start: number;
  line?: number;
  status: ReportSuppression['status'];
}

function suppressionsOf(result: unknown, lines: LineIndex): ReportSuppression[] {
  const list = (result as { suppressions?: EngineSuppression[] }).suppressions;
  if (!Array.isArray(list)) return [];
  return list.map((s) => ({
    line: typeof s.start === 'number' ? lines.positionAt(s.start).line : (s.line ?? 1),
    kind: s.kind,
    ruleIds: [...s.ruleIds],
    ...(s.reason ? { reason: s.reason } : {}),
    ...(s.until ? { until: s.until } : {}),
    status: s.status,
  }));
}

export interface ExamplesScan {
  input: ReportInput;
  /** What the engine reported, counted independently of the report code. */
  expected: { files: number; filesWithFindings: number; error: number; warning: number; info: number; suppressions: number; skipped: number };
}

export function scanExamples(root: string, generatedAt = new Date().toISOString()): ExamplesScan {
  const config = teamConfig(root);
  const files: ReportFile[] = [];
  const skipped = new Map<string, number>();
  const expected = { files: 0, filesWithFindings: 0, error: 0, warning: 0, info: 0, suppressions: 0, skipped: 0 };
  for (const abs of listFiles(root)) {
    const relPath = path.relative(root, abs).split(path.sep).join('/');
    const text = fs.readFileSync(abs, 'utf8');
    const result = analyze(text, { path: relPath, config, rules: RULES, guidelineText: GUIDELINE });
    if (result.skipped) {
      skipped.set(result.skipped, (skipped.get(result.skipped) ?? 0) + 1);
      expected.skipped++;
      continue;
    }
    const lines = new LineIndex(text);
    const findings = result.findings.map((f) => {
      const start = lines.positionAt(f.start);
      const end = lines.positionAt(f.end);
      return {
        ruleId: f.ruleId, severity: f.severity, message: f.message,
        line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
        snippet: snippetOf(text, lines, f),
      };
    });
    const suppressions = suppressionsOf(result, lines);
    files.push({ relPath, findings, suppressions });
    expected.files++;
    if (findings.length) expected.filesWithFindings++;
    for (const f of result.findings) expected[f.severity]++;
    expected.suppressions += suppressions.length;
  }
  return { input: { root, files, skipped, generatedAt, toolVersion: packageVersion(root) }, expected };
}

function packageVersion(start: string): string {
  return JSON.parse(fs.readFileSync(path.join(repoRoot(start), 'package.json'), 'utf8')).version as string;
}
