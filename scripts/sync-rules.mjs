// Keeps the rule lists outside the code in step with the registry: the `codepayGuard.rules` setting in package.json,
// the team-config schema and the README's rule table. Run after adding a rule (`npm run sync-rules`);
// `--check` only reports drift (the meta-tests run it) and exits 1 when a file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { RULES, ruleDocUrl } = require('../out/rules/index.js');
const { teamConfigSchema, sharedProperties } = require('../out/server/src/project/schema.js');
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
update('schemas/codepay-guard.schema.json', () => `${JSON.stringify(teamConfigSchema(RULES, ruleDocUrl), null, 2)}\n`);

/** Team-wide keys that also make sense per user or workspace, as `codepayGuard.*` settings (resource scope). */
const SHARED_SETTINGS = ['fixtures', 'clientPaths', 'names', 'secrets', 'suppressions', 'maxFileSize'];
function sharedSettings() {
  const props = sharedProperties();
  const resolveRefs = (value) => JSON.parse(JSON.stringify(value), (key, v) => {
    if (v && typeof v === 'object' && v.$ref === '#/definitions/globs') { const { $ref, ...rest } = v; return { type: 'array', items: { type: 'string' }, ...rest }; }
    if (v && typeof v === 'object' && v.$ref === '#/definitions/severity') { const { $ref, ...rest } = v; return { type: 'string', enum: SEVERITIES, ...rest }; }
    if (v && typeof v === 'object' && v.$ref === '#/definitions/secretPattern') return teamConfigSchema(RULES, ruleDocUrl).definitions.secretPattern;
    return v;
  });
  return Object.fromEntries(SHARED_SETTINGS.map((key) => {
    const entry = resolveRefs(props[key]);
    // Lists and objects default to empty (nothing added to the team file's); a number keeps the schema's default.
    const fallback = entry.type === 'array' ? [] : entry.type === 'object' ? {} : entry.default;
    return [`codepayGuard.${key}`, { ...entry, default: fallback, scope: 'resource', markdownDescription: `${entry.markdownDescription} Applied over the team file \`.codepay-guard.json\`.` }];
  }));
}
update('package.json', (t) => json(t, (pkg) => {
  const properties = pkg.contributes.configuration.properties;
  const generated = sharedSettings();
  // Keep the manifest's own order: generated keys go right after `codepayGuard.ignore`.
  const next = {};
  for (const [key, value] of Object.entries(properties)) {
    if (key in generated) continue;
    next[key] = value;
    if (key === 'codepayGuard.ignore') Object.assign(next, generated);
  }
  pkg.contributes.configuration.properties = next;
}));
update('README.md', (t) => t.replace(/(<!-- rules:start -->)[\s\S]*?(<!-- rules:end -->)/, `$1\n${readmeTable()}\n$2`));
process.exit(check && drift ? 1 : 0);
