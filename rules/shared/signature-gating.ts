// What a payment-notification handler does and whether a signature check gates it: state changes, fulfilment and
// success replies; verifier calls, signature comparisons and what happens to their results (early exits, branches,
// try/catch), including fail-open shapes (result ignored, failure swallowed by a catch that carries on).
import { forEachChild, type AstNode, type NodeVisitor, type SourceFile } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName } from './ast';
import { identifierWords } from './identifiers';
import { calleeName, functionName, isFunctionNode, parentOf, type FunctionNode, type SignatureFlow } from './signature-flow';
import { isThrowingVerifierName, isVerifierName } from './signature-names';

type CallNode = Extract<AstNode, { type: 'CallExpression' }>;
type AssignmentNode = Extract<AstNode, { type: 'AssignmentExpression' }>;
type PropertyNode = Extract<AstNode, { type: 'Property' }>;
type BinaryNode = Extract<AstNode, { type: 'BinaryExpression' }>;
type LogicalNode = Extract<AstNode, { type: 'LogicalExpression' }>;
type IdentifierNode = Extract<AstNode, { type: 'Identifier' }>;

export type EffectKind = 'call' | 'assignment' | 'update' | 'sql' | 'success';

/** Something a forged notification must not be able to cause. */
export interface Effect {
  node: AstNode;
  /** For messages: "calls `markOrderPaid`", "sets `order.status`", "replies success". */
  action: string;
  kind: EffectKind;
  /** The effect is about payments by itself (`markOrderPaid`, `status = 'paid'`), not only by where it happens. */
  paymentSpecific: boolean;
}

/** A signature check: a verifier call, a signature comparison, or a PayPal verification-status test. */
export interface Verification {
  node: AstNode;
  name: string;
  kind: 'call' | 'compare' | 'status';
  /** Fails by throwing (constructEvent, assert…): calling it as a statement gates what follows. */
  throwing: boolean;
  /** True when the check's value is true on a mismatch (`sig !== expected`). */
  negated: boolean;
}

export interface UnitFacts {
  effects: Effect[];
  verifications: Verification[];
  /** Effects no verification gates. */
  ungated: Effect[];
  /** A verification whose failure a `catch` swallows before the code goes on. */
  swallowed: Verification | undefined;
  /** A verifier called as a statement or bound to a variable nobody tests. */
  ignored: Verification | undefined;
  /** The function returns a value somewhere (a boolean verifier) rather than only throwing. */
  returnsValue: boolean;
}

interface Region {
  start: number;
  end: number;
}

const PAID_WORDS = new Set(['paid', 'complete', 'completed', 'success', 'succeeded', 'successful', 'fulfilled', 'fulfil', 'fulfill', 'shipped', 'settled', 'captured', 'delivered', 'done']);
const FULFIL_VERBS = new Set(['fulfil', 'fulfill', 'fulfils', 'fulfills', 'ship', 'deliver', 'provision', 'grant', 'unlock', 'activate', 'credit', 'settle']);
const PAYMENT_OBJECTS = new Set(['order', 'orders', 'payment', 'payments', 'purchase', 'checkout', 'transaction', 'trade', 'invoice', 'subscription', 'booking', 'charge']);
const COMPLETE_VERBS = new Set(['complete', 'confirm', 'finalize', 'finalise', 'close', 'approve', 'accept']);
const ISSUED_THINGS = new Set(['refund', 'credit', 'credits', 'voucher', 'coupon', 'license', 'licence', 'ticket', 'points']);
const UPDATE_VERBS = new Set(['update', 'upsert', 'save', 'create', 'insert', 'set', 'patch', 'modify', 'merge']);
const STATUS_WORDS = new Set(['status', 'state', 'paid', 'shipped', 'fulfilled', 'fulfillment', 'fulfilment']);
/** Objects whose `status` is the HTTP response's, not the order's. */
const RESPONSE_OBJECTS = new Set(['res', 'response', 'reply', 'ctx', 'context', 'req', 'request', 'rep', 'this', 'reply.raw']);
const LOGGERS = /^(?:console|log|logger|logging|debug|winston|pino|bunyan|sentry|Sentry)$/;
const DELEGATE_VERBS = new Set(['handle', 'process', 'verify', 'check', 'validate', 'parse', 'decode', 'construct', 'unwrap', 'receive', 'consume', 'ingest', 'accept', 'authenticate']);

const ASSERTIONS = new Set(['assert', 'ok', 'invariant', 'strictEqual']);
const SUCCESS_ACK = /^\s*(?:success|\[accepted\])\s*$|<return_code>\s*(?:<!\[CDATA\[\s*)?SUCCESS/i;
const SQL_UPDATE = /\bupdate\s+[`"']?[\w.]+[`"']?\s+set\b/i;
/** Field names and header names of provider notifications (CodePay/WeChat Pay/Alipay, Stripe, PayPal IPN, Adyen). */
export const SHAPE_NAMES: ReadonlySet<string> = new Set([
  'trade_status', 'out_trade_no', 'notify_id', 'notify_type', 'notify_time', 'trade_no', 'transaction_id', 'mch_id', 'return_code',
  'result_code', 'total_fee', 'gmt_payment', 'buyer_id', 'sign_type', 'payment_status', 'txn_id', 'ipn_track_id', 'notificationItems',
  'NotificationRequestItem', 'eventCode', 'pspReference', 'event_type', 'resource_type', 'verification_status',
]);
export const SHAPE_STRINGS: ReadonlySet<string> = new Set([
  'wechatpay-signature', 'wechatpay-timestamp', 'wechatpay-nonce', 'wechatpay-serial', 'stripe-signature', 'paypal-transmission-sig',
  'paypal-transmission-id', 'x-codepay-signature', 'payment_intent.succeeded', 'checkout.session.completed', 'charge.succeeded',
  'invoice.paid', 'invoice.payment_succeeded', 'payment.capture.completed', 'checkout.order.approved', 'trade_success', 'trade_finished',
  'authorisation', 'transaction.success',
]);
/**
 * Matches every SHAPE_NAMES and SHAPE_STRINGS entry (the strings compared lower-cased), for pre-filters: a file it does
 * not match has no notification shape. Keep it in step with the two sets (a test checks that it matches each entry).
 */
export const SHAPE_HINT = /trade_|notify_|transaction_id|mch_id|return_code|result_code|total_fee|gmt_payment|buyer_id|sign_type|payment_status|txn_id|ipn_track_id|notificationItems|NotificationRequestItem|eventCode|pspReference|event_type|resource_type|verification_status|wechatpay-|stripe-signature|paypal-transmission-|x-codepay-signature|payment_intent\.succeeded|checkout\.session\.completed|charge\.succeeded|invoice\.pa|payment\.capture\.completed|checkout\.order\.approved|authorisation|transaction\.success/i;

/** "calls `markOrderPaid`" when a call's name says it changes payment state or hands out goods. */
export function isEffectCallName(name: string): boolean {
  const words = identifierWords(name);
  if (!words.length) return false;
  const [first, ...rest] = words;
  if (first === 'mark') return rest.some((w) => PAID_WORDS.has(w));
  if (FULFIL_VERBS.has(first)) return true;
  if (first === 'capture') return rest.some((w) => w === 'payment' || w === 'order' || w === 'charge' || w === 'funds');
  if (COMPLETE_VERBS.has(first)) return rest.some((w) => PAYMENT_OBJECTS.has(w));
  if (first === 'update' || first === 'set' || first === 'save' || first === 'change') return rest.some((w) => STATUS_WORDS.has(w));
  if (first === 'top' && rest[0] === 'up') return true;
  if (first === 'issue') return rest.some((w) => ISSUED_THINGS.has(w));
  return false;
}

/** Status values that only payments have; `success` or `completed` could be a CI job's, so they need an order-like object. */
const PAID_VALUE = /^(?:paid|captured|settled|refunded|trade_success|trade_finished)$/i;
const PAYMENT_SQL = /order|payment|invoice|paid|trade|subscription|transaction/i;

function isPaidValue(node: AstNode): boolean {
  return node.type === 'Literal' && typeof node.value === 'string' ? PAID_VALUE.test(node.value) : node.type === 'Literal' && node.value === true;
}

function isStatusKey(name: string): boolean {
  const words = identifierWords(name);
  return words.length > 0 && words.length <= 3 && STATUS_WORDS.has(words[words.length - 1]) || words[0] === 'is' && words[1] === 'paid' || name === 'paidAt' || name === 'paid_at';
}

function isUpdateCall(name: string): boolean {
  const words = identifierWords(name);
  return UPDATE_VERBS.has(words[0]) || words.includes('update');
}

function isStatementList(node: AstNode | undefined): boolean {
  return !!node && (node.type === 'BlockStatement' || node.type === 'Program' || node.type === 'SwitchCase' || node.type === 'StaticBlock');
}

/** How a statement leaves its block on every path: `return` (or `continue`), `throw` (or Koa's `ctx.throw`), or not at all. */
export function exitKind(node: AstNode | null | undefined): 'return' | 'throw' | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'ReturnStatement':
    case 'ContinueStatement':
    case 'BreakStatement':
      // `continue` skips the rest of a loop body, which is as far as its gate reaches.
      return 'return';
    case 'ThrowStatement':
      return 'throw';
    case 'ExpressionStatement': {
      const e = node.expression.type === 'AwaitExpression' ? node.expression.argument : node.expression;
      return e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && memberPropertyName(e.callee) === 'throw' ? 'throw' : undefined;
    }
    case 'BlockStatement':
      for (const s of node.body) {
        const k = exitKind(s);
        if (k) return k;
      }
      return undefined;
    case 'IfStatement': {
      const a = exitKind(node.consequent);
      const b = exitKind(node.alternate);
      return a && b ? (a === 'throw' || b === 'throw' ? 'throw' : 'return') : undefined;
    }
    default:
      return undefined;
  }
}

/** The statement (in a statement list) that holds a node, without leaving its function. */
export function enclosingStatement(node: AstNode): AstNode | undefined {
  let n: AstNode = node;
  for (let p = parentOf(n); p; n = p, p = parentOf(p)) {
    if (isStatementList(p)) return n;
    if (isFunctionNode(p)) return undefined;
  }
  return undefined;
}

/** Collects, during the traversal, every node the notification analysis may need; nothing is judged yet. */
export class NotificationFacts {
  readonly calls: CallNode[] = [];
  readonly statusAssignments: AssignmentNode[] = [];
  readonly statusProperties: PropertyNode[] = [];
  readonly sqlUpdates: AstNode[] = [];
  readonly successReplies: AstNode[] = [];
  readonly shapeHits: AstNode[] = [];
  readonly comparisons: BinaryNode[] = [];
  readonly emptyFallbacks: LogicalNode[] = [];
  readonly functions: FunctionNode[] = [];
  /**
   * Per unit asked about, its identifiers by name, in source order: found by walking that unit on the first question
   * about it (most files never ask one, and collecting every identifier of the file at each keystroke cost more).
   */
  private readonly refIndex = new Map<AstNode, Map<string, IdentifierNode[]>>();
  /** Header names read by the file that look like signature headers, for the generated guard. */
  readonly headerNames: Array<{ node: AstNode; value: string }> = [];

  readonly visitors: Record<string, NodeVisitor> = {
    CallExpression: (node: CallNode) => { this.calls.push(node); },
    AssignmentExpression: (node: AssignmentNode) => {
      if (node.left.type !== 'MemberExpression') return;
      const name = memberPropertyName(node.left);
      if (name && isStatusKey(name)) this.statusAssignments.push(node);
    },
    Property: (node: PropertyNode) => {
      if (parentOf(node)?.type !== 'ObjectExpression') return;
      const key = propertyKeyName(node);
      if (key && isStatusKey(key)) this.statusProperties.push(node);
    },
    Literal: (node: Extract<AstNode, { type: 'Literal' }>) => {
      if (typeof node.value !== 'string' || node.value.length > 2000) return;
      const value = node.value;
      if (SUCCESS_ACK.test(value)) this.successReplies.push(node);
      if (SQL_UPDATE.test(value)) this.sqlUpdates.push(node);
      const lower = value.toLowerCase();
      if (SHAPE_STRINGS.has(lower)) this.shapeHits.push(node);
      if (/^[a-z0-9-]*sig[a-z0-9-]*$/i.test(value) && value.includes('-')) this.headerNames.push({ node, value: lower });
    },
    TemplateLiteral: (node: Extract<AstNode, { type: 'TemplateLiteral' }>) => {
      if (SQL_UPDATE.test(node.quasis.map((q) => q.value.raw).join(' ? '))) this.sqlUpdates.push(node);
    },
    Identifier: (node: IdentifierNode) => {
      if (SHAPE_NAMES.has(node.name)) this.shapeHits.push(node);
    },
    BinaryExpression: (node: BinaryNode) => {
      if (node.operator === '===' || node.operator === '==' || node.operator === '!==' || node.operator === '!=') this.comparisons.push(node);
    },
    LogicalExpression: (node: LogicalNode) => {
      if ((node.operator === '||' || node.operator === '??') && node.right.type === 'Literal' && node.right.value === '') this.emptyFallbacks.push(node);
    },
    FunctionDeclaration: (node: FunctionNode) => { this.functions.push(node); },
    FunctionExpression: (node: FunctionNode) => { this.functions.push(node); },
    ArrowFunctionExpression: (node: FunctionNode) => { this.functions.push(node); },
  };

  /**
   * The identifiers within `unit` that read or bind a name, in source order (`.name` of a member access excluded).
   * Asked once the traversal is over (parents are set).
   */
  refs(name: string, unit: AstNode): readonly IdentifierNode[] {
    let index = this.refIndex.get(unit);
    if (!index) {
      index = new Map();
      this.refIndex.set(unit, index);
      // Iteratively (nesting can be deep), children pushed in reverse so that they come out in source order.
      const stack: AstNode[] = [unit];
      const children: AstNode[] = [];
      const collect = (child: AstNode) => { children.push(child); };
      while (stack.length) {
        const node = stack.pop()!;
        if (node.type === 'Identifier') {
          const parent = parentOf(node);
          if (!(parent?.type === 'MemberExpression' && parent.property === node && !parent.computed)) {
            const list = index.get(node.name);
            if (list) list.push(node);
            else index.set(node.name, [node]);
          }
        }
        forEachChild(node, collect);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
        children.length = 0;
      }
    }
    return index.get(name) ?? [];
  }
}

interface Bucket {
  calls: CallNode[];
  statusAssignments: AssignmentNode[];
  statusProperties: PropertyNode[];
  sqlUpdates: AstNode[];
  successReplies: AstNode[];
  shapeHits: AstNode[];
  comparisons: BinaryNode[];
  emptyFallbacks: LogicalNode[];
}

const emptyBucket = (): Bucket => ({
  calls: [], statusAssignments: [], statusProperties: [], sqlUpdates: [], successReplies: [], shapeHits: [], comparisons: [], emptyFallbacks: [],
});

const BUCKET_KEYS: ReadonlyArray<keyof Bucket> = [
  'calls', 'statusAssignments', 'statusProperties', 'sqlUpdates', 'successReplies', 'shapeHits', 'comparisons', 'emptyFallbacks',
];

/** The index of the first node (of nodes in source order) that starts at or after `offset`. */
function firstStartingAt(nodes: readonly AstNode[], offset: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nodes[mid].range[0] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const NO_FACTS: UnitFacts = { effects: [], verifications: [], ungated: [], swallowed: undefined, ignored: undefined, returnsValue: true };

/**
 * Judges, after the traversal, each "unit" (a handler or a named function of the file): what it does, which checks
 * it makes, and which of its effects no check gates. Helpers are followed by name, once each.
 */
export class NotificationAnalysis {
  private readonly units = new Set<AstNode>();
  private readonly byName = new Map<string, FunctionNode[]>();
  private readonly buckets = new Map<AstNode, Bucket>();
  private readonly memo = new Map<AstNode, UnitFacts>();
  private readonly inProgress = new Set<AstNode>();

  constructor(
    private readonly facts: NotificationFacts,
    private readonly flow: SignatureFlow,
    private readonly source: SourceFile,
    private readonly verifiers: readonly string[],
    handlers: readonly FunctionNode[],
  ) {
    for (const fn of handlers) this.units.add(fn);
    for (const fn of facts.functions) {
      const name = functionName(fn);
      if (!name) continue;
      this.units.add(fn);
      const list = this.byName.get(name);
      if (list) list.push(fn);
      else this.byName.set(name, [fn]);
    }
  }

  /** The nearest enclosing unit: anonymous callbacks belong to the function around them. */
  unitOf(node: AstNode): AstNode | undefined {
    for (let n = parentOf(node); n; n = parentOf(n)) if (this.units.has(n)) return n;
    return undefined;
  }

  /**
   * The facts of one unit: those inside it that belong to no unit nested in it. Gathered on the first question, for
   * the few units that are ever asked about (handlers, and helpers that look like verifiers), not for every fact of
   * the file: the facts are in source order (collected on entering their nodes), so the unit's range is a slice.
   */
  private bucketOf(unit: AstNode): Bucket {
    let bucket = this.buckets.get(unit);
    if (bucket) return bucket;
    bucket = emptyBucket();
    const [start, end] = unit.range;
    for (const key of BUCKET_KEYS) {
      const nodes = this.facts[key] as readonly AstNode[];
      const into = bucket[key] as AstNode[];
      for (let i = firstStartingAt(nodes, start); i < nodes.length && nodes[i].range[0] < end; i++) {
        if (this.unitOf(nodes[i]) === unit) into.push(nodes[i]);
      }
    }
    this.buckets.set(unit, bucket);
    return bucket;
  }

  /** Provider payload fields, signature headers and event types the unit reads. */
  shapesIn(unit: AstNode): readonly AstNode[] {
    return this.bucketOf(unit).shapeHits;
  }

  emptyFallbacksIn(unit: AstNode): readonly LogicalNode[] {
    return this.bucketOf(unit).emptyFallbacks;
  }

  callsIn(unit: AstNode): readonly CallNode[] {
    return this.bucketOf(unit).calls;
  }

  /** Named functions of the file, by name. */
  functionsNamed(name: string): readonly FunctionNode[] {
    return this.byName.get(name) ?? [];
  }

  namedFunctions(): IterableIterator<[string, FunctionNode[]]> {
    return this.byName.entries();
  }

  /** The function a call runs when the file defines it (`helper()`, `this.helper()`); undefined otherwise. */
  helperOf(call: CallNode): FunctionNode | undefined {
    if (call.callee.type === 'Identifier') return this.flow.functionOf(call.callee);
    if (call.callee.type === 'MemberExpression') {
      const name = memberPropertyName(call.callee);
      const found = name ? this.byName.get(name) : undefined;
      return found?.length === 1 ? found[0] : undefined;
    }
    return undefined;
  }

  analyze(unit: AstNode): UnitFacts {
    const known = this.memo.get(unit);
    if (known) return known;
    if (this.inProgress.has(unit)) return NO_FACTS;
    this.inProgress.add(unit);
    const result = this.compute(unit);
    this.inProgress.delete(unit);
    this.memo.set(unit, result);
    return result;
  }

  private compute(unit: AstNode): UnitFacts {
    const bucket = this.bucketOf(unit);
    const effects: Effect[] = [];
    const verifications: Verification[] = [];
    const seen = new Set<AstNode>();
    const addEffect = (node: AstNode, action: string, kind: EffectKind, paymentSpecific = true) => {
      if (seen.has(node)) return;
      seen.add(node);
      effects.push({ node, action, kind, paymentSpecific });
    };

    for (const call of bucket.calls) {
      const name = calleeName(call);
      if (!name) continue;
      if (name === 'equals' || name === 'localeCompare') {
        const cmp = this.flow.signatureComparison(call);
        if (cmp) verifications.push({ node: cmp.node, name: cmp.operator, kind: 'compare', throwing: false, negated: cmp.negated });
        continue;
      }
      if (isVerifierName(name, this.verifiers)) {
        verifications.push({ node: call, name, kind: 'call', throwing: isThrowingVerifierName(name), negated: false });
        continue;
      }
      const helper = this.helperOf(call);
      if (helper && helper !== unit) {
        const inner = this.analyze(helper);
        if (inner.ungated.length) {
          addEffect(call, `calls \`${name}\``, 'call');
          continue;
        }
        if (inner.verifications.length) {
          verifications.push({ node: call, name, kind: 'call', throwing: !inner.returnsValue || isThrowingVerifierName(name), negated: false });
          continue;
        }
      }
      if (isEffectCallName(name)) addEffect(call, `calls \`${name}\``, 'call');
      else if (this.isDelegation(call, name)) verifications.push({ node: call, name, kind: 'call', throwing: true, negated: false });
    }

    for (const prop of bucket.statusProperties) {
      const call = this.callTakingObject(prop);
      const name = call && calleeName(call);
      if (call && name && isUpdateCall(name)) {
        const specific = isPaidValue(prop.value) || identifierWords(this.source.getText(call.callee)).some((w) => PAYMENT_OBJECTS.has(w));
        addEffect(call, `calls \`${this.short(call.callee)}\``, 'update', specific);
      }
    }
    for (const assignment of bucket.statusAssignments) {
      const left = assignment.left as Extract<AstNode, { type: 'MemberExpression' }>;
      const owner = this.source.getText(left.object);
      const right = assignment.right;
      if (RESPONSE_OBJECTS.has(owner) || (right.type === 'Literal' && typeof right.value === 'number')) continue;
      const specific = isPaidValue(right) || identifierWords(owner).some((w) => PAYMENT_OBJECTS.has(w));
      addEffect(assignment, `sets \`${this.short(left)}\``, 'assignment', specific);
    }
    for (const sql of bucket.sqlUpdates) {
      const parent = parentOf(sql);
      const call = parent?.type === 'CallExpression' && parent.arguments.includes(sql as never) ? parent : undefined;
      addEffect(call ?? sql, 'updates the order in the database', 'sql', PAYMENT_SQL.test(this.source.getText(sql)));
    }
    for (const literal of bucket.successReplies) if (this.isReply(literal)) addEffect(literal, 'replies success', 'success', false);

    for (const bin of bucket.comparisons) {
      const cmp = this.flow.signatureComparison(bin);
      if (cmp) {
        verifications.push({ node: bin, name: cmp.operator, kind: 'compare', throwing: false, negated: cmp.negated });
        continue;
      }
      const member = [bin.left, bin.right].find((s) => s.type === 'MemberExpression' && memberPropertyName(s) === 'verification_status');
      const other = member === bin.left ? bin.right : bin.left;
      if (member && other.type === 'Literal' && other.value === 'SUCCESS') {
        verifications.push({ node: bin, name: 'verification_status', kind: 'status', throwing: false, negated: bin.operator.startsWith('!') });
      }
    }

    const regions: Region[] = [];
    let swallowed: Verification | undefined;
    let ignored: Verification | undefined;
    for (const v of verifications) {
      const gate = new Gate(this.facts, unit);
      gate.fromCheck(v);
      regions.push(...gate.regions);
      if (gate.swallowed) swallowed ??= v;
      if (!gate.regions.length && !gate.swallowed) ignored ??= v;
    }
    const covered = (e: Effect) => regions.some((r) => e.node.range[0] >= r.start && e.node.range[1] <= r.end);
    return {
      effects,
      verifications,
      ungated: effects.filter((e) => !covered(e)),
      swallowed,
      ignored,
      returnsValue: this.flow.returnsOf(unit).length > 0,
    };
  }

  /** A call that hands the received signature (or all headers) to something that handles or checks it. */
  private isDelegation(call: CallNode, name: string): boolean {
    if (!DELEGATE_VERBS.has(identifierWords(name)[0] ?? '')) return false;
    if (call.callee.type === 'MemberExpression' && LOGGERS.test(lastSegmentName(call.callee.object) ?? '')) return false;
    return call.arguments.some((a) => {
      if (a.type === 'SpreadElement') return false;
      if (this.flow.isReceived(a)) return true;
      return (a.type === 'Identifier' && a.name === 'headers') || (a.type === 'MemberExpression' && memberPropertyName(a) === 'headers');
    });
  }

  /** The call an object literal is passed to (`update({ … { status } })`), climbing only through literals. */
  private callTakingObject(prop: PropertyNode): CallNode | undefined {
    let n: AstNode = prop;
    for (let p = parentOf(n); p; n = p, p = parentOf(p)) {
      if (p.type === 'ObjectExpression' || p.type === 'Property' || p.type === 'ArrayExpression') continue;
      if (p.type === 'CallExpression' && p.arguments.includes(n as never)) return p;
      return undefined;
    }
    return undefined;
  }

  /** A success literal used as a reply (sent, returned, assigned to the body), not compared or logged. */
  private isReply(literal: AstNode): boolean {
    const parent = parentOf(literal);
    if (!parent) return false;
    switch (parent.type) {
      case 'CallExpression':
        if (!parent.arguments.includes(literal as never)) return false;
        return !(parent.callee.type === 'MemberExpression' && LOGGERS.test(lastSegmentName(parent.callee.object) ?? ''))
          && !(parent.callee.type === 'Identifier' && LOGGERS.test(parent.callee.name));
      case 'NewExpression':
      case 'ReturnStatement':
      case 'ConditionalExpression':
      case 'ArrowFunctionExpression':
        return true;
      case 'AssignmentExpression':
        return parent.right === literal;
      case 'Property':
        return parent.value === literal;
      default:
        return false;
    }
  }

  private short(node: AstNode): string {
    const text = this.source.getText(node).replace(/\s+/g, ' ');
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
  }
}

/** Works out which code a check gates: the branch it guards, or everything after an early exit or a throwing call. */
class Gate {
  readonly regions: Region[] = [];
  swallowed = false;
  private depth = 0;

  constructor(private readonly facts: NotificationFacts, private readonly unit: AstNode) {}

  fromCheck(v: Verification): void {
    this.climb(v.node, !v.negated, v.negated, v.throwing);
  }

  private subtree(node: AstNode | null | undefined): void {
    if (node) this.regions.push({ start: node.range[0], end: node.range[1] });
  }

  /**
   * Follows a check's value upwards. `whenTrue`: the value being truthy means the signature verified; `whenFalse`:
   * its being falsy does (`!verify()` flips them).
   */
  private climb(start: AstNode, whenTrue: boolean, whenFalse: boolean, throwing: boolean): void {
    let node = start;
    let t = whenTrue;
    let f = whenFalse;
    for (let p = parentOf(node); p; node = p, p = parentOf(p)) {
      switch (p.type) {
        case 'AwaitExpression':
        case 'TSNonNullExpression':
        case 'TSAsExpression':
        case 'ChainExpression':
          continue;
        case 'UnaryExpression':
          if (p.operator !== '!') return this.fallback(node, throwing);
          [t, f] = [f, t];
          continue;
        case 'BinaryExpression': {
          const other = p.left === node ? p.right : p.left;
          if (other.type !== 'Literal' || typeof other.value !== 'boolean') return this.fallback(node, throwing);
          const same = (p.operator === '===' || p.operator === '==') === other.value;
          if (!same) [t, f] = [f, t];
          continue;
        }
        case 'LogicalExpression':
          if (p.operator === '&&') {
            if (p.left === node && t) this.subtree(p.right);
            f = false;
            continue;
          }
          if (p.operator === '||') {
            t = false;
            continue;
          }
          return;
        case 'IfStatement': {
          if (p.test !== node) return;
          if (t) {
            this.subtree(p.consequent);
            const k = exitKind(p.alternate);
            if (k) this.after(p, k);
          }
          if (f) {
            this.subtree(p.alternate);
            const k = exitKind(p.consequent);
            if (k) this.after(p, k);
          }
          return;
        }
        case 'ConditionalExpression':
          if (p.test !== node) return;
          if (t) this.subtree(p.consequent);
          if (f) this.subtree(p.alternate);
          return;
        case 'VariableDeclarator':
          if (p.init !== node) return;
          if (p.id.type === 'Identifier') this.followVariable(p.id.name, p, t, f, throwing);
          else this.after(parentOf(p) ?? p, 'throw');
          return;
        case 'MemberExpression': {
          // `verifyAsync(…).then((ok) => { if (!ok) return …; … })`: the callback's parameter carries the result.
          const call = parentOf(p);
          const callback = call?.type === 'CallExpression' && call.callee === p && memberPropertyName(p) === 'then' ? call.arguments[0] : undefined;
          const param = callback && isFunctionNode(callback) ? callback.params[0] : undefined;
          if (p.object !== node || param?.type !== 'Identifier') return this.fallback(node, throwing);
          this.followVariable(param.name, param, t, f, throwing);
          return;
        }
        case 'CallExpression':
          // `assert(ok)`, `ctx.assert(valid, 401)`, `invariant(ok)`: a failed truthy check throws.
          if (t && p.arguments[0] === node && ASSERTIONS.has(calleeName(p) ?? '')) {
            const statement = enclosingStatement(p);
            if (statement) this.after(statement, 'throw');
            return;
          }
          return this.fallback(node, throwing);
        case 'AssignmentExpression':
          if (p.right !== node || p.left.type !== 'Identifier') return this.fallback(node, throwing);
          this.followVariable(p.left.name, p, t, f, throwing);
          return;
        default:
          return this.fallback(node, throwing);
      }
    }
  }

  /** A check whose value is not tested: only a throwing verifier still gates what follows its statement. */
  private fallback(node: AstNode, throwing: boolean): void {
    if (!throwing) return;
    const statement = enclosingStatement(node);
    if (statement) this.after(statement, 'throw');
  }

  /** `const ok = verify(…)`: the tests of `ok` gate; `event.type` after `const event = constructEvent(…)` shows a throwing check. */
  private followVariable(name: string, declarator: AstNode, t: boolean, f: boolean, throwing: boolean): void {
    if (++this.depth > 4) return;
    const refs = this.facts.refs(name, this.unit).filter((r) => r.range[0] > declarator.range[1]);
    let usedAsValue = false;
    for (const ref of refs) {
      const parent = parentOf(ref);
      if (parent?.type === 'MemberExpression' && parent.object === ref) usedAsValue = true;
      else this.climb(ref, t, f, false);
    }
    if (throwing || usedAsValue) {
      const statement = enclosingStatement(declarator);
      if (statement) this.after(statement, 'throw');
    }
  }

  /**
   * Everything after `statement` in its block is gated, and so is what follows enclosing plain blocks and `try`
   * blocks, unless a `catch` swallows the failure (then the code after the `try` runs for forged notifications too).
   */
  private after(statement: AstNode, kind: 'return' | 'throw'): void {
    const body = isFunctionNode(this.unit) ? this.unit.body : undefined;
    let node = statement;
    for (;;) {
      const list = parentOf(node);
      if (!list || !isStatementList(list)) return;
      this.regions.push({ start: node.range[1], end: list.range[1] });
      if (list === body) return;
      const owner = parentOf(list);
      if (!owner) return;
      if (owner.type === 'TryStatement' && owner.block === list) {
        if (kind === 'throw' && owner.handler && !exitKind(owner.handler.body)) {
          this.swallowed = true;
          return;
        }
        node = owner;
      } else if (list.type === 'BlockStatement' && isStatementList(owner)) {
        node = list;
      } else {
        return;
      }
    }
  }
}
