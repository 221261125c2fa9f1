// The rule registry: every rule the engine runs, plus the guideline text and doc links they share.
// After adding a rule here, run `npm run sync-rules` (settings, schema and README follow the registry).
import type { Rule } from '../server/src/engine';
import clientTrustedAmount from './client-trusted-amount';
import hardcodedSecret from './hardcoded-secret';
import homemadeCrypto from './homemade-crypto';
import injection from './injection';
import insecureTransport from './insecure-transport';
import insecureSignatureCompare from './insecure-signature-compare';
import missingAuditLog from './missing-audit-log';
import missingRateLimit from './missing-rate-limit';
import mobileInsecureConfig from './mobile-insecure-config';
import prohibitedCardData from './prohibited-card-data';
import secretInClientCode from './secret-in-client-code';
import sensitiveDataInLog from './sensitive-data-in-log';
import unauthenticatedEndpoint from './unauthenticated-endpoint';
import unencryptedSensitiveData from './unencrypted-sensitive-data';
import unverifiedPaymentNotification from './unverified-payment-notification';
import weakPasswordHash from './weak-password-hash';
import weakPasswordPolicy from './weak-password-policy';

export { GUIDELINE, GUIDELINE_TITLE } from './guideline';

/** In the order of the rule catalogue (RULES.md). */
export const RULES: readonly Rule[] = [
  hardcodedSecret,
  secretInClientCode,
  weakPasswordHash,
  unverifiedPaymentNotification,
  insecureSignatureCompare,
  prohibitedCardData,
  unencryptedSensitiveData,
  sensitiveDataInLog,
  insecureTransport,
  homemadeCrypto,
  clientTrustedAmount,
  unauthenticatedEndpoint,
  missingAuditLog,
  weakPasswordPolicy,
  missingRateLimit,
  injection,
  mobileInsecureConfig,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

/** Public documentation page of a rule (diagnostic `codeDescription.href`, SARIF `helpUri`). */
export const DOCS_BASE_URL = 'https://github.com/codepay/codepay-guard/blob/main/docs/rules/';

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
