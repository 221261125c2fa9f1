// The `sarif` format: a SARIF 2.1.0 log for code-scanning services; locations and rule metadata, never source text.
import { pathToFileURL } from 'node:url';
import { SUPPRESSION_RULE_ID, type Rule, type Severity } from '../engine';
import { GUIDELINE, ruleDocUrl } from '../../../rules';
import type { ScanResult } from './scan';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/codepay/codepay-guard';
export const FINGERPRINT_KEY = 'codepayGuard/v1';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** GitHub code scanning ranks alerts by this score (critical ≥ 9, high ≥ 7, medium ≥ 4, low above 0). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

export interface SarifOptions {
  version: string;
  rules: readonly Rule[];
}

/** `hardcoded-secret` → `HardcodedSecret`: SARIF's `name` is an identifier-like, human-readable name. */
function ruleName(id: string): string {
  return id.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

function uriOf(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}

function describeRule(rule: Rule) {
  const { meta } = rule;
  const clauses = meta.guideline.map((section) => ({ section, text: GUIDELINE[section] })).filter((c) => c.text);
  const url = ruleDocUrl(meta.id);
  const helpText = [
    `How to fix: ${meta.howToFix}`,
    ...clauses.map((c) => `Guideline ${c.section}: ${c.text}`),
    `Documentation: ${url}`,
  ].join('\n');
  const helpMarkdown = [
    `**How to fix:** ${meta.howToFix}`,
    ...clauses.map((c) => `> **Guideline ${c.section}:** ${c.text}`),
    `[Rule documentation](${url})`,
  ].join('\n\n');
  return {
    id: meta.id,
    name: ruleName(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.why },
    help: { text: helpText, markdown: helpMarkdown },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: {
      tags: ['security'],
      guideline: [...meta.guideline],
      'security-severity': SECURITY_SEVERITY[meta.defaultSeverity],
    },
  };
}

/** Problems with suppression comments (unused, expired, without a reason): the engine's own pseudo-rule. */
const SUPPRESSION_DESCRIPTOR = {
  id: SUPPRESSION_RULE_ID,
  name: ruleName(SUPPRESSION_RULE_ID),
  shortDescription: { text: 'Suppression comments need a reason and must still suppress something' },
  fullDescription: { text: 'A suppression without a reason cannot be reviewed, and one that hides nothing would hide the next real finding on its line.' },
  help: { text: `Remove unused suppressions; give each a reason after \`--\`. Documentation: ${ruleDocUrl(SUPPRESSION_RULE_ID)}`, markdown: `Remove unused suppressions; give each a reason after \`--\`. [Documentation](${ruleDocUrl(SUPPRESSION_RULE_ID)})` },
  helpUri: ruleDocUrl(SUPPRESSION_RULE_ID),
  defaultConfiguration: { level: 'warning' },
  properties: { tags: ['maintainability'] },
};

/** Skip reasons that come with a warning per file already (see scanFile). */
const WARNED_SKIPS: ReadonlySet<string> = new Set(['unreadable', 'analysis failed']);

/**
 * What the run could not do, for the tool's status page: a warning per file that could not be read or was analysed
 * only in part (text checks only, time budget spent), then a note per other skip reason with its count (larger than
 * 2 MB, binary, minified…), as the text report's footer has them.
 */
function notifications(result: ScanResult) {
  const warnings = result.warnings.map((text) => ({ level: 'warning', message: { text } }));
  const skipped = [...result.skipped.entries()]
    .filter(([reason, count]) => count > 0 && !WARNED_SKIPS.has(reason))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([reason, count]) => ({ level: 'note', message: { text: `${count} file${count === 1 ? '' : 's'} skipped: ${reason}` } }));
  return [...warnings, ...skipped];
}

export function formatSarif(result: ScanResult, options: SarifOptions): string {
  const ruleIndex = new Map<string, number>(options.rules.map((rule, index) => [rule.meta.id, index]));
  ruleIndex.set(SUPPRESSION_RULE_ID, options.rules.length);
  const results = [];
  for (const file of result.files) {
    // A file outside the scan root cannot be expressed relative to %SRCROOT%; it gets an absolute file URI.
    const outside = file.relPath === '..' || file.relPath.startsWith('../');
    const artifactLocation = outside ? { uri: pathToFileURL(file.absPath).href } : { uri: uriOf(file.relPath), uriBaseId: SRCROOT };
    for (const f of file.findings) {
      results.push({
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation,
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        }],
        partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      });
    }
  }

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'CodePay Guard',
          informationUri: INFORMATION_URI,
          version: options.version,
          semanticVersion: options.version,
          rules: [...options.rules.map(describeRule), SUPPRESSION_DESCRIPTOR],
        },
      },
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: notifications(result),
      }],
      // The trailing slash makes relative URIs resolve inside the folder, not next to it.
      originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(result.root).href.replace(/\/?$/, '/')}` } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
