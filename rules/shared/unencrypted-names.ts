// Recognising sensitive data that must be encrypted at rest by name: full card numbers, bank accounts, national ids.
import { identifierWords } from './identifiers';

export type SensitiveKind = 'pan' | 'bankAccount' | 'nationalId';

/** What a name's surroundings (owner object, entity, table, model) say it belongs to; bare `number` needs one. */
export type OwnerContext = 'card' | 'bank' | 'identity' | undefined;

/** Words for messages: `{ kind }` starts a sentence, `{ what }` sits inside one. */
export const SENSITIVE_WORDING: Record<SensitiveKind, { kind: string; what: string }> = {
  pan: { kind: 'The full card number (PAN)', what: 'the full card number (PAN)' },
  bankAccount: { kind: 'A bank account number', what: 'a bank account number' },
  nationalId: { kind: 'A national ID, tax or passport number', what: 'a national ID, tax or passport number' },
};

const CARD_WORDS = new Set(['card', 'cards', 'cc', 'credit', 'debit', 'creditcard', 'debitcard']);
const NUMBER_WORDS = new Set(['number', 'no', 'num', 'nr', 'nbr', 'numbers']);
/** Whole words or run-together names that are the value itself, whatever surrounds them. */
const PAN_WORDS = new Set(['pan', 'cardnumber', 'cardno', 'cardnum', 'ccnumber', 'ccnum', 'ccno', 'creditcardnumber', 'pannumber']);
const BANK_WORDS = new Set(['iban', 'bban', 'clabe', 'bankaccount', 'bankaccountnumber', 'accountnumber', 'accountno', 'acctno', 'acctnum']);
const NATIONAL_ID_WORDS = new Set([
  'ssn', 'itin', 'aadhaar', 'aadhar', 'cpf', 'nric', 'pesel', 'curp', 'nino', 'dni', 'hkid', 'nationalid', 'taxid',
  'passportno', 'passportnumber', 'idcardno', 'idcardnumber', 'idnumber', 'socialsecuritynumber',
]);

/**
 * Words saying the value was protected or reduced, so it is no longer the sensitive value: `maskedPan`, `panHash`,
 * `cardToken`, `ibanEncrypted`, `pan_cipher`, `bankAccountId`.
 */
const PROTECTED_WORDS = new Set([
  'mask', 'masked', 'redacted', 'obfuscated', 'last4', 'first6', 'bin', 'iin', 'hash', 'hashed', 'digest', 'fingerprint',
  'hmac', 'sha256', 'sha512', 'token', 'tokens', 'tokenized', 'tokenised', 'encrypted', 'encrypt', 'encryption', 'enc',
  'encr', 'crypt', 'crypted', 'cipher', 'ciphertext', 'ciphered', 'sealed', 'vault', 'vaulted', 'kms', 'iv', 'salt',
  'key', 'tag', 'ref', 'reference', 'alias', 'suffix', 'prefix', 'tail',
]);

/** Words that make a name describe the field (UI, validation, metadata) rather than hold its value. */
const DESCRIPTOR_WORDS = new Set([
  'length', 'len', 'size', 'max', 'min', 'maxlength', 'minlength', 'digits', 'count', 'label', 'placeholder', 'hint',
  'help', 'tooltip', 'title', 'text', 'message', 'msg', 'error', 'errors', 'err', 'invalid', 'valid', 'validator',
  'validation', 'validate', 'validated', 'required', 'optional', 'show', 'hide', 'hidden', 'visible', 'visibility',
  'display', 'enabled', 'disabled', 'enable', 'disable', 'toggle', 'focus', 'focused', 'blur', 'element', 'el', 'input',
  'container', 'selector', 'class', 'style', 'icon', 'image', 'img', 'photo', 'scan', 'format', 'pattern', 'regex',
  'type', 'kind', 'mode', 'policy', 'check', 'checks', 'checked', 'result', 'status', 'match', 'matched', 'mismatch',
  'provided', 'present', 'verified', 'verify', 'verification', 'rule', 'rules', 'config', 'option', 'options',
  'setting', 'settings', 'supported', 'prompt', 'description', 'name', 'info', 'link', 'url', 'aria', 'handler',
  'handle', 'change', 'changed', 'on', 'set', 'is', 'has', 'should', 'can', 'use', 'field', 'frame', 'iframe', 'mount',
  'column', 'col', 'translation', 'i18n', 'locale', 'example', 'sample', 'country', 'brand', 'network', 'issuer',
  'holder', 'owner', 'expiry', 'expiration', 'exp', 'month', 'year', 'date', 'at', 'updated', 'created', 'exists',
  'list', 'sort', 'routing', 'swift', 'bic', 'currency',
  // Gesture and animation code: React Native's `pan` responders, `panX`, `panOffset`.
  'x', 'y', 'gesture', 'responder', 'zoom', 'offset', 'position', 'animated', 'animation', 'scroll', 'camera', 'view',
]);

/** Qualifiers that make "card number" or "account number" something other than payment data. */
const NOT_PAYMENT_QUALIFIERS = new Set([
  'gift', 'loyalty', 'reward', 'rewards', 'member', 'membership', 'library', 'sim', 'access', 'key', 'report', 'score',
  'business', 'student', 'employee', 'customer', 'user', 'merchant', 'ledger', 'internal', 'gl', 'billing', 'utility',
  'order', 'invoice', 'platform', 'client', 'email', 'login', 'game', 'phone', 'mobile', 'note',
]);

/** Words that name a tax number right after `tax`: `taxId`, `tax_number`, `taxIdentificationNumber`. */
const TAX_NUMBER_WORDS = new Set(['id', 'identifier', 'identification', ...NUMBER_WORDS]);

/**
 * `tax` followed by the id or number (`customerTaxId`, `tax_no`), or by `registration` or `identification` and then
 * it (`taxRegistrationNumber`): not a record of the tax model, where another word comes between (`taxCategoryId`,
 * `taxRateId`, `tax_zone_id`, `taxLineNumber`).
 */
function taxIdentity(words: readonly string[]): boolean {
  for (let i = words.indexOf('tax'); i >= 0; i = words.indexOf('tax', i + 1)) {
    const next = words[i + 1];
    if (TAX_NUMBER_WORDS.has(next)) return true;
    if ((next === 'registration' || next === 'identification') && TAX_NUMBER_WORDS.has(words[i + 2])) return true;
  }
  return false;
}

/** Identity-document numbers spelled as several words: `national_id`, `tax_number`, `id_card_no`, `passportNo`. */
function identityFromWords(words: readonly string[]): boolean {
  const has = (w: string) => words.includes(w);
  const hasNumber = words.some((w) => NUMBER_WORDS.has(w));
  if (has('social') && (has('security') || (has('insurance') && hasNumber))) return true;
  // Not `national` + number alone: phone libraries call the local part of a phone number `nationalNumber`.
  if (has('national') && (has('id') || has('identity') || has('insurance'))) return true;
  if (taxIdentity(words)) return true;
  if (has('passport') && (hasNumber || has('id'))) return true;
  // `idCard`, `identity_card_no`, but not `cardId` (a record id).
  const idAt = Math.max(words.indexOf('id'), words.indexOf('identity'));
  if (idAt >= 0 && words.indexOf('card') > idAt) return true;
  if (has('identity') && hasNumber) return true;
  if ((has('driver') || has('drivers') || has('driving')) && (has('license') || has('licence'))) return true;
  if (has('citizen') && (has('id') || hasNumber)) return true;
  if ((has('government') || has('gov')) && has('id')) return true;
  // `idNumber`, `id_no`: exactly an id-document number.
  return words.length === 2 && words[0] === 'id' && NUMBER_WORDS.has(words[1]);
}

function classifyWords(words: readonly string[], context: OwnerContext): SensitiveKind | undefined {
  if (words.length === 0 || words.length > 8) return undefined;
  if (words.some((w) => PROTECTED_WORDS.has(w) || DESCRIPTOR_WORDS.has(w))) return undefined;
  // `cardLast4`, `last_4`, `lastFourDigits`, `first_six`: a fragment of the number, fine to keep.
  for (let i = 0; i + 1 < words.length; i++) {
    if ((words[i] === 'last' && (words[i + 1] === '4' || words[i + 1] === 'four')) || (words[i] === 'first' && (words[i + 1] === '6' || words[i + 1] === 'six'))) return undefined;
  }
  const joined = words.join('');
  if (identityFromWords(words) || words.some((w) => NATIONAL_ID_WORDS.has(w)) || NATIONAL_ID_WORDS.has(joined)) return 'nationalId';
  if (words.some((w) => NOT_PAYMENT_QUALIFIERS.has(w))) return undefined;
  // A record id (`bankAccountId`, `cardId`) points at the data rather than holding it.
  if (words[words.length - 1] === 'id' || words[words.length - 1] === 'ids') return undefined;
  const has = (w: string) => words.includes(w);
  const hasNumber = words.some((w) => NUMBER_WORDS.has(w));
  if (has('primary') && has('account') && hasNumber) return 'pan';
  if (words.some((w) => PAN_WORDS.has(w)) || PAN_WORDS.has(joined)) return 'pan';
  if (words.some((w) => CARD_WORDS.has(w)) && hasNumber) return 'pan';
  if (words.some((w) => BANK_WORDS.has(w)) || BANK_WORDS.has(joined)) return 'bankAccount';
  if (has('bank') && has('account')) return 'bankAccount';
  if ((has('account') || has('acct')) && hasNumber) return 'bankAccount';
  // Bare `number` / `account` only mean the sensitive value inside a card, bank account or id document.
  const bare = words.every((w) => NUMBER_WORDS.has(w) || w === 'account');
  if (bare && context === 'card' && !has('account')) return 'pan';
  if (bare && context === 'bank') return 'bankAccount';
  if (bare && context === 'identity' && !has('account')) return 'nationalId';
  return undefined;
}

const NAME_HINT = /card|cc|pan|num|no|nr|nbr|iban|bban|clabe|acc|acct|ssn|itin|tax|passport|nation|ident|id|licen|social|cpf|aadha|nric|pesel|curp|nino|dni/i;

/**
 * Every word classifyWords() needs for some kind, as substrings: card and PAN words, bank words and the owners that make
 * a bare `number` a bank account (ownerContextOf), national-id words and the words identityFromWords() pairs, `kyc`, and
 * an `id` next to a number word (`idNumber`, `ID_NO`).
 */
const SENSITIVE_NAME_HINT = /pan|card|cc|credit|debit|iban|bban|clabe|acct|account|bank|payout|beneficiar|payee|ssn|itin|aadha|cpf|nric|pesel|curp|nino|dni|hkid|nation|tax|passport|ident|kyc|social|driv|citizen|gov|id[\W_]*(?:number|no|num|nr|nbr)/i;

/** The pre-filter: false only when sensitiveKindOfName() is undefined for every name and text part of the text. */
export function mayNameSensitiveData(text: string): boolean {
  return SENSITIVE_NAME_HINT.test(text);
}

/**
 * The kind of sensitive data an identifier, key or column holds (`cardNumber`, `card_no`, `pan`, `iban`,
 * `bankAccountNumber`, `ssn`, `national_id`, `passportNo`), or undefined. `context` lets a bare `number` count in
 * `card.number`, `class BankAccount { number }` or `CREATE TABLE cards (number …)`.
 */
export function sensitiveKindOfName(name: string, context?: OwnerContext): SensitiveKind | undefined {
  if (name.length > 80 || !NAME_HINT.test(name)) return undefined;
  return classifyWords(identifierWords(name), context);
}

/** What an owner name (object, class, table, model) is about: `card`/`creditCard`, `bankAccount`/`payout`, `passport`. */
export function ownerContextOf(name: string | undefined): OwnerContext {
  if (!name) return undefined;
  const words = identifierWords(name);
  if (words.some((w) => NOT_PAYMENT_QUALIFIERS.has(w))) return undefined;
  if (words.some((w) => w === 'passport' || w === 'identity' || w === 'kyc')) return 'identity';
  if (words.some((w) => w === 'bank' || w === 'iban' || w === 'payout' || w === 'beneficiary' || w === 'payee')) return 'bank';
  if (words.some((w) => CARD_WORDS.has(w))) return 'card';
  return undefined;
}

/** True when a name says its value was encrypted, hashed, masked or tokenised (`encryptedPan`, `iban_hash`). */
export function isProtectedName(name: string): boolean {
  const words = identifierWords(name);
  return words.some((w) => PROTECTED_WORDS.has(w));
}

/**
 * The kind of sensitive data a piece of text names as a key: `'cardNumber'`, `` `iban:${id}` ``, `ssn=` in a cookie
 * string. Split at characters that cannot be part of a name, so `card-number-hint` stays one (descriptive) name.
 */
export function sensitiveKindInText(text: string): SensitiveKind | undefined {
  if (text.length > 2000 || !NAME_HINT.test(text)) return undefined;
  for (const part of text.split(/[^A-Za-z0-9_-]+/)) {
    if (!part) continue;
    const kind = sensitiveKindOfName(part);
    if (kind) return kind;
  }
  return undefined;
}

/** Names of functions and transformers that encrypt (`encrypt`, `encryptField`, `encryptedColumn`), not decrypt. */
export function isEncryptionName(name: string): boolean {
  return /encrypt|seal|cipher/i.test(name) && !/decrypt|unseal|decipher|unencrypt|createcipher/i.test(name);
}

/**
 * Names of calls whose result no longer is the sensitive value: encryption, hashing, masking, tokenisation
 * (`encrypt`, `kms.encrypt`, `sha256`, `createHash(…).digest`, `maskPan`, `redact`, `tokenize`, `last4`).
 */
export function isProtectingCallName(name: string): boolean {
  if (isEncryptionName(name)) return true;
  return /hash|digest|hmac|sha\d|md5|bcrypt|scrypt|argon|mask|redact|obfusc|tokeni[sz]e|last4|lastfour|truncat|anonymi[sz]|pseudonymi[sz]/i.test(name) &&
    !/unmask|detokeni/i.test(name);
}
