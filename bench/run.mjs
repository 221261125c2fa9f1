// `npm run bench`: our CLI against a bare parse, ESLint (security + no-secrets) and secretlint on one corpus,
// alternating the tools round by round, then the keystroke latency (bench/latency.mjs) and the language server's
// memory after a workspace scan of the corpus (bench/server-memory.mjs). Prints a markdown summary and writes the raw
// figures to .cache/bench/results-<timestamp>.json.
//
//   npm run bench -- [--rounds N] [--only parse,ours,ours-parallel,eslint,secretlint,latency,server-memory] [--quick]
//   npm run bench -- --verify-prefilter [--quick]   (bench/verify-prefilter.mjs: the rule pre-filter changes no finding)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareCorpus } from './corpus.mjs';
import { formatLatencyMarkdown } from './latency.mjs';
import { formatServerMemoryMarkdown, runServerMemory } from './server-memory.mjs';
import { median, formatNumber } from './stats.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRepo = createRequire(join(repoRoot, 'package.json'));
const PROBE = join(repoRoot, 'bench', 'rss-probe.cjs');
const CORPUS_TOOLS = ['parse', 'ours', 'ours-parallel', 'eslint', 'secretlint'];
const ALL_PARTS = [...CORPUS_TOOLS, 'latency', 'server-memory'];
/** The default run: every tool on one thread (`ours-parallel`, the CLI's worker pool, only when asked for). */
const DEFAULT_PARTS = ALL_PARTS.filter((p) => p !== 'ours-parallel');
/** A benchmarked run that takes longer than this is stopped and recorded as timed out. */
const RUN_TIMEOUT_MS = 60 * 60 * 1000;

function usageError(message) {
  console.error(`bench: ${message}\nusage: npm run bench -- [--rounds N] [--only ${ALL_PARTS.join(',')}] [--quick]\n       npm run bench -- --verify-prefilter [--quick]\n(default: --only ${DEFAULT_PARTS.join(',')})`);
  process.exit(2);
}

function readOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, options: { rounds: { type: 'string' }, only: { type: 'string' }, quick: { type: 'boolean' }, 'verify-prefilter': { type: 'boolean' } },
    });
  } catch (err) {
    usageError(err.message);
  }
  const { values } = parsed;
  const quick = values.quick ?? false;
  const rounds = values.rounds === undefined ? (quick ? 1 : 3) : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) usageError(`--rounds needs a positive integer, got '${values.rounds}'`);
  const only = values.only === undefined ? DEFAULT_PARTS : values.only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only.filter((p) => !ALL_PARTS.includes(p));
  if (unknown.length || only.length === 0) usageError(`--only takes a comma-separated list of ${ALL_PARTS.join(', ')}`);
  return { quick, rounds, only, verifyPrefilter: values['verify-prefilter'] ?? false };
}

/** `--verify-prefilter`: runs bench/verify-prefilter.mjs (in process, no peers) and exits with its code. */
function verifyPrefilter(quick) {
  const child = spawn(process.execPath, [join(repoRoot, 'bench', 'verify-prefilter.mjs'), ...(quick ? ['--quick'] : [])], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function packageVersion(name) {
  return JSON.parse(readFileSync(requireFromRepo.resolve(`${name}/package.json`), 'utf8')).version;
}

/** ESLint flat config for the comparison: security (recommended) + no-secrets, typescript-eslint parser, no type info. */
function writeEslintConfig(dir) {
  const url = (spec) => pathToFileURL(requireFromRepo.resolve(spec)).href;
  const file = join(dir, 'eslint.config.mjs');
  writeFileSync(file, `// Written by bench/run.mjs for one benchmark run.
import security from '${url('eslint-plugin-security')}';
import noSecrets from '${url('eslint-plugin-no-secrets')}';
import tsParser from '${url('@typescript-eslint/parser')}';

const files = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];
export default [
  // Inline directives are ignored so that every run does the same work whatever the packages' comments say.
  { files, languageOptions: { parser: tsParser }, linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
  { ...security.configs.recommended, files },
  { files, plugins: { 'no-secrets': noSecrets }, rules: { 'no-secrets/no-secrets': 'error' } },
];
`);
  return file;
}

function writeSecretlintConfig(dir) {
  const file = join(dir, '.secretlintrc.json');
  writeFileSync(file, `${JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2)}\n`);
  return file;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Findings per rule id, most frequent first. */
function countByRule(results, ruleOf) {
  const counts = new Map();
  for (const file of results) for (const message of file.messages) {
    const rule = ruleOf(message);
    if (rule) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

function findingsOf(results, ruleOf) {
  const byRule = countByRule(results, ruleOf);
  return { findings: Object.values(byRule).reduce((n, c) => n + c, 0), byRule };
}

/** What each tool reported: files it analysed, findings by rule, and files it could not parse. */
const READERS = {
  parse: (out) => {
    const r = readJson(out);
    return r && { analysed: r.files, unparsed: r.files - r.parsed, unparsedFiles: r.failures.slice(0, 10) };
  },
  ours: (out) => {
    const r = readJson(out);
    return r && { analysed: r.length, ...findingsOf(r, (m) => m.ruleId), analysedPaths: r.map((f) => f.filePath) };
  },
  eslint: (out) => {
    const r = readJson(out);
    if (!r) return undefined;
    const fatal = r.filter((f) => f.messages.some((m) => m.fatal));
    return {
      analysed: r.length,
      // Messages without a rule id are parse errors (counted as unparsed) and notices about ignored directives.
      ...findingsOf(r, (m) => m.ruleId),
      unparsed: fatal.length,
      unparsedFiles: fatal.slice(0, 10).map((f) => ({ file: f.filePath, message: f.messages.find((m) => m.fatal).message })),
      analysedPaths: r.map((f) => f.filePath),
    };
  },
  secretlint: (out) => {
    const r = readJson(out);
    return r && { analysed: r.length, ...findingsOf(r, (m) => m.ruleId), analysedPaths: r.map((f) => f.filePath) };
  },
};
READERS['ours-parallel'] = READERS.ours;

/** The command line of one tool; every one is a fresh `node` process with the RSS probe preloaded. */
function commandFor(tool, { corpus, tmp, listFile, eslintConfig, secretlintConfig }) {
  const out = join(tmp, `${tool}.out.json`);
  switch (tool) {
    case 'parse':
      return { args: [join(repoRoot, 'bench', 'parse-files.mjs'), listFile, out], cwd: repoRoot, out };
    case 'ours':
      // One thread, like the parse baseline and ESLint's default, so the ratios compare the work done per file.
      return { args: [join(repoRoot, 'dist', 'cli.js'), 'scan', corpus.root, '--concurrency', 'off', '--format', 'json', '--output', out], cwd: repoRoot, out };
    case 'ours-parallel':
      // The CLI's default: a worker thread per core for a scan this large.
      return { args: [join(repoRoot, 'dist', 'cli.js'), 'scan', corpus.root, '--concurrency', 'auto', '--format', 'json', '--output', out], cwd: repoRoot, out };
    case 'eslint':
      // The corpus folder is the working directory: ESLint's base path for a `-c` config is the cwd.
      return {
        args: [join(dirname(requireFromRepo.resolve('eslint/package.json')), 'bin', 'eslint.js'),
          '--no-config-lookup', '-c', eslintConfig, '--concurrency', 'off', '--format', 'json', '--output-file', out, '.'],
        cwd: corpus.root,
        out,
      };
    case 'secretlint':
      // secretlint's glob must lie under its cwd; with --output it always exits 0 unless it crashes. secretlint
      // 10.x records profiler marks on every run, at a cost quadratic in the number of files (secretlint#1653,
      // made opt-in by secretlint#1673); that is part of what its users pay, so it is measured as installed.
      return {
        args: [join(dirname(requireFromRepo.resolve('secretlint/package.json')), 'bin', 'secretlint.js'),
          '**/*', '--secretlintrc', secretlintConfig, '--format', 'json', '--output', out, '--no-color'],
        cwd: corpus.root,
        out,
      };
    default:
      throw new Error(`unknown tool ${tool}`);
  }
}

/** Runs one child to completion; wall time from spawn to exit, peak RSS from the probe. */
function timedRun(tool, round, command, tmp) {
  const rssFile = join(tmp, `${tool}.${round}.rss`);
  const stdoutFile = join(tmp, `${tool}.${round}.stdout`);
  const stderrFile = join(tmp, `${tool}.${round}.stderr`);
  rmSync(command.out, { force: true });
  const stdout = openSync(stdoutFile, 'w');
  const stderr = openSync(stderrFile, 'w');
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', PROBE, ...command.args], {
      cwd: command.cwd,
      env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', stdout, stderr],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      closeSync(stdout);
      closeSync(stderr);
      const rssKb = Number(existsSync(rssFile) ? readFileSync(rssFile, 'utf8') : NaN);
      const report = READERS[tool](command.out);
      const stderrText = readFileSync(stderrFile, 'utf8');
      resolvePromise({
        tool, round, wallMs, exitCode: code, signal, timedOut,
        peakRssMb: rssKb / 1024,
        ...report,
        stderrTail: stderrText.trim().split('\n').slice(-5).join('\n'),
      });
    });
  });
}

function relativeTo(root, paths) {
  const prefix = `${root}/`;
  return new Set((paths ?? []).map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p)));
}

/** Files of the corpus a tool did not report on (by relative path), for the notes. */
function missingFiles(corpus, run) {
  if (!run.analysedPaths) return [];
  const seen = relativeTo(corpus.root, run.analysedPaths);
  return corpus.files.map((f) => f.rel).filter((rel) => !seen.has(rel));
}

const TOOL_LABELS = {
  parse: 'bare parse (typescript-estree)',
  ours: 'codepay-guard scan (all rules, 1 thread)',
  'ours-parallel': 'codepay-guard scan (all rules, --concurrency auto)',
  eslint: 'ESLint + security + no-secrets',
  secretlint: 'secretlint (recommended preset)',
};

/** Exit codes that mean "ran fine", so that a reader of the notes does not take them for failures. */
const EXIT_MEANING = {
  ours: '1 = error-level findings',
  'ours-parallel': '1 = error-level findings',
  eslint: '1 = error-level findings',
  secretlint: 'always 0 with --output unless it crashes',
};

function summarise(corpus, runs, tools) {
  const totalBytes = corpus.files.reduce((n, f) => n + f.bytes, 0);
  const rows = {};
  for (const tool of tools) {
    const mine = runs.filter((r) => r.tool === tool);
    const ok = mine.filter((r) => !r.timedOut && r.analysed !== undefined);
    const wallMs = median(ok.map((r) => r.wallMs));
    const last = ok.at(-1) ?? mine.at(-1);
    const analysed = last?.analysed ?? 0;
    rows[tool] = {
      tool,
      label: TOOL_LABELS[tool],
      listed: corpus.files.length,
      analysed,
      findings: last?.findings,
      byRule: last?.byRule,
      unparsed: last?.unparsed,
      exitCodes: [...new Set(mine.map((r) => r.exitCode))],
      wallS: wallMs / 1000,
      wallSAll: mine.map((r) => r.wallMs / 1000),
      filesPerS: analysed / (wallMs / 1000),
      mbPerS: totalBytes / 1e6 / (wallMs / 1000),
      peakRssMb: Math.max(...mine.map((r) => r.peakRssMb).filter(Number.isFinite)),
      missing: last ? missingFiles(corpus, last) : [],
    };
  }
  return rows;
}

function markdownTable(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function corpusMarkdown(corpus) {
  const rows = corpus.sources.map((s) => [
    s.source, formatNumber(s.files, 0), formatNumber(s.bytes / 1e6, 1),
    Object.entries(s.skipped ?? {}).map(([why, n]) => `${n} ${why}`).join(', ') || '–',
  ]);
  const files = corpus.files.length;
  const mb = corpus.files.reduce((n, f) => n + f.bytes, 0) / 1e6;
  rows.push(['**total**', `**${formatNumber(files, 0)}**`, `**${formatNumber(mb, 1)}**`, '']);
  return markdownTable(['source', 'files', 'MB', 'left out (scanner would skip)'], rows);
}

function resultsMarkdown(rows, rounds) {
  const tools = Object.keys(rows);
  const table = markdownTable(
    ['tool', 'files analysed', `wall s (median of ${rounds})`, 'files/s', 'MB/s', 'peak RSS MB', 'findings'],
    tools.map((t) => {
      const r = rows[t];
      const files = r.analysed === r.listed ? formatNumber(r.analysed, 0) : `${formatNumber(r.analysed, 0)} of ${formatNumber(r.listed, 0)}`;
      return [r.label, files, formatNumber(r.wallS, 2), formatNumber(r.filesPerS, 0), formatNumber(r.mbPerS, 2), formatNumber(r.peakRssMb, 0),
        t === 'parse' ? '–' : formatNumber(r.findings ?? NaN, 0)];
    }),
  );
  const ratios = [];
  const ratio = (a, b, name) => {
    if (rows[a] && rows[b]) ratios.push(`${name}: wall ×${formatNumber(rows[a].wallS / rows[b].wallS, 2)}, peak RSS ×${formatNumber(rows[a].peakRssMb / rows[b].peakRssMb, 2)}`);
  };
  ratio('ours', 'parse', 'ours/parse');
  ratio('ours', 'eslint', 'ours/ESLint');
  ratio('ours', 'secretlint', 'ours/secretlint');
  ratio('ours-parallel', 'ours', 'ours parallel/ours');
  // The CLI's default on this corpus (a worker pool): the target is ≤ 0.75× the bare parse and ≤ 500 MB peak RSS.
  ratio('ours-parallel', 'parse', 'ours parallel/parse');
  return ratios.length ? `${table}\n\nRatios (median wall time, peak RSS): ${ratios.join('; ')}.` : table;
}

function notesMarkdown(rows, runs) {
  const notes = [];
  for (const r of Object.values(rows)) {
    if (r.unparsed) notes.push(`${r.label}: ${r.unparsed} file(s) did not parse.`);
    if (r.missing.length) {
      notes.push(`${r.label}: reported no result for ${r.missing.length} listed file(s), e.g. ${r.missing.slice(0, 3).map((m) => `\`${m}\``).join(', ')}.`);
    }
    const top = Object.entries(r.byRule ?? {}).slice(0, 4).map(([rule, n]) => `${rule} ${formatNumber(n, 0)}`);
    const codes = r.exitCodes.map((c) => (c === null ? 'killed' : String(c)));
    notes.push(`${r.label}: exit code ${codes.join(', ')}${EXIT_MEANING[r.tool] ? ` (${EXIT_MEANING[r.tool]})` : ''}${top.length ? `; most findings: ${top.join(', ')}` : ''}.`);
  }
  for (const run of runs.filter((x) => x.timedOut || x.analysed === undefined)) {
    notes.push(`${TOOL_LABELS[run.tool]} round ${run.round}: ${run.timedOut ? 'timed out' : 'no readable report'}${run.stderrTail ? ` — ${run.stderrTail.split('\n').at(-1)}` : ''}.`);
  }
  return ['Notes:', '', ...notes.map((n) => `- ${n}`)].join('\n');
}

function runLatency({ quick, tmp }) {
  const out = join(tmp, 'latency.json');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bench', 'latency.mjs'), '--json', out, ...(quick ? ['--quick'] : [])], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('close', (code) => {
      const result = readJson(out);
      if (code !== 0 || !result) reject(new Error(`bench/latency.mjs exited with ${code}`));
      else resolvePromise(result);
    });
  });
}

function machine() {
  const cpus = os.cpus();
  return { cpus: cpus.length, cpuModel: cpus[0]?.model, totalMemGb: os.totalmem() / 2 ** 30, node: process.version, platform: `${process.platform} ${os.release()}` };
}

async function main() {
  const options = readOptions(process.argv.slice(2));
  if (options.verifyPrefilter) {
    verifyPrefilter(options.quick);
    return;
  }
  const tools = CORPUS_TOOLS.filter((t) => options.only.includes(t));
  const log = (message) => console.error(message);
  if ((tools.some((t) => t.startsWith('ours')) || options.only.includes('latency') || options.only.includes('server-memory')) && !existsSync(join(repoRoot, 'dist', 'cli.js'))) {
    console.error('bench: dist/ is missing; run `npm run build` first');
    process.exit(2);
  }
  const cacheDir = join(repoRoot, '.cache', 'bench');
  mkdirSync(cacheDir, { recursive: true });
  const tmp = mkdtempSync(join(os.tmpdir(), 'codepay-bench-'));
  const started = new Date();
  const results = {
    started: started.toISOString(), options, machine: machine(),
    versions: {
      'codepay-guard': JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version,
      '@typescript-eslint/typescript-estree': packageVersion('@typescript-eslint/typescript-estree'),
      eslint: packageVersion('eslint'),
      'eslint-plugin-security': packageVersion('eslint-plugin-security'),
      'eslint-plugin-no-secrets': packageVersion('eslint-plugin-no-secrets'),
      '@typescript-eslint/parser': packageVersion('@typescript-eslint/parser'),
      secretlint: packageVersion('secretlint'),
      '@secretlint/secretlint-rule-preset-recommend': packageVersion('@secretlint/secretlint-rule-preset-recommend'),
    },
  };
  const sections = [`# CodePay Guard benchmark${options.quick ? ' (quick)' : ''}`, '',
    `${started.toISOString()} · ${results.machine.cpus} × ${results.machine.cpuModel} · ${formatNumber(results.machine.totalMemGb, 0)} GB · Node ${process.version}. Timings vary by machine and load; compare ratios, not seconds.`];
  try {
    if (tools.length) {
      const corpus = prepareCorpus({ repoRoot, quick: options.quick, log });
      log(`corpus: ${corpus.files.length} files in ${corpus.root}${corpus.rebuilt ? ` (built now, ${corpus.downloads} download(s))` : ' (cached)'}`);
      const listFile = join(tmp, 'files.txt');
      writeFileSync(listFile, `${corpus.files.map((f) => join(corpus.root, f.rel)).join('\n')}\n`);
      const context = { corpus, tmp, listFile, eslintConfig: writeEslintConfig(tmp), secretlintConfig: writeSecretlintConfig(tmp) };
      const runs = [];
      for (let round = 1; round <= options.rounds; round++) {
        for (const tool of tools) {
          log(`round ${round}/${options.rounds}: ${tool} …`);
          const run = await timedRun(tool, round, commandFor(tool, context), tmp);
          log(`  ${(run.wallMs / 1000).toFixed(2)} s, ${run.analysed ?? '?'} files, peak RSS ${run.peakRssMb.toFixed(0)} MB, exit ${run.exitCode}`);
          runs.push(run);
        }
      }
      const rows = summarise(corpus, runs, tools);
      results.corpus = { root: corpus.root, files: corpus.files.length, bytes: corpus.files.reduce((n, f) => n + f.bytes, 0), sources: corpus.sources };
      results.runs = runs.map(({ analysedPaths, ...rest }) => rest);
      results.summary = rows;
      sections.push('', '## Corpus', '', corpusMarkdown(corpus), '',
        `Every tool gets these ${formatNumber(corpus.files.length, 0)} files; runs alternate ${tools.join(' → ')} for ${options.rounds} round(s), each a fresh process.`,
        '', '## Whole-corpus runs', '', resultsMarkdown(rows, options.rounds), '', notesMarkdown(rows, runs));
    }
    if (options.only.includes('latency')) {
      log('latency …');
      results.latency = await runLatency({ quick: options.quick, tmp });
      sections.push('', formatLatencyMarkdown(results.latency));
    }
    if (options.only.includes('server-memory')) {
      log('server memory …');
      results.serverMemory = await runServerMemory({ quick: options.quick, log });
      sections.push('', formatServerMemoryMarkdown(results.serverMemory));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const resultsFile = join(cacheDir, `results-${stamp}.json`);
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  sections.push('', `Raw results: \`${resultsFile.slice(repoRoot.length + 1)}\``);
  console.log(sections.join('\n'));
}

await main();
