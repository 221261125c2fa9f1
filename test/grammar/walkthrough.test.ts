// The first-run walkthrough: its manifest entry has the fields VS Code requires, its pages ship, and its buttons run real commands.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/**
 * Commands the walkthrough's buttons run that another change adds to the client. They are accepted before they
 * appear in `contributes.commands`; once there, they are checked like every other command.
 */
// Every command a walkthrough button runs is contributed (they all exist now: no pending ones).
const PENDING_COMMANDS: string[] = [];

interface Step {
  id: string;
  title: string;
  description: string;
  media: Record<string, unknown>;
  completionEvents?: string[];
}

const walkthroughs: Array<{ id: string; title: string; description: string; steps: Step[] }> = manifest.contributes.walkthroughs ?? [];
const walkthrough = walkthroughs.find((w) => w.id === 'codepay-guard.gettingStarted');
const steps = walkthrough?.steps ?? [];
const contributedCommands = new Set<string>((manifest.contributes.commands ?? []).map((c: { command: string }) => c.command));

/** Commands run by `[label](command:id)` links (also `command:toSide:id`, and links with arguments). */
function linkedCommands(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(command:(?:toSide:)?([\w.-]+)/g)].map((m) => m[1]);
}

function mediaText(step: Step): string {
  return fs.readFileSync(path.join(ROOT, step.media.markdown as string), 'utf8');
}

describe('walkthrough: Get started with CodePay Guard', () => {
  it('has the fields VS Code requires (walkthrough: id, title, description, steps; step: id, title, media)', () => {
    assert.ok(walkthrough, 'contributes.walkthroughs lacks codepay-guard.gettingStarted');
    assert.equal(walkthrough.title, 'Get started with CodePay Guard');
    assert.ok(walkthrough.description.length > 20);
    assert.equal(new Set(steps.map((s) => s.id)).size, steps.length, 'step ids are unique');
    for (const step of steps) {
      assert.ok(step.id && step.title && step.description, `${step.id}: id, title and description`);
      // The markdown form of `media` allows no other key.
      assert.deepEqual(Object.keys(step.media), ['markdown'], `${step.id}: media`);
    }
  });

  it('walks through what it checks, reading a finding, the team config, a workspace scan and the report, in that order', () => {
    assert.deepEqual(steps.map((s) => s.id), ['whatItChecks', 'readAFinding', 'createTeamConfig', 'scanWorkspace', 'complianceReport']);
    const buttons = steps.map((s) => linkedCommands(s.description));
    assert.deepEqual(buttons.slice(2), [['codepayGuard.createTeamConfig'], ['codepayGuard.scanWorkspace'], ['codepayGuard.showComplianceReport']]);
    assert.deepEqual(steps.slice(2).map((s) => s.completionEvents), buttons.slice(2).map(([command]) => [`onCommand:${command}`]));
    assert.match(steps[0].description, /\]\(https:\/\/github\.com\/codepay\/codepay-guard#rules\)/, 'step 1 links to the README rules table');
  });

  it('has a non-empty markdown page for every step, under walkthroughs/, shipped in the .vsix', () => {
    const vscodeignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split(/\r?\n/);
    assert.ok(vscodeignore.includes('!walkthroughs/**'), '.vscodeignore re-includes walkthroughs/');
    for (const step of steps) {
      const page = step.media.markdown as string;
      assert.match(page, /^walkthroughs\/[a-z-]+\.md$/, `${step.id}: ${page}`);
      assert.ok(fs.existsSync(path.join(ROOT, page)), `${page} is missing`);
      assert.match(mediaText(step), /^# \S.*\n\n\S/, `${page} has a title and text`);
    }
  });

  it('runs only commands the extension contributes (or the ones being added)', () => {
    const referenced = new Set<string>();
    for (const step of steps) {
      for (const command of [...linkedCommands(step.description), ...linkedCommands(mediaText(step))]) referenced.add(command);
      for (const event of step.completionEvents ?? []) {
        if (event.startsWith('onCommand:')) referenced.add(event.slice('onCommand:'.length));
      }
    }
    assert.ok(referenced.has('codepayGuard.openRuleDoc'));
    for (const command of referenced) {
      assert.ok(contributedCommands.has(command) || PENDING_COMMANDS.includes(command), `${command} is not contributed`);
    }
    // A pending command contributed under another prefix (codepay-guard.x for codepayGuard.x) would leave a dead button.
    for (const pending of PENDING_COMMANDS) {
      const name = pending.slice(pending.indexOf('.') + 1);
      const lookalikes = [...contributedCommands].filter((c) => c !== pending && c.endsWith(`.${name}`));
      assert.deepEqual(lookalikes, [], `the walkthrough runs ${pending}, the manifest contributes ${lookalikes.join(', ')}`);
    }
  });

  it('lists every rule with its guideline sections and default severity, and says how many there are', () => {
    const page = mediaText(steps[0]);
    const rows = page.split('\n').filter((l) => /^\| \[`[a-z-]+`\]/.test(l));
    assert.equal(rows.length, RULES.length);
    for (const rule of RULES) {
      const row = rows.find((r) => r.startsWith(`| [\`${rule.meta.id}\`]`));
      assert.ok(row, `${rule.meta.id} is not in the table`);
      const cells = row.split('|').map((c) => c.trim());
      assert.equal(cells[2], rule.meta.guideline.join(', '), `${rule.meta.id}: guideline`);
      assert.equal(cells[3], rule.meta.defaultSeverity, `${rule.meta.id}: default`);
    }
    assert.match(steps[0].description, new RegExp(`\\b${RULES.length} rules\\b`));
    assert.match(page, new RegExp(`\\b${RULES.length} rules\\b`));
  });
});
