// Recognising prohibited card data by name: security codes (CVV/CVC/CID), magnetic-stripe track data and PIN blocks.
import { identifierWords } from './identifiers';

export type CardDataKind = 'securityCode' | 'trackData' | 'pinBlock' | 'cardPin';

/** Words for messages: `{ kind }` starts a sentence, `{ what }` sits inside one. */
export const CARD_DATA_WORDING: Record<CardDataKind, { kind: string; what: string }> = {
  securityCode: { kind: 'The card security code (CVV/CVC)', what: 'the card security code (CVV/CVC)' },
  trackData: { kind: 'Magnetic-stripe track data', what: 'magnetic-stripe track data' },
  pinBlock: { kind: 'A PIN block', what: 'a PIN block' },
  cardPin: { kind: 'The card PIN', what: 'the card PIN' },
};

/** Names that are the security code whatever surrounds them. */
const SECURITY_CODE_WORDS = new Set(['cvv', 'cvc', 'cvv2', 'cvc2', 'cav2', 'cvvc', 'cvd2', 'cvn2', 'ccv']);
/** Short names that only mean the security code next to a card word (`cid` alone is usually some other id). */
const CARD_ONLY_CODE_WORDS = new Set(['cid', 'csc', 'cvn', 'cvd']);
const CARD_WORDS = new Set(['card', 'cards', 'cc', 'credit', 'debit', 'creditcard', 'debitcard', 'pan']);

/**
 * Words that make a name describe the value rather than hold it: `cvvLength`, `cvvLabel`, `showCvv`, `cvcCheck`,
 * `isCvvValid`, `setCvv`, `onCvvChange`, `pinAttempts`. Such names are UI, validation or provider check results, not card data.
 */
const DESCRIPTOR_WORDS = new Set([
  'length', 'len', 'size', 'max', 'min', 'maxlength', 'minlength', 'digits', 'count', 'label', 'placeholder', 'hint',
  'help', 'tooltip', 'title', 'text', 'message', 'msg', 'error', 'errors', 'err', 'invalid', 'valid', 'validator',
  'validation', 'validate', 'validated', 'required', 'optional', 'show', 'hide', 'hidden', 'visible', 'visibility',
  'display', 'enabled', 'disabled', 'enable', 'disable', 'toggle', 'focus', 'focused', 'blur', 'ref', 'element', 'el',
  'input', 'container', 'selector', 'id', 'class', 'style', 'icon', 'image', 'img', 'format', 'pattern', 'regex',
  'mask', 'masked', 'type', 'kind', 'mode', 'policy', 'check', 'checks', 'checked', 'result', 'results', 'response',
  'status', 'match', 'matched', 'mismatch', 'provided', 'present', 'supplied', 'verified', 'verify', 'rule', 'rules',
  'config', 'option', 'options', 'setting', 'settings', 'supported', 'support', 'needed', 'need', 'prompt',
  'description', 'name', 'info', 'link', 'url', 'aria', 'handler', 'handle', 'change', 'changed', 'on', 'set', 'is',
  'has', 'should', 'can', 'use', 'field', 'frame', 'iframe', 'mount', 'tokenize', 'token', 'key', 'header', 'column',
  'col', 'translation', 'i18n', 'locale', 'test', 'example', 'sample', 'note', 'doc', 'docs',
  // Counters and lockouts of wrong entries: `pinAttempts`, `cvvRetries`, `pinLockedUntil`.
  'attempt', 'attempts', 'tries', 'retries', 'locked', 'lockout',
]);

/** Objects whose members describe fields rather than hold their values: `errors.cvv`, `labels.cvv`, `touched.cvv`. */
const DESCRIPTOR_OBJECT_WORDS = new Set([
  'errors', 'error', 'touched', 'dirty', 'labels', 'label', 'messages', 'message', 'placeholders', 'placeholder', 'hints',
  'rules', 'validators', 'validation', 'validations', 'schema', 'refs', 'ref', 'masks', 'formats', 'lengths', 'styles',
  'classes', 'i18n', 'translations', 'strings', 'texts', 'fields', 'elements', 'hosted', 'columns', 'attributes',
  'options', 'config', 'settings', 'visibility', 'focused', 'status', 'checks', 't',
]);

/** The kind of prohibited card data a name holds, given whether the surrounding code is about a card. */
function classifyWords(words: readonly string[], cardContext: boolean): CardDataKind | undefined {
  if (words.length === 0 || words.some((w) => DESCRIPTOR_WORDS.has(w))) return undefined;
  const has = (w: string) => words.includes(w);
  const card = cardContext || words.some((w) => CARD_WORDS.has(w));
  if (words.some((w) => SECURITY_CODE_WORDS.has(w))) return 'securityCode';
  if (card && words.some((w) => CARD_ONLY_CODE_WORDS.has(w))) return 'securityCode';
  // `card_security_code`, `cardVerificationValue`, PayPal's `security_code` inside a card object.
  if (card && has('security') && has('code')) return 'securityCode';
  if (card && has('verification') && (has('value') || has('code') || has('number'))) return 'securityCode';
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === 'track1' || w === 'track2' || w === 'track3' || w === 'magstripe') return 'trackData';
    // `track_2`, `track 1 data`: the digit is its own word after an underscore.
    if (w === 'track' && /^[123]$/.test(words[i + 1] ?? '')) return 'trackData';
    if ((w === 'mag' || w === 'magnetic') && words[i + 1] === 'stripe') return 'trackData';
  }
  if (card && has('track') && has('data')) return 'trackData';
  if (card && has('swipe') && has('data')) return 'trackData';
  if (words.some((w) => w === 'pinblock') || (has('pin') && has('block'))) return 'pinBlock';
  if (card && has('pin')) return 'cardPin';
  return undefined;
}

const NAME_HINT = /cv|cid|csc|track|mag|pin|secur|verif|swipe/i;

/** SECURITY_CODE_WORDS, the track words (`track1`, `track_2`, `magstripe`, `mag stripe`) and `pinblock`. */
const CARD_DATA_WORD_HINT = /cvv|cvc|cav2|cvd2|cvn2|ccv|track[\W_]*[123]|magstripe|mag(?:netic)?[\W_]*stripe|pinblock/i;
/**
 * Where identifierWords() makes the word `pin`: `pin` after no letter, `Pin`, or `PIN` after no capital, each followed by
 * neither a lower-case letter nor a digit (`pinCode`, `cardPin`, `PIN_BLOCK`, `PINBlock`, but not `spin`, `PINs`, `pin2`).
 */
const PIN_WORD = /(?<![A-Za-z])pin(?![a-z0-9])|Pin(?![a-z0-9])|(?<![A-Z])PIN(?![a-z0-9])/;
/** Words that need a card next to them (CARD_ONLY_CODE_WORDS, `security`/`verification` codes, track or swipe data). */
const CARD_CONTEXT_WORD_HINT = /cid|csc|cvn|cvd|security|verification|track|swipe/i;
/** CARD_WORDS as substrings: the names a card context comes from (isCardName). */
const CARD_HINT = /card|cc|credit|debit|pan/i;

/**
 * The pre-filter: false only when no name in the text can be card data, i.e. when cardDataKindOfName() returns
 * undefined for every name, key and text part in it whatever the card context (which needs a card word in the text).
 */
export function mayNameCardData(text: string): boolean {
  return CARD_DATA_WORD_HINT.test(text) || PIN_WORD.test(text) || (CARD_HINT.test(text) && CARD_CONTEXT_WORD_HINT.test(text));
}

/**
 * The kind of prohibited card data an identifier or key names (`cvv`, `card_cvc`, `track2Data`, `pinBlock`), or
 * undefined. `cardContext` says the name sits in a card object (`card.securityCode`), which makes ambiguous short
 * names (`cid`, `csc`, `securityCode`, `pin`) count.
 */
export function cardDataKindOfName(name: string, cardContext = false): CardDataKind | undefined {
  if (!NAME_HINT.test(name) || name.length > 80) return undefined;
  return classifyWords(identifierWords(name), cardContext);
}

/** True when a name is about a card: `card`, `creditCard`, `paymentCard`, `cc`. */
export function isCardName(name: string | undefined): boolean {
  if (!name) return false;
  return identifierWords(name).some((w) => CARD_WORDS.has(w));
}

/** True for objects whose members describe fields (`errors.cvv`) rather than hold their values. */
export function isDescriptorObjectName(name: string | undefined): boolean {
  if (!name) return false;
  const words = identifierWords(name);
  return words.length > 0 && DESCRIPTOR_OBJECT_WORDS.has(words[words.length - 1]);
}

/**
 * The kind of card data a piece of text names as a key: `'cvv'`, `` `cvv:${id}` ``, `'card_cvc'`, or `cvv=` inside a
 * cookie string. Text is split at characters that cannot be part of a name, so `pending-cvv-check` stays one name
 * (a check, not the code).
 */
export function cardDataKindInText(text: string): CardDataKind | undefined {
  if (!NAME_HINT.test(text) || text.length > 2000) return undefined;
  for (const part of text.split(/[^A-Za-z0-9_-]+/)) {
    if (!part) continue;
    const kind = cardDataKindOfName(part);
    if (kind) return kind;
  }
  return undefined;
}
