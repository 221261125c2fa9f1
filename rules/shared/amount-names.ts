// client-trusted-amount: which names mean a price or amount, and which calls create a charge, payment or order.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { lastSegmentName, memberPropertyName } from './ast';
import { identifierWords } from './identifiers';

/** Words that make a field or variable a sum of money. */
const AMOUNT_WORDS = new Set(['amount', 'amounts', 'price', 'prices', 'total', 'totals', 'subtotal', 'fee', 'fees', 'cost', 'costs', 'money', 'cents', 'sum']);
/** A last word that turns a money word into a reference: `priceId`, `price_key`, `amountCurrency`, `totalCount`. */
const REFERENCE_WORDS = new Set(['id', 'ids', 'key', 'keys', 'code', 'codes', 'currency', 'type', 'name', 'label', 'count', 'mode', 'unit', 'version', 'format']);

/** True for ids, keys and codes: `priceId`, `sku`, `product_code`, `currency` — references the server resolves. */
export function isReferenceName(name: string): boolean {
  const words = identifierWords(name);
  const last = words[words.length - 1];
  return last !== undefined && (REFERENCE_WORDS.has(last) || last === 'sku' || last === 'skus' || last === 'uuid');
}

/** True for `amount`, `unit_amount`, `total_fee`, `totalPrice`, `priceCents`; false for `priceId`, `quantity`, `currency`. */
export function isAmountName(name: string | undefined): boolean {
  if (!name) return false;
  const words = identifierWords(name);
  if (words.length === 0 || REFERENCE_WORDS.has(words[words.length - 1])) return false;
  return words.some((w) => AMOUNT_WORDS.has(w));
}

/** Keys whose content the provider never charges: free-form notes. */
export const NOTE_KEYS = new Set(['metadata', 'meta', 'description', 'notes', 'note', 'attach', 'remark', 'extra']);

/** Objects whose `.create(…)` makes a charge, payment or order (Stripe, PayPal, Razorpay, ORM models), and what it makes. */
const CREATING_OWNERS: Record<string, string> = {
  paymentintents: 'payment intent', paymentintent: 'payment intent', charges: 'charge', charge: 'charge', payments: 'payment',
  payment: 'payment', orders: 'order', order: 'order', paymentlinks: 'payment link', invoiceitems: 'invoice item',
  transactions: 'transaction',
};
/** CodePay/WeChat Pay and the usual service names: `unifiedOrder`, `createOrder`, `placeOrder`, `createPaymentIntent`. */
const CREATING_FUNCTION = /^(?:unifiedOrder|(?:create|place|submit|make|new)[A-Za-z0-9]*(?:Order|Payment|Charge|PaymentIntent|CheckoutSession|Transaction))$/;
/** Methods that charge when called on a gateway object: `gateway.charge(…)`, Braintree `gateway.transaction.sale(…)`. */
const CHARGING_METHODS = new Set(['charge', 'sale']);

export interface AmountSink {
  /** What the call creates, in words for messages: `payment intent`, `order`, `checkout session`. */
  what: string;
  /** `.create(params)` on a provider or model: the whole parameter object is the charge, so request data there is reported. */
  takesParams: boolean;
}

/** `createPaymentIntent` → `payment intent`, `unifiedOrder` → `unified order`, `charge` → `charge`. */
function madeBy(name: string): string {
  const words = identifierWords(name);
  return (words.length > 1 && name !== 'unifiedOrder' ? words.slice(1) : words).join(' ');
}

/** The charge/payment/order creation a call makes, if any; `extra` are team-configured function names. */
export function amountSinkOf(call: TSESTree.CallExpression, extra: ReadonlySet<string>): AmountSink | undefined {
  const callee = call.callee;
  if (callee.type === 'Identifier') {
    if (extra.has(callee.name)) return { what: 'payment', takesParams: false };
    return CREATING_FUNCTION.test(callee.name) ? { what: madeBy(callee.name), takesParams: false } : undefined;
  }
  if (callee.type !== 'MemberExpression') return undefined;
  const method = memberPropertyName(callee);
  if (!method) return undefined;
  if (extra.has(method)) return { what: 'payment', takesParams: false };
  if (method === 'create') {
    const owner = (lastSegmentName(callee.object) ?? '').toLowerCase();
    if (Object.hasOwn(CREATING_OWNERS, owner)) return { what: CREATING_OWNERS[owner], takesParams: true };
    // Stripe `checkout.sessions.create`: sessions of anything else (login sessions) are not payments.
    if (owner === 'sessions' && callee.object.type === 'MemberExpression' && lastSegmentName(callee.object.object) === 'checkout') {
      return { what: 'checkout session', takesParams: true };
    }
    return undefined;
  }
  if (CREATING_FUNCTION.test(method) || CHARGING_METHODS.has(method)) return { what: madeBy(method), takesParams: false };
  return undefined;
}

/** Cheap pre-check on a file's text: no sink name, no finding. */
export function mightCreatePayment(text: string, extra: ReadonlySet<string>): boolean {
  if (/\.create\s*\(|unifiedOrder|(?:create|place|submit|make|new)\w*(?:Order|Payment|Charge|PaymentIntent|CheckoutSession|Transaction)\s*\(|\.(?:charge|sale)\s*\(/.test(text)) return true;
  for (const name of extra) if (text.includes(name)) return true;
  return false;
}
