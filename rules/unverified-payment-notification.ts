// unverified-payment-notification: payment notification, webhook, callback and IPN handlers that change order state,
// fulfil or reply success without a provider signature check gating it (guideline 2.3b).
import { defineRule, type AstNode } from '../server/src/engine';
import { ModuleImports } from './shared/signature-fixes';
import { calleeName, combineVisitors, SignatureFlow, unwrapValue } from './shared/signature-flow';
import { NotificationAnalysis, NotificationFacts, SHAPE_HINT, type UnitFacts } from './shared/signature-gating';
import { GuardBuilder } from './shared/signature-guard';
import { HandlerFinder, type HandlerSite } from './shared/signature-handlers';
import { stringListOr } from './shared/options';

const NOTIFY_WORDS = new Set(['notify', 'notification', 'notifications', 'notif', 'ipn', 'webhook', 'webhooks', 'hook', 'hooks', 'callback', 'callbacks']);
/** NOTIFY_WORDS as substrings, for the pre-filter. */
const NOTIFY_HINT = /notif|ipn|hook|callback/i;
const PAYMENT_WORDS = new Set([
  'pay', 'payment', 'payments', 'paid', 'order', 'orders', 'trade', 'charge', 'charges', 'checkout', 'billing', 'invoice', 'invoices',
  'subscription', 'subscriptions', 'stripe', 'paypal', 'alipay', 'wechat', 'wechatpay', 'wxpay', 'codepay', 'adyen', 'razorpay',
  'braintree', 'square', 'mollie', 'klarna', 'ipn', 'refund', 'refunds', 'transaction', 'transactions', 'purchase', 'cashier', 'gateway',
]);
/** A `callback` route under these words is a sign-in redirect, not a payment notification. */
const AUTH_WORDS = new Set(['auth', 'oauth', 'oauth2', 'login', 'signin', 'sso', 'openid', 'oidc', 'saml', 'google', 'github', 'facebook', 'apple', 'microsoft', 'azure', 'okta', 'auth0', 'passport', 'logout']);
const PAYMENT_SDK = /^(?:stripe|alipay-sdk|wechatpay-node-v3|wechatpay-axios-plugin|@adyen\/|@paypal\/|paypal-rest-sdk|braintree|razorpay|square|@mollie\/|codepay)/;
/** Calls that take the signing secret, so an empty fallback there makes forgeries verify. */
const SECRET_TAKERS = new Set(['createHmac', 'createVerify', 'constructEvent', 'constructEventAsync', 'verify']);
/** Cheap gate: a file with none of these fragments has no notification handler to judge. */
const HANDLER_HINT = /\.(?:post|put|patch|get|all|route)\s*\(|@(?:Post|Put|Patch|Get|All)\s*\(|export\s/;

export default defineRule({
  meta: {
    id: 'unverified-payment-notification',
    description: 'Verify the provider signature before a payment notification changes an order',
    guideline: ['2.3b'],
    defaultSeverity: 'error',
    why: 'Notification URLs are public: without a signature check anyone can post a forged "payment succeeded" notification and get orders marked paid and goods shipped without paying.',
    howToFix: 'Verify the provider signature (HMAC/RSA over the raw body, stripe.webhooks.constructEvent, the SDK verify helper) first, and return or throw before any state change when it fails.',
    messages: {
      unverified: 'This payment notification handler {{action}} without verifying the provider signature, so anyone can forge a payment notification (guideline 2.3b).',
      ungated: 'This payment notification handler checks the signature with `{{verifier}}` but {{action}} even when the check fails; return or throw before any state change (guideline 2.3b).',
      swallowed: 'This payment notification handler catches the failure of `{{verifier}}` and carries on, so it {{action}} for forged notifications too; reject the request in the catch (guideline 2.3b).',
      emptySecret: 'The notification signature is checked with a secret that falls back to an empty string, so forged notifications verify whenever the variable is unset; fail at start-up instead (guideline 2.3b).',
    },
    fixes: { verifyGuard: 'unsafe' },
    defaultOptions: { verifiers: [] },
    optionsSchema: {
      type: 'object',
      properties: {
        verifiers: {
          type: 'array',
          items: { type: 'string' },
          description: 'Names of the team\'s own signature-verification functions or middleware (e.g. "checkCodePayNotify"); a call whose result gates the handler counts as verification.',
        },
      },
      additionalProperties: false,
    },
  },
  // create()'s gate, and what isNotificationHandler() needs before anything is reported: a notification word among the
  // route's and file's words (from the text and the path), or a provider notification's field or header (SHAPE_HINT).
  mayReport: (file) => !file.isTestFile && HANDLER_HINT.test(file.text)
    && (NOTIFY_HINT.test(file.text) || NOTIFY_HINT.test(file.path) || SHAPE_HINT.test(file.text)),
  create(context) {
    const { source } = context;
    // Handlers in tests are fakes of the provider or of the app; they never receive real notifications.
    if (source.isTestFile || !HANDLER_HINT.test(source.text)) return {};
    const verifiers = stringListOr(context.options.verifiers, []);
    const flow = SignatureFlow.of(context);
    const imports = ModuleImports.of(context);
    const facts = new NotificationFacts();
    const finder = new HandlerFinder(source, flow, verifiers, imports.specifiers);

    const isNotificationHandler = (site: HandlerSite, unit: UnitFacts, analysis: NotificationAnalysis): boolean => {
      const words = [...site.routeWords, ...site.fileWords];
      const shaped = analysis.shapesIn(site.fn).length > 0;
      if (!shaped && !words.some((w) => NOTIFY_WORDS.has(w))) return false;
      if (!shaped && (words.includes('callback') || words.includes('callbacks')) && words.some((w) => AUTH_WORDS.has(w))) return false;
      return shaped
        || words.some((w) => PAYMENT_WORDS.has(w))
        || imports.specifiers.some((s) => PAYMENT_SDK.test(s))
        || unit.effects.some((e) => e.paymentSpecific);
    };

    /** `secret || ''` / `?? ''` handed to a signature check, directly or through a variable. */
    const hasEmptySecret = (site: HandlerSite, unit: UnitFacts, analysis: NotificationAnalysis): boolean => {
      const isFallback = (node: AstNode): boolean => {
        const n = unwrapValue(node);
        if (n.type === 'LogicalExpression') return (n.operator === '||' || n.operator === '??') && n.right.type === 'Literal' && n.right.value === '' && /secret|key|token/i.test(source.getText(n.left));
        if (n.type !== 'Identifier') return false;
        return flow.resolve(n).some((b) => b.kind === 'value' && b.node.type === 'LogicalExpression' && isFallback(b.node));
      };
      const checks = analysis.callsIn(site.fn).filter((c) => {
        const name = calleeName(c);
        return !!name && (SECRET_TAKERS.has(name) || unit.verifications.some((v) => v.node === c));
      });
      return checks.some((c) => c.arguments.some((a) => a.type !== 'SpreadElement' && isFallback(a)));
    };

    return combineVisitors(finder.visitors, facts.visitors, {
      'Program:exit'() {
        const sites = finder.find();
        if (!sites.length) return;
        const analysis = new NotificationAnalysis(facts, flow, source, verifiers, sites.map((s) => s.fn));
        const guards = new GuardBuilder({ source, flow, imports, analysis, sites, verifiers, headerNames: facts.headerNames });
        for (const site of sites) {
          if (site.verifiedOutside) continue;
          const unit = analysis.analyze(site.fn);
          if (!unit.effects.length || !isNotificationHandler(site, unit, analysis)) continue;
          const at = { start: site.reportStart, end: site.reportEnd };
          // Once the handler checks the signature, a bare acknowledgement after the gated work is harmless (Adyen
          // wants `[accepted]` even for items it skipped); without any check, replying success is itself the defect.
          const ungated = unit.verifications.length ? unit.ungated.filter((e) => e.kind !== 'success') : unit.ungated;
          if (ungated.length) {
            const messageId = !unit.verifications.length ? 'unverified' : unit.swallowed ? 'swallowed' : 'ungated';
            const verifier = (unit.swallowed ?? unit.ignored ?? unit.verifications[0])?.name ?? '';
            const fix = guards.build(site, unit);
            context.report({
              ...at,
              messageId,
              data: { action: ungated[0].action, verifier },
              fixes: fix ? [fix] : [],
            });
          } else if (!unit.verifications.some((v) => v.kind === 'compare') && hasEmptySecret(site, unit, analysis)) {
            context.report({ ...at, messageId: 'emptySecret' });
          }
        }
      },
    });
  },
});
