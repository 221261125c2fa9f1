// Every regular expression the rules and the engine write down: literals and `new RegExp(...)` with a literal pattern,
// found by parsing the TypeScript sources, with scslre's super-linear backtracking reports and attack strings for each.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { analyse, type Report } from 'scslre';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Folders whose regular expressions run on file content. */
export const AUDITED_FOLDERS = ['rules', 'server/src/engine'];

export interface RegexSource {
  /** `rules/shared/text-entries.ts:76`. */
  where: string;
  pattern: string;
  flags: string;
}

/** A `new RegExp(x)` whose pattern is not written down where it is built: the audit must know why that is safe. */
export interface DynamicRegex {
  where: string;
  /** The source text of the pattern argument. */
  argument: string;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) return tsFiles(abs);
      return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [abs] : [];
    });
}

/** Where the template's expressions stand, a name: audits the literal parts and the quantifiers around them. */
const TEMPLATE_STAND_IN = 'name';

/** Collects the regular expressions of the audited folders (parsed, not imported: nothing of theirs runs). */
export function collectRegexSources(): { sources: RegexSource[]; dynamic: DynamicRegex[] } {
  const sources: RegexSource[] = [];
  const dynamic: DynamicRegex[] = [];
  for (const folder of AUDITED_FOLDERS) {
    for (const file of tsFiles(path.join(REPO_ROOT, folder))) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(REPO_ROOT, file).split(path.sep).join('/');
      const ast = parse(text, { range: true, loc: true, jsx: false });
      simpleTraverse(ast, {
        enter(node: TSESTree.Node) {
          const where = `${rel}:${node.loc.start.line}`;
          if (node.type === 'Literal' && 'regex' in node && node.regex) {
            sources.push({ where, pattern: node.regex.pattern, flags: node.regex.flags });
            return;
          }
          if ((node.type !== 'NewExpression' && node.type !== 'CallExpression') || node.callee.type !== 'Identifier' || node.callee.name !== 'RegExp') return;
          const [pattern, flags] = node.arguments;
          const flagText = flags?.type === 'Literal' && typeof flags.value === 'string' ? flags.value : '';
          if (pattern?.type === 'Literal' && typeof pattern.value === 'string') {
            sources.push({ where, pattern: pattern.value, flags: flagText });
          } else if (pattern?.type === 'TemplateLiteral') {
            // The literal parts and the quantifiers around each `${…}`, which stands for a plain name here.
            const shape = pattern.quasis.map((q) => q.value.cooked ?? q.value.raw).join(TEMPLATE_STAND_IN);
            sources.push({ where, pattern: shape, flags: flagText });
          } else if (pattern) {
            dynamic.push({ where, argument: text.slice(pattern.range[0], pattern.range[1]) });
          }
        },
      }, true);
    }
  }
  return { sources, dynamic };
}

export interface RegexReport {
  source: RegexSource;
  report: Report;
}

/** scslre's reports (exponential and polynomial backtracking, and quadratic search) for every collected regex. */
export function backtrackingReports(sources: readonly RegexSource[]): RegexReport[] {
  const out: RegexReport[] = [];
  for (const source of sources) {
    // The `g`/`y` flags change how a regex is driven, not what one attempt backtracks over.
    const regex = new RegExp(source.pattern, source.flags.replace(/[gyd]/g, ''));
    for (const report of analyse(regex).reports) out.push({ source, report });
  }
  return out;
}
