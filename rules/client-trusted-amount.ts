// client-trusted-amount: server code that charges or creates an order for an amount the request supplied (guideline 2.3b).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type AstNode } from '../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName } from './shared/ast';
import { AmountFlow, unwrap, type ClientData, type Origin } from './shared/amount-flow';
import { amountSinkOf, isAmountName, mightCreatePayment, NOTE_KEYS, type AmountSink } from './shared/amount-names';
import { DEFAULT_CLIENT_PATHS, pathVerdict } from './shared/client-code-scope';
import { stringList } from './shared/options';

type Call = TSESTree.CallExpression;
type FunctionNode = Extract<AstNode, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }>;

/** The first client-supplied amount in a call's parameters: the parameter it fills and where in the request it came from. */
interface Tainted {
  messageId: 'clientAmount' | 'clientParams';
  field: string;
  origin: ClientData;
}

const MAX_NESTING = 6;
/** What every match of mightCreatePayment's pattern contains: its alternatives without the `create…`/`new…` name prefixes. */
const PAYMENT_CALL_HINT = /\.create\s*\(|unifiedOrder|(?:Order|Payment|PaymentIntent|Charge|CheckoutSession|Transaction)\s*\(|\.(?:charge|sale)\s*\(/;
/** Prisma/Sequelize-style `{ data: … }` wrappers: the whole row the ORM inserts. */
const ROW_KEYS = new Set(['data', 'values', 'attributes']);

/** The object a `.map((item) => ({ … }))` callback returns: each element of the array it builds. */
function mappedElement(node: AstNode): AstNode | undefined {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return undefined;
  const method = memberPropertyName(node.callee);
  const fn = node.arguments[0];
  if ((method !== 'map' && method !== 'flatMap') || !fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return undefined;
  if (fn.body.type !== 'BlockStatement') return fn.body;
  for (const statement of fn.body.body) if (statement.type === 'ReturnStatement' && statement.argument) return statement.argument;
  return undefined;
}

/** `request body`, `request body field price`: where the amount came from, in words. */
function describe(origin: ClientData): string {
  return origin.field && /^[\w$-]{1,24}$/.test(origin.field) ? `${origin.where} field ${origin.field}` : origin.where;
}

/** True for calls on an injected service (`this.orders.create(dto)`): the service, not the controller, builds the charge. */
function isOnThis(callee: TSESTree.Expression): boolean {
  let n: AstNode = callee;
  while (n.type === 'MemberExpression') n = n.object;
  return n.type === 'ThisExpression';
}

export default defineRule({
  meta: {
    id: 'client-trusted-amount',
    description: 'Charge the price the server computes, never an amount the request supplies',
    guideline: ['2.3b'],
    defaultSeverity: 'error',
    why: 'Anything in a request body, query string or URL can be changed by the buyer with a proxy or the browser\'s developer tools; a server that charges or records the amount the request names lets anyone pay one cent for any order.',
    howToFix: 'Let the request say only what is bought (product ids or price ids, quantities, the order id); look the prices up server-side (product catalogue, stored order total, provider price objects) and compute the amount from them, or cap a requested amount by the stored total.',
    messages: {
      clientAmount: 'This {{what}} takes its {{field}} from the {{where}}, so the buyer can change what they pay; compute it on the server from the product price or the stored order total (guideline 2.3b).',
      clientParams: 'This {{what}} is created from the {{where}} as sent, so the buyer can set the amount they pay; build its parameters on the server with prices looked up from the products or the stored order (guideline 2.3b).',
    },
    defaultOptions: { paymentCalls: [] },
    optionsSchema: {
      type: 'object',
      properties: {
        paymentCalls: {
          type: 'array',
          items: { type: 'string' },
          description: 'Extra names of functions or methods that create a charge, payment or order (e.g. "payNow", "openInvoice"); amounts passed to them are checked like those of paymentIntents.create and unifiedOrder.',
        },
      },
      additionalProperties: false,
    },
  },
  // The same gate as create(): a server script (it needs the tree) that may create a payment or an order.
  mayReport: (file, options) => {
    if (file.kind !== 'script' || file.isTestFile || file.isFixture || pathVerdict(file.path, DEFAULT_CLIENT_PATHS) === 'client') return false;
    const extra = stringList(options.paymentCalls);
    // PAYMENT_CALL_HINT first: it is necessary for mightCreatePayment's pattern and three times as fast to rule out.
    return (PAYMENT_CALL_HINT.test(file.text) && mightCreatePayment(file.text, new Set(extra))) || extra.some((name) => file.text.includes(name));
  },
  create(context) {
    const { source } = context;
    const extra = new Set(stringList(context.options.paymentCalls));
    // The rule is about servers: code shipped to browsers and apps cannot be trusted with prices anyway, and tests
    // post made-up amounts on purpose.
    if (source.isTestFile || source.isFixture || !source.ast) return {};
    if (pathVerdict(source.path, DEFAULT_CLIENT_PATHS) === 'client' || !mightCreatePayment(source.text, extra)) return {};
    const clientDirective = source.ast.body.some((s) => s.type === 'ExpressionStatement' && s.directive === 'use client');
    if (clientDirective) return {};

    const flow = new AmountFlow((node) => source.getText(node));

    const fromValue = (field: string, origin: Origin, anyRequestData: boolean): Tainted | undefined => {
      if (origin.kind === 'client' || (origin.kind === 'payload' && anyRequestData)) return { messageId: 'clientAmount', field, origin };
      return undefined;
    };

    /** Looks through a parameter value: objects, arrays, `.map(…)` results; `inAmount` below an amount-named key. */
    const inspect = (node: AstNode, key: string, inAmount: boolean, sink: AmountSink, top: boolean, depth: number): Tainted | undefined => {
      if (depth > MAX_NESTING) return undefined;
      const value = flow.valueOf(node);
      if (value.type === 'ObjectExpression') {
        for (const prop of value.properties) {
          if (prop.type === 'SpreadElement') {
            const o = flow.origin(prop.argument);
            if (o.kind === 'client') return { messageId: 'clientAmount', field: key, origin: o };
            if (o.kind === 'payload' && sink.takesParams) return { messageId: 'clientParams', field: key, origin: o };
            continue;
          }
          const name = propertyKeyName(prop);
          if (name === undefined || NOTE_KEYS.has(name.toLowerCase())) continue;
          const amountKey = isAmountName(name) || (inAmount && name === 'value');
          // `prisma.order.create({ data: req.body })`: the whole row, total included, is the buyer's.
          if (top && sink.takesParams && ROW_KEYS.has(name)) {
            const o = flow.origin(prop.value);
            if (o.kind === 'payload' && flow.valueOf(prop.value).type !== 'ObjectExpression') return { messageId: 'clientParams', field: name, origin: o };
          }
          const found = inspect(prop.value, name, amountKey, sink, top && ROW_KEYS.has(name), depth + 1);
          if (found) return found;
        }
        return undefined;
      }
      if (value.type === 'ArrayExpression') {
        for (const element of value.elements) {
          if (!element || element.type === 'SpreadElement') continue;
          const found = inspect(element, key, inAmount, sink, false, depth + 1);
          if (found) return found;
        }
        return undefined;
      }
      const element = mappedElement(value);
      if (element) return inspect(element, key, inAmount, sink, false, depth + 1);
      return inAmount ? fromValue(key, flow.origin(node), true) : undefined;
    };

    const check = (call: Call): void => {
      const sink = amountSinkOf(call, extra);
      if (!sink) return;
      let found: Tainted | undefined;
      for (const arg of call.arguments) {
        if (arg.type === 'SpreadElement') continue;
        const value = flow.valueOf(arg);
        if (value.type === 'ObjectExpression' || value.type === 'ArrayExpression') {
          found = inspect(arg, 'amount', false, sink, true, 0);
        } else {
          const o = flow.origin(arg);
          // `stripe.paymentIntents.create(req.body)`, `Order.create(await request.json())`.
          if (o.kind === 'payload' && sink.takesParams && !isOnThis(call.callee)) found = { messageId: 'clientParams', field: 'amount', origin: o };
          else found = fromValue(unwrap(arg).type === 'Identifier' ? lastSegmentName(arg) ?? 'amount' : 'amount', o, false);
          if (found && found.messageId === 'clientAmount' && !isAmountName(found.field)) found.field = 'amount';
        }
        if (found) break;
      }
      if (!found) return;
      context.report({
        node: call,
        messageId: found.messageId,
        data: { what: sink.what, field: found.field, where: describe(found.origin) },
        fingerprintKey: found.field,
      });
    };

    const enter = (fn: FunctionNode): void => flow.enterFunction(fn);
    return {
      FunctionDeclaration: enter,
      FunctionExpression: enter,
      ArrowFunctionExpression: enter,
      VariableDeclarator: (node: TSESTree.VariableDeclarator) => flow.declare(node),
      AssignmentExpression: (node: TSESTree.AssignmentExpression) => flow.assign(node),
      // On exit: operands get their `parent` only once the comparison itself has been entered.
      'BinaryExpression:exit': (node: TSESTree.BinaryExpression) => flow.compare(node),
      'CallExpression:exit': check,
    };
  },
});
