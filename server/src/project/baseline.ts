// The baseline: findings accepted when CodePay Guard was adopted, hidden until their code changes.
// Keyed by content (rule id + fingerprint of the masked, whitespace-normalised line + path), never by line number
// and never holding the secret, so moving code around does not resurface a finding and the file can be committed.
import type { Baseline, Finding } from '../engine';
import { BASELINE_FILE_NAME } from './names';
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** Relative to the baseline file's folder, `/`-separated. */
  path: string;
  ruleId: string;
  fingerprint: string;
}

export interface BaselineFile {
  version: number;
  tool: string;
  /** How to regenerate it, for whoever finds it in the repository. */
  comment: string;
  findings: BaselineEntry[];
}

export class LoadedBaseline {
  private readonly byPath = new Map<string, Set<string>>();

  constructor(entries: readonly BaselineEntry[]) {
    for (const e of entries) {
      let keys = this.byPath.get(e.path);
      if (!keys) this.byPath.set(e.path, (keys = new Set()));
      keys.add(`${e.ruleId}:${e.fingerprint}`);
    }
  }

  get size(): number {
    let n = 0;
    for (const keys of this.byPath.values()) n += keys.size;
    return n;
  }

  /** The baseline of one file (path relative to the baseline's folder), if it has entries. */
  forPath(relPath: string): Baseline | undefined {
    return this.byPath.get(relPath.replace(/\\/g, '/'));
  }
}

/** Parses a baseline file; a message (never thrown) when it is not one. */
export function parseBaseline(text: string): { baseline?: LoadedBaseline; error?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { error: `not valid JSON (${(err as Error).message})` };
  }
  const file = data as Partial<BaselineFile> | null;
  if (!file || typeof file !== 'object' || !Array.isArray(file.findings)) return { error: 'not a CodePay Guard baseline (no "findings" list)' };
  if (file.version !== BASELINE_VERSION) return { error: `baseline version ${String(file.version)} is not supported (expected ${BASELINE_VERSION}); regenerate it with \`codepay-guard baseline\`` };
  const entries = file.findings.filter((e): e is BaselineEntry => Boolean(e) && typeof e.path === 'string' && typeof e.ruleId === 'string' && typeof e.fingerprint === 'string');
  return { baseline: new LoadedBaseline(entries) };
}

/** The baseline file for these findings, sorted so that regenerating it gives a small diff. */
export function serializeBaseline(files: ReadonlyArray<{ relPath: string; findings: ReadonlyArray<Pick<Finding, 'ruleId' | 'fingerprint'>> }>): string {
  const findings: BaselineEntry[] = [];
  for (const f of files) for (const x of f.findings) findings.push({ path: f.relPath, ruleId: x.ruleId, fingerprint: x.fingerprint });
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint)));
  const file: BaselineFile = {
    version: BASELINE_VERSION,
    tool: 'codepay-guard',
    comment: 'Known findings hidden until their code changes. Regenerate with `codepay-guard baseline`; entries hold no secrets and no line numbers.',
    findings,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
