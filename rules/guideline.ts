// The merchant security guideline's clauses, by section, as quoted in hovers, docs and SARIF.
export const GUIDELINE_TITLE = 'CodePay merchant security practices';

export const GUIDELINE: Readonly<Record<string, string>> = {
  '1.2': '1.2a — Keep your activation email, which contains sensitive information like your account ID and initial password, in a secure location.',
  '1.3': '1.3a — Upon first login, change your password. It should be a minimum of 8 characters, using a mix of uppercase, lowercase, numbers, and symbols.',
  '1.3a': '1.3a — Upon first login, change your password. It should be a minimum of 8 characters, using a mix of uppercase, lowercase, numbers, and symbols.',
  '2.1a': '2.1a — When creating marketing campaigns internally, it\'s crucial to incorporate anti-scratch mechanisms.',
  '2.2a': '2.2a Data Acquisition — Avoid capturing data types that are legally restricted, like magnetic track details and credit card CVV codes. Sensitive client information should always be encrypted before storage.',
  '2.2b': '2.2b Data Transmission — Rely on HTTPS protocols to ensure secure online communications. Avoid outdated protocols. Using updated versions, such as TLS 1.2, is advisable. Designing and implementing personal encryption strategies should be approached with caution; they often come with pitfalls.',
  '2.2c': '2.2c Data Retention — Ensure logs do not display sensitive data. If required, this data should be desensitized. Encryption or hashing is essential for sensitive data stored in caches or databases. Store essential authentication details, like passwords, using salted hashes.',
  '2.2d': '2.2d Data Access — All external data access requests should undergo authentication. It\'s essential to keep internal data access highly restricted to prevent unintended leaks.',
  '2.2e': '2.2e Audit Logs — Comprehensive logging is crucial, capturing Who, When, Why, How, and What details.',
  '2.3a': '2.3a Parameter Handling — Maintain an up-to-date security vulnerability checklist. Proactively detect and rectify system and web vulnerabilities.',
  '2.3b': '2.3b Logic Handling — Ensure that payment confirmation notifications are validated against CodePay signatures. Backend commodity pricing logic should safeguard against potential front-end price tampering. Keep sensitive details like merchant API keys or certificates away from public-facing apps or web pages.',
  '2.3c': '2.3c App Development Security — For iOS development, adhere to Apple\'s security best practices. For Android, follow the recommended security guidelines.',
  '2.4a': '2.4a — Conduct rigorous safety testing for both input and output parameters.',
  '2.5m': '2.5m — The internal management system should mandate authentication and maintain operation logs for audit purposes.',
};
