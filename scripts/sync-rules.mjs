// Keeps the rule lists outside the code in step with the registry: the `codepayGuard.rules` setting in package.json,
// the team-config schema and the README's rule table. Run after adding a rule (`npm run sync-rules`);
// `--check` only reports drift (the meta-tests run it) and exits 1 when a file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { RULES, ruleDocUrl } = require('../out/rules/index.js');
const check = process.argv.includes('--check');
const SEVERITIES = ['off', 'info', 'warning', 'error'];

const sections = (meta) => meta.guideline.join(', ');
const describe = (meta) => `${meta.description} (guideline ${sections(meta)}). Default: \`${meta.defaultSeverity}\`. [Documentation](${ruleDocUrl(meta.id)})`;

function settingsEntries() {
  return Object.fromEntries(RULES.map(({ meta }) => [meta.id, {
    type: 'string',
    enum: SEVERITIES,
    enumDescriptions: ['Do not run the rule', 'Report as information', 'Report as a warning', 'Report as an error'],
    default: meta.defaultSeverity,
    markdownDescription: describe(meta),
  }]));
}

function schemaEntries() {
  return Object.fromEntries(RULES.map(({ meta }) => {
    const entry = meta.optionsSchema
      ? { anyOf: [{ $ref: '#/definitions/severity' }, { type: 'array', items: [{ $ref: '#/definitions/severity' }, meta.optionsSchema], minItems: 1, maxItems: 2 }] }
      : { $ref: '#/definitions/ruleSetting' };
    return [meta.id, { ...entry, markdownDescription: describe(meta) }];
  }));
}

function readmeTable() {
  const rows = RULES.map(({ meta }) => `| [\`${meta.id}\`](docs/rules/${meta.id}.md) | ${sections(meta)} | ${meta.defaultSeverity} | ${meta.description} |`);
  return ['| rule | guideline | default | checks |', '|---|---|---|---|', ...rows].join('\n');
}

let drift = 0;
function update(file, transform) {
  const before = readFileSync(file, 'utf8');
  const after = transform(before);
  if (after === before) return;
  drift++;
  if (check) console.error(`${file} is out of date with the rule registry: run \`npm run sync-rules\``);
  else { writeFileSync(file, after); console.log(`updated ${file}`); }
}

const json = (text, edit) => { const value = JSON.parse(text); edit(value); return `${JSON.stringify(value, null, 2)}\n`; };
update('package.json', (t) => json(t, (pkg) => { pkg.contributes.configuration.properties['codepayGuard.rules'].properties = settingsEntries(); }));
update('schemas/codepay-guard.schema.json', (t) => json(t, (schema) => { schema.properties.rules.properties = schemaEntries(); }));
update('README.md', (t) => t.replace(/(<!-- rules:start -->)[\s\S]*?(<!-- rules:end -->)/, `$1\n${readmeTable()}\n$2`));
process.exit(check && drift ? 1 : 0);
