// Deciding whether a log call sits in a payment or authentication handler, where a whole request body holds card data or credentials.
import type { AstNode, SourceFile } from '../../server/src/engine';
import { lastSegmentName, propertyKeyName, staticStringValue } from './ast';
import { identifierWords } from './identifiers';

type Node = AstNode & { parent?: AstNode };

/** Words of routes, handler names, controllers and files that handle payments or credentials. */
const PAYMENT_AUTH_WORDS = new Set([
  'pay', 'pays', 'payment', 'payments', 'checkout', 'charge', 'charges', 'card', 'cards', 'billing', 'invoice', 'invoices',
  'refund', 'refunds', 'payout', 'payouts', 'wallet', 'stripe', 'codepay', 'paypal', 'braintree', 'adyen', 'razorpay',
  'alipay', 'wechat', 'wxpay', 'klarna', 'mollie', 'square', 'webhook', 'webhooks', 'notify', 'ipn', 'auth', 'login',
  'logon', 'signin', 'signup', 'register', 'registration', 'password', 'passwd', 'credential', 'credentials', 'token',
  'tokens', 'session', 'sessions', 'otp', 'mfa', '2fa', 'authenticate', 'authorize', 'oauth', 'subscription', 'purchase',
]);

/** The outermost function text read for payment/auth words; longer handlers are judged by names and routes only. */
const MAX_HANDLER_TEXT = 20_000;

function isFunction(node: AstNode): node is Extract<AstNode, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }> {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** Compounds written as two words: `signIn`, `sign-up`, `log_in` mean `signin`, `signup`, `login`. */
const COMPOUNDS: Record<string, string> = { 'sign in': 'signin', 'sign up': 'signup', 'log in': 'login', 'log on': 'logon' };

function wordsOf(text: string, into: Set<string>): void {
  const words = identifierWords(text);
  for (let i = 0; i < words.length; i++) {
    into.add(words[i]);
    const compound = COMPOUNDS[`${words[i]} ${words[i + 1]}`];
    if (compound) into.add(compound);
  }
}

/** Names a function goes by, and what registers it: `checkoutRouter.post('/pay', …)`, `@Post('charge')`, `PaymentsController`. */
function describeFunction(fn: Node, source: SourceFile, into: Set<string>): void {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) wordsOf(fn.id.name, into);
  const parent = fn.parent as Node | undefined;
  if (!parent) return;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') wordsOf(parent.id.name, into);
  if ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && parent.value === fn) {
    wordsOf(propertyKeyName(parent) ?? '', into);
    if (parent.type === 'MethodDefinition') {
      for (const d of parent.decorators ?? []) wordsOf(source.getText(d), into);
      const cls = (parent.parent as Node | undefined)?.parent;
      if (cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression')) {
        if (cls.id) wordsOf(cls.id.name, into);
        for (const d of cls.decorators ?? []) wordsOf(source.getText(d), into);
      }
    }
  }
  if (parent.type === 'CallExpression' && parent.arguments.includes(fn as (typeof parent.arguments)[number])) {
    // Route registration: the path and the router's name; other middleware names say nothing about the route.
    wordsOf(lastSegmentName(parent.callee) ?? '', into);
    if (parent.callee.type === 'MemberExpression') wordsOf(lastSegmentName(parent.callee.object) ?? '', into);
    for (const a of parent.arguments) {
      const path = staticStringValue(a);
      if (path !== undefined) wordsOf(path, into);
    }
  }
}

/**
 * True when the log call sits in code that handles payments or credentials: judged by the file path, the enclosing
 * functions' names, route paths and decorators, and the words of the outermost enclosing function.
 */
export function isPaymentOrAuthCode(call: AstNode, source: SourceFile): boolean {
  const words = new Set<string>();
  wordsOf(source.path, words);
  let outermost: Node | undefined;
  for (let n = (call as Node).parent as Node | undefined; n; n = n.parent as Node | undefined) {
    if (!isFunction(n)) continue;
    describeFunction(n, source, words);
    outermost = n;
  }
  if (outermost && outermost.range[1] - outermost.range[0] <= MAX_HANDLER_TEXT) wordsOf(source.getText(outermost), words);
  for (const w of words) if (PAYMENT_AUTH_WORDS.has(w)) return true;
  return false;
}
