// The whole merchant security guideline as data: parts, sections and clauses with their verbatim text, the rules
// that enforce each clause (derived from the registry's `meta.guideline`) and, for the rest, why static analysis
// cannot check them.
import { GUIDELINE, RULES } from '../../../rules';

/** `enforced`: at least one rule cites the clause. `not-checkable`: nothing in source code can show compliance.
 * `unchecked`: no rule cites it and no reason is recorded (a gap in this table, shown as such). */
export type ClauseCoverage = 'enforced' | 'not-checkable' | 'unchecked';

export interface GuidelinePart {
  /** `1`, `2`. */
  id: string;
  title: string;
  /** The paragraph under the part heading, verbatim. */
  intro: string;
}

export interface GuidelineClause {
  /** `2.2c`: section number plus the clause letter. */
  id: string;
  sectionId: string;
  /** The clause's own heading in the guideline (`Data Retention`), verbatim; absent for one-sentence clauses. */
  heading?: string;
  /** Short label for tables: the heading when there is one, otherwise a summary of the sentence. */
  topic: string;
  /** The clause body, verbatim: its sentence, or its `◆` points one per line. */
  text: string;
  /** The `◆` points without their marker; empty for one-sentence clauses. */
  points: readonly string[];
  /** Rules whose `meta.guideline` cites this clause (or its section, see {@link resolveGuidelineCitation}). */
  ruleIds: readonly string[];
  coverage: ClauseCoverage;
  /** Why the clause is not checkable by static analysis (only when `coverage` is `not-checkable`). */
  reason?: string;
  /** For enforced clauses: the part of the clause that still needs people rather than a scanner. */
  manualPart?: string;
}

export interface GuidelineSection {
  /** `2.2`. */
  id: string;
  title: string;
  part: GuidelinePart;
  clauses: readonly GuidelineClause[];
}

/** The guideline document's own title. */
export const GUIDELINE_DOCUMENT_TITLE = 'Best Security Practices';

const PART_1: GuidelinePart = {
  id: '1',
  title: 'Safe Use Of Merchant Platforms',
  intro: 'For the safe use of the merchant platform, we will start from four aspects: applying for the account, receiving the account opening email, logging in to the merchant platform, and the daily use of the merchant platform.',
};

const PART_2: GuidelinePart = {
  id: '2',
  title: 'System Development Guidelines',
  intro: 'For merchants who are keen on developing information systems, whether managed in-house or outsourced, security is paramount. We\'ll outline these considerations under five main sections: requirements, design, coding, testing, and deployment & operations maintenance.',
};

export const GUIDELINE_PARTS: readonly GuidelinePart[] = [PART_1, PART_2];

/** A clause as written by hand: verbatim text plus, when no rule could enforce it, the reason. */
interface ClauseSource {
  letter: string;
  heading?: string;
  topic?: string;
  /** One sentence, or the `◆` points. */
  sentence?: string;
  points?: string[];
  notCheckable?: string;
  manualPart?: string;
}

interface SectionSource {
  id: string;
  title: string;
  part: GuidelinePart;
  clauses: ClauseSource[];
}

const OPERATIONS = 'an operational practice on running systems, not a property of the source code';

const SOURCE: SectionSource[] = [
  {
    id: '1.1', title: 'Account Application', part: PART_1, clauses: [
      { letter: 'a', topic: 'Applying is free; beware of scams', sentence: 'Applying to CodePay is free; be wary of potential scams.',
        notCheckable: 'About people recognising scams, not about code.' },
      { letter: 'b', topic: 'Store application details securely', sentence: 'After submitting your application, securely store the details to avoid breaches.',
        notCheckable: 'Where applicants keep their paperwork is an office practice outside the code base.' },
    ],
  },
  {
    id: '1.2', title: 'Account Activation Email', part: PART_1, clauses: [
      { letter: 'a', topic: 'Keep the activation email secure', sentence: 'Keep your activation email, which contains sensitive information like your account ID and initial password, in a secure location.',
        manualPart: 'Only credentials copied into code or configuration can be found; the email itself is kept safe by people.' },
    ],
  },
  {
    id: '1.3', title: 'Logging into the Merchant Platform', part: PART_1, clauses: [
      { letter: 'a', topic: 'Strong password, changed at first login', sentence: 'Upon first login, change your password. It should be a minimum of 8 characters, using a mix of uppercase, lowercase, numbers, and symbols.',
        manualPart: 'Changing the initial password at first login is something each user does.' },
      { letter: 'b', topic: 'Log in only via the official address', sentence: 'Always ensure you\'re logging in via https://mp.xxx to avoid phishing attacks.',
        notCheckable: 'Which address people type into their browser is a user habit; code cannot show it.' },
    ],
  },
  {
    id: '1.4', title: 'Daily Platform Use', part: PART_1, clauses: [
      { letter: 'a', heading: 'Login Security', points: [
        'Update your password every three months.',
        'Safeguard your email account, as it\'s used for sensitive operations like funding.',
        'Assign unique roles and privileges to operators and limit them as needed.',
        'Revoke privileges when employees leave or change roles.',
        'Each employee should have an individual account—no sharing.',
      ], notCheckable: 'Account administration on the merchant platform (password rotation, roles, leavers, shared accounts) is an operational practice.' },
      { letter: 'b', heading: 'Browser Safety', points: [
        'Use updated browsers and enable automatic system and browser updates.',
      ], notCheckable: 'Browser and system updates happen on people\'s machines.' },
      { letter: 'c', heading: 'Functionality', points: [
        'If using APIs, consider setting up an IP whitelist.',
      ], notCheckable: 'The IP whitelist is a setting of the merchant platform, not something the merchant\'s code contains.' },
    ],
  },
  {
    id: '2.1', title: 'Requirements', part: PART_2, clauses: [
      { letter: 'a', topic: 'Anti-scratch mechanisms for campaigns', sentence: 'When creating marketing campaigns internally, it\'s crucial to incorporate anti-scratch mechanisms.' },
    ],
  },
  {
    id: '2.2', title: 'Design', part: PART_2, clauses: [
      { letter: 'a', heading: 'Data Acquisition', points: [
        'Avoid capturing data types that are legally restricted, like magnetic track details and credit card CVV codes.',
        'Sensitive client information should always be encrypted before storage.',
      ] },
      { letter: 'b', heading: 'Data Transmission', points: [
        'Rely on HTTPS protocols to ensure secure online communications.',
        'Avoid outdated protocols. Using updated versions, such as TLS 1.2, is advisable.',
        'Designing and implementing personal encryption strategies should be approached with caution; they often come with pitfalls.',
      ] },
      { letter: 'c', heading: 'Data Retention', points: [
        'Ensure logs do not display sensitive data. If required, this data should be desensitized.',
        'Encryption or hashing is essential for sensitive data stored in caches or databases.',
        'Store essential authentication details, like passwords, using salted hashes.',
      ] },
      { letter: 'd', heading: 'Data Access', points: [
        'All external data access requests should undergo authentication.',
        'It\'s essential to keep internal data access highly restricted to prevent unintended leaks.',
      ], manualPart: 'How tightly internal access is restricted is an organisational decision.' },
      { letter: 'e', heading: 'Audit Logs', points: [
        'Comprehensive logging is crucial, capturing Who, When, Why, How, and What details.',
      ], manualPart: 'Whether each record captures who, when, why, how and what needs a review of its content.' },
      { letter: 'f', heading: 'Handling Finances', points: [
        'Consistently reconcile system and CodePay financial data.',
        'Design data systems like databases or key-value stores to guard against unauthorized data alterations.',
      ], notCheckable: `Reconciliation is ${OPERATIONS}; tamper resistance is a property of how the data stores are set up and operated.` },
    ],
  },
  {
    id: '2.3', title: 'Coding', part: PART_2, clauses: [
      { letter: 'a', heading: 'Parameter Handling', points: [
        'Maintain an up-to-date security vulnerability checklist.',
        'Proactively detect and rectify system and web vulnerabilities.',
        'Stay abreast of the newest solutions for security vulnerabilities.',
      ], manualPart: 'Keeping a vulnerability checklist up to date and following new fixes are team processes.' },
      { letter: 'b', heading: 'Logic Handling', points: [
        'Ensure that payment confirmation notifications are validated against CodePay signatures.',
        'Backend commodity pricing logic should safeguard against potential front-end price tampering.',
        'Keep sensitive details like merchant API keys or certificates away from public-facing apps or web pages.',
      ] },
      { letter: 'c', heading: 'App Development Security', points: [
        'For iOS development, adhere to Apple\'s security best practices.',
        'For Android, follow the recommended security guidelines.',
      ], manualPart: 'Apple\'s and Google\'s guidance covers far more than build configuration; the rest needs review.' },
    ],
  },
  {
    id: '2.4', title: 'Testing', part: PART_2, clauses: [
      { letter: 'a', topic: 'Test input and output parameters', sentence: 'Conduct rigorous safety testing for both input and output parameters.',
        manualPart: 'Rigorous testing is a team activity; static analysis complements it, it does not replace it.' },
      { letter: 'b', topic: 'Scan for vulnerabilities regularly', sentence: 'Regularly scan the system for vulnerabilities, utilizing in-house resources, crowdsourcing, or third-party security tools, and address identified issues promptly.',
        notCheckable: 'A schedule of scans and fixes is a process; this report can be one of its inputs, but the schedule is not in the code.' },
    ],
  },
  {
    id: '2.5', title: 'Deployment & Operations', part: PART_2, clauses: [
      { letter: 'a', topic: 'Latest stable component versions', sentence: 'Use the latest stable versions for all system components, both commercial and open-source.',
        notCheckable: 'Whether a version is the latest stable one depends on release data outside the code; use a dependency scanner.' },
      { letter: 'b', topic: 'Periodic vulnerability tests', sentence: 'Conduct system vulnerability tests periodically and rectify any issues.',
        notCheckable: `Periodic testing is ${OPERATIONS}.` },
      { letter: 'c', topic: 'Disaster recovery and backups', sentence: 'Have a disaster recovery plan in place, complete with primary backups. Ideally, distribute deployments across several server rooms or locations.',
        notCheckable: 'Recovery plans, backups and deployment locations are infrastructure planning.' },
      { letter: 'd', topic: 'Cloud platforms\' built-in security', sentence: 'Utilize major cloud platforms, activating their built-in security measures.',
        notCheckable: 'Hosting choice and cloud account settings live outside the code base.' },
      { letter: 'e', topic: 'Security monitoring tools', sentence: 'If resources allow, invest in dedicated security monitoring tools or services.',
        notCheckable: 'Buying and running monitoring is an organisational decision.' },
      { letter: 'f', topic: 'Real-time monitoring of key metrics', sentence: 'Monitor real-time data with established key metrics.',
        notCheckable: `Real-time monitoring is ${OPERATIONS}.` },
      { letter: 'g', topic: 'Staff for security incidents', sentence: 'Have designated staff to oversee and address security incidents.',
        notCheckable: 'About people and their responsibilities.' },
      { letter: 'h', topic: 'Security health of components', sentence: 'Keep tabs on the security health of all system frameworks and components.',
        notCheckable: 'Tracking advisories needs vulnerability data from outside the code; use a dependency scanner.' },
      { letter: 'i', topic: 'Patch and upgrade regularly', sentence: 'Regularly patch and upgrade the system to its latest version.',
        notCheckable: `Patching is ${OPERATIONS}.` },
      { letter: 'j', topic: 'Restraint opening service ports', sentence: 'Practice restraint when opening service ports.',
        notCheckable: 'Which ports are reachable is decided by firewalls and hosting configuration, which a source scan does not see.' },
      { letter: 'k', topic: 'Traceable server logins', sentence: 'Ensure all server login activities are traceable.',
        notCheckable: 'Server login logging is set up on the hosts, outside the application code.' },
      { letter: 'm', topic: 'Authenticated, logged internal systems', sentence: 'The internal management system should mandate authentication and maintain operation logs for audit purposes.',
        manualPart: 'Internal systems outside the scanned code need the same review.' },
      { letter: 'n', topic: 'Minimise offline business operations', sentence: 'Reduce the system\'s vulnerability by minimizing offline business operations.',
        notCheckable: 'A business-process choice, not a property of code.' },
    ],
  },
];

const CLAUSE_ID = /^(\d+\.\d+)([a-z])$/;

function clauseIdsOfSource(): Map<string, string[]> {
  const bySection = new Map<string, string[]>();
  for (const section of SOURCE) bySection.set(section.id, section.clauses.map((c) => `${section.id}${c.letter}`));
  return bySection;
}

const CLAUSES_BY_SECTION = clauseIdsOfSource();

/**
 * The clauses a rule's guideline citation stands for. Rules cite clauses (`2.3b`) or, now and then, a section
 * (`1.3`); a section citation means the clause the registry's guideline text quotes for it (`GUIDELINE['1.3']`
 * starts with `1.3a —`), the only clause of a one-clause section, or else every clause of the section.
 * Unknown citations resolve to nothing.
 */
export function resolveGuidelineCitation(citation: string): string[] {
  const match = CLAUSE_ID.exec(citation);
  if (match) return CLAUSES_BY_SECTION.get(match[1])?.includes(citation) ? [citation] : [];
  const clauses = CLAUSES_BY_SECTION.get(citation);
  if (!clauses) return [];
  const quoted = /^(\d+\.\d+[a-z])\b/.exec(GUIDELINE[citation] ?? '')?.[1];
  if (quoted && clauses.includes(quoted)) return [quoted];
  return [...clauses];
}

/** Clause ids enforced by each rule of the registry, in the order the rule cites them. */
const CLAUSES_BY_RULE: ReadonlyMap<string, readonly string[]> = new Map(
  RULES.map((rule) => [rule.meta.id, [...new Set(rule.meta.guideline.flatMap(resolveGuidelineCitation))]]),
);

/** The guideline clauses a rule enforces; empty for rules that are not in the registry. */
export function clauseIdsForRule(ruleId: string): readonly string[] {
  return CLAUSES_BY_RULE.get(ruleId) ?? [];
}

const MESSAGE_CITATION = /\bguidelines?\s+(\d+\.\d+[a-z]?(?:\s*,\s*\d+\.\d+[a-z]?)*)/g;

/**
 * The clauses one finding breaks. Every rule message names its guideline section (`… (guideline 1.3a).`), so a
 * finding counts toward the clauses its message names, among those its rule cites: a hard-coded API key is a 2.3b
 * problem, a hard-coded password a 1.3a one, although one rule reports both. A message naming none of them counts
 * toward every clause of its rule; findings of unknown rules toward none.
 */
export function clauseIdsForFinding(ruleId: string, message: string): readonly string[] {
  const ofRule = clauseIdsForRule(ruleId);
  if (ofRule.length <= 1) return ofRule;
  const named = new Set<string>();
  for (const match of message.matchAll(MESSAGE_CITATION)) {
    for (const citation of match[1].split(/\s*,\s*/)) for (const id of resolveGuidelineCitation(citation)) named.add(id);
  }
  const narrowed = ofRule.filter((id) => named.has(id));
  return narrowed.length ? narrowed : ofRule;
}

/** Citations in the registry that name no clause or section of the guideline (a meta-test keeps this empty). */
export function unresolvedCitations(): Array<{ ruleId: string; citation: string }> {
  return RULES.flatMap((rule) => rule.meta.guideline
    .filter((citation) => resolveGuidelineCitation(citation).length === 0)
    .map((citation) => ({ ruleId: rule.meta.id, citation })));
}

function buildClause(section: SectionSource, source: ClauseSource): GuidelineClause {
  const id = `${section.id}${source.letter}`;
  const ruleIds = RULES.filter((rule) => clauseIdsForRule(rule.meta.id).includes(id)).map((rule) => rule.meta.id);
  const points = source.points ?? [];
  const coverage: ClauseCoverage = ruleIds.length > 0 ? 'enforced' : source.notCheckable ? 'not-checkable' : 'unchecked';
  return {
    id,
    sectionId: section.id,
    ...(source.heading ? { heading: source.heading } : {}),
    topic: source.heading ?? source.topic ?? id,
    text: source.sentence ?? points.map((p) => `◆ ${p}`).join('\n'),
    points,
    ruleIds,
    coverage,
    ...(coverage === 'not-checkable' ? { reason: source.notCheckable } : {}),
    ...(coverage === 'enforced' && source.manualPart ? { manualPart: source.manualPart } : {}),
  };
}

/** Every section of the guideline, in document order, with every clause. */
export const GUIDELINE_SECTIONS: readonly GuidelineSection[] = SOURCE.map((section) => ({
  id: section.id,
  title: section.title,
  part: section.part,
  clauses: section.clauses.map((clause) => buildClause(section, clause)),
}));

/** Every clause, in document order. */
export const GUIDELINE_CLAUSES: readonly GuidelineClause[] = GUIDELINE_SECTIONS.flatMap((s) => s.clauses);
