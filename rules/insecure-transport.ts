// insecure-transport: plain-HTTP endpoints, TLS below 1.2 and switched-off certificate verification (guideline 2.2b).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type AstNode, type Severity, type TextChange } from '../server/src/engine';
import { assignedName, isNonValuePosition, lastSegmentName, memberPropertyName, propertyKeyName, valueHolder } from './shared/ast';
import { removeListItem, removeMember } from './shared/card-data-edits';
import { ConstantBindings, literalValue, type StaticValue } from './shared/transport-constants';
import { isIdentifierKey, scanTransportText, type TransportFixId, type TransportMessage, type TransportReport } from './shared/transport-text';
import {
  disablesVerification, findProtocolTokens, isMaximumSettingName, isProtocolSettingName, legacyLabels,
  LEGACY_SECURE_PROTOCOL, MAY_NAME_VERIFICATION_SETTING, mayContainProtocolToken, NODE_TLS_VARIABLE, raiseProtocolsEdit, VERIFY_NAME_HINT,
} from './shared/transport-tls';
import { HAS_HTTP_SCHEME, httpsEdits, isInsecureRemoteUrl, readHttpUrl, type HostPolicy, type HttpUrl } from './shared/transport-urls';

type Node = AstNode & { parent?: Node };
type Message = TransportMessage | 'oldTlsMax';
type Fix = { id: TransportFixId; title: string; changes: TextChange[] };

const FIX_TITLES: Record<TransportFixId, string> = {
  useHttps: 'Use HTTPS',
  requireTls12: 'Require TLS 1.2 or later',
  removeOptOut: 'Remove the verification opt-out',
};

const COMPARISON = new Set(['==', '===', '!=', '!==']);

/** Calls that read a URL-shaped string as text or as an XML namespace, never as a place to connect to. */
const NON_CONNECTING_CALLS = new Set([
  'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'replace', 'replaceAll', 'split', 'match', 'matchAll',
  'search', 'localeCompare', 'RegExp', 'createElementNS', 'setAttributeNS', 'getAttributeNS', 'hasAttributeNS',
  'removeAttributeNS', 'getElementsByTagNameNS', 'createAttributeNS', 'lookupPrefix', 'isDefaultNamespace', 'createDocument',
]);

const HOST_KEYS = new Set(['host', 'hostname']);

/** Keys that name a Node TLS setting, read before any other work on a property (visitors run on every keystroke). */
const OPTION_NAME_HINT = /version|protocol|tls|ssl|checkServerIdentity|NODE_TLS/i;
/** The pre-filter of text files, with HAS_HTTP_SCHEME and VERIFY_NAME_HINT: what scanTransportText looks for. */
const TRANSPORT_HINT = /version|protocol|tls|ssl|checkServerIdentity|CERT_NONE/i;
/**
 * The pre-filter of scripts, with HAS_HTTP_SCHEME, mayContainProtocolToken and MAY_NAME_VERIFICATION_SETTING: the
 * names of the other settings reported (`protocol: 'http'`, a no-op `checkServerIdentity`, the NODE_TLS variable), and
 * what the text checks of a script that does not parse report besides. Every old-TLS report names a version token
 * (`TLSv1`, `SSLv3_method`) in the setting's value or in the constant it reads, and every verification opt-out a
 * setting's name, written in the file.
 */
const SCRIPT_HINT = /NODE_TLS_REJECT_UNAUTHORIZED|checkServerIdentity|protocol|CERT_NONE|VERIFY_NONE/i;

/** `TLSv1_1_method` → `TLS 1.1`. */
function secureProtocolLabel(method: string): string {
  if (method.startsWith('SSLv')) return `SSL ${method[4]}.0`;
  return method.startsWith('TLSv1_1') ? 'TLS 1.1' : 'TLS 1.0';
}

/** A function that accepts every certificate's host name: empty body, or returning nothing, `undefined` or `null`. */
function isNoOpFunction(node: AstNode): boolean {
  if (node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression') return false;
  const { body } = node;
  const nothing = (e: AstNode | null | undefined) =>
    !e || (e.type === 'Identifier' && e.name === 'undefined') || (e.type === 'Literal' && e.value === null) ||
    (e.type === 'UnaryExpression' && e.operator === 'void');
  if (body.type !== 'BlockStatement') return nothing(body);
  return body.body.every((s) => s.type === 'ReturnStatement' && nothing(s.argument));
}

/** True where a URL-shaped string is used as an address: not compared, searched, a namespace, a key or a doc link. */
function isAddressPosition(node: AstNode): boolean {
  if (isNonValuePosition(node)) return false;
  const { holder, child } = valueHolder(node);
  if (holder) {
    switch (holder.type) {
      case 'BinaryExpression':
        if (COMPARISON.has(holder.operator)) return false;
        break;
      case 'SwitchCase':
      case 'TaggedTemplateExpression':
        return false;
      case 'CallExpression':
      case 'NewExpression': {
        const callee = lastSegmentName(holder.callee);
        if (holder.callee !== child && callee && NON_CONNECTING_CALLS.has(callee)) return false;
        break;
      }
      case 'JSXAttribute': {
        const { name } = holder;
        if (name.type === 'JSXNamespacedName' ? name.namespace.name === 'xmlns' : name.name === 'xmlns') return false;
        break;
      }
    }
  }
  const target = assignedName(node);
  return !(target && isIdentifierKey(target.name));
}

/** Where a statement can be deleted without leaving its parent invalid (a block or the program, not an `if` branch). */
function removableStatement(node: AstNode): AstNode | undefined {
  const statement = (node as Node).parent;
  if (statement?.type !== 'ExpressionStatement') return undefined;
  const owner = statement.parent?.type;
  return owner === 'Program' || owner === 'BlockStatement' || owner === 'StaticBlock' || owner === 'SwitchCase' ? statement : undefined;
}

export default defineRule({
  meta: {
    id: 'insecure-transport',
    description: 'Use HTTPS with TLS 1.2 or later and keep certificate verification on',
    guideline: ['2.2b'],
    defaultSeverity: 'error',
    why: 'Plain HTTP, TLS 1.0/1.1 and connections that skip certificate checks let anyone on the network path read or alter payment data, credentials and signed notifications, or pose as the gateway.',
    howToFix: 'Use https:// endpoints, set the minimum TLS version to 1.2, and trust the right certificate authority instead of turning verification off.',
    messages: {
      httpUrl: 'This URL uses plain HTTP, so payment data and credentials sent to it travel unencrypted and can be read or altered on the way; use HTTPS (guideline 2.2b).',
      httpOption: 'This option makes the client talk plain HTTP to a remote host, so everything it sends travels unencrypted; use HTTPS (guideline 2.2b).',
      oldTls: 'This setting allows {{protocols}}, older than TLS 1.2 and open to known downgrade and decryption attacks; require TLS 1.2 or later (guideline 2.2b).',
      oldTlsMax: 'This setting caps the protocol at {{protocols}}, so connections can never use TLS 1.2 or later; raise or remove the cap (guideline 2.2b).',
      noVerify: 'This option turns off TLS certificate verification, so anyone on the network path can pose as the server and read or change the traffic; remove it and trust the right CA instead (guideline 2.2b).',
      envNoVerify: 'Setting this variable to 0 turns off certificate verification for every TLS connection the Node.js process makes, so any server can be impersonated; remove it (guideline 2.2b).',
    },
    fixes: { useHttps: 'unsafe', requireTls12: 'unsafe', removeOptOut: 'unsafe' },
    defaultOptions: { allowedHosts: [], allowPrivateNetworks: true },
    optionsSchema: {
      type: 'object',
      properties: {
        allowedHosts: {
          type: 'array',
          items: { type: 'string' },
          description: 'Hosts your team accepts over plain HTTP, exact ("legacy-gw.acme.corp") or by suffix ("*.acme.corp").',
        },
        allowPrivateNetworks: {
          type: 'boolean',
          description: 'Accept plain HTTP to private addresses (10.x, 172.16-31.x, 192.168.x), single-label service names and intranet domains such as *.internal (default true).',
        },
      },
      additionalProperties: false,
    },
  },
  // Every report is a plain-HTTP URL (`http://`, JSON's `http:\/\/`), `NODE_TLS_REJECT_UNAUTHORIZED`, or a setting:
  // in scripts, one named in SCRIPT_HINT, a verification setting (MAY_NAME_VERIFICATION_SETTING) or one whose value
  // names an old version; text files are scanned for words of settings (VERIFY_NAME_HINT), `SSLv`, `TLS`, `CERT_NONE`.
  mayReport: (file) => !file.isFixture && (HAS_HTTP_SCHEME.test(file.text) || (file.kind === 'script'
    ? SCRIPT_HINT.test(file.text) || mayContainProtocolToken(file.text) || MAY_NAME_VERIFICATION_SETTING.test(file.text)
    : TRANSPORT_HINT.test(file.text) || VERIFY_NAME_HINT.test(file.text))),
  create(context) {
    const { source } = context;
    // Fixtures are canned data, never configuration that runs.
    if (source.isFixture) return {};
    const { text } = source;
    const policy: HostPolicy = {
      allowedHosts: Array.isArray(context.options.allowedHosts) ? context.options.allowedHosts.filter((h): h is string => typeof h === 'string') : [],
      allowPrivateNetworks: context.options.allowPrivateNetworks !== false,
    };
    // URLs in tests are mocks and fixtures; TLS opt-outs there (self-signed test servers) are reported one level lower.
    const checkUrls = !source.isTestFile;
    const severityCap: Severity | undefined = source.isTestFile ? 'warning' : undefined;
    const constants = new ConstantBindings();
    const deferred: Array<() => void> = [];

    const report = (messageId: Message, start: number, end: number, fingerprintKey: string, fix?: Omit<Fix, 'title'>, data?: Record<string, string>) => {
      context.report({
        start, end, messageId, data, fingerprintKey, severityCap: messageId === 'httpUrl' || messageId === 'httpOption' ? undefined : severityCap,
        fixes: fix ? [{ ...fix, title: FIX_TITLES[fix.id] }] : [],
      });
    };
    const reportText = (r: TransportReport) => report(r.messageId, r.start, r.end, r.fingerprintKey, r.fix, r.data);

    /** Reports a URL written out in a string whose raw text (between the quotes) starts at `rawStart`. */
    const checkUrlText = (node: AstNode, raw: string, rawStart: number) => {
      const url = readHttpUrl(raw, 0);
      if (!url || !isInsecureRemoteUrl(url, policy) || !isAddressPosition(node)) return;
      report('httpUrl', rawStart + url.start, rawStart + url.end, url.host, { id: 'useHttps', changes: httpsEdits(url, raw, rawStart) });
    };

    /** `http://${host}/…` and `'http://' + host`: the host comes from a constant, known once the file is read. */
    const checkSchemePlusConstant = (node: AstNode, schemeStart: number, hostNode: AstNode, rest: string, start: number, end: number) => {
      deferred.push(() => {
        const host = constants.resolve(hostNode);
        if (typeof host !== 'string') return;
        const url: HttpUrl | undefined = readHttpUrl(`http://${host}${rest}`, 0);
        if (!url || !isInsecureRemoteUrl(url, policy) || !isAddressPosition(node)) return;
        const scheme = text.slice(schemeStart, schemeStart + 4);
        report('httpUrl', start, end, url.host, {
          id: 'useHttps', changes: [{ start: schemeStart, end: schemeStart + 4, text: `${scheme}${scheme === 'HTTP' ? 'S' : 's'}` }],
        });
      });
    };

    /** Judges a TLS-related option: `name` set to `value` (already resolved) at `target` (a property or an assignment). */
    const judgeOption = (name: string, value: StaticValue, target: AstNode, valueNode: AstNode, removal: () => TextChange[] | undefined) => {
      const [start, end] = target.range;
      if (typeof value === 'boolean') {
        if (!disablesVerification(name, value)) return;
        const changes = removal();
        report('noVerify', start, end, name, changes ? { id: 'removeOptOut', changes } : undefined);
        return;
      }
      if (name === NODE_TLS_VARIABLE) {
        if (String(value) !== '0') return;
        const changes = removal();
        report('envNoVerify', start, end, name, changes ? { id: 'removeOptOut', changes } : undefined);
        return;
      }
      if (typeof value !== 'string') return;
      const literal = valueNode.type === 'Literal' ? valueNode : undefined;
      const quote = literal ? literal.raw[0] : "'";
      if (name === 'secureProtocol') {
        if (!LEGACY_SECURE_PROTOCOL.test(value)) return;
        let changes: TextChange[] | undefined;
        if (target.type === 'Property') {
          // Node refuses `secureProtocol` together with `minVersion`, so an existing sibling wins and this one goes.
          const object = (target as Node).parent!;
          const siblings = object.type === 'ObjectExpression' ? object.properties : [];
          const hasMinimum = siblings.some((p) => p.type === 'Property' && propertyKeyName(p) === 'minVersion');
          changes = hasMinimum ? removal() : [{ start, end, text: `minVersion: ${quote}TLSv1.2${quote}` }];
        }
        report('oldTls', start, end, name, changes ? { id: 'requireTls12', changes } : undefined, { protocols: secureProtocolLabel(value) });
        return;
      }
      if (!isProtocolSettingName(name)) return;
      const raw = literal ? literal.raw.slice(1, -1) : value;
      const tokens = findProtocolTokens(raw);
      const legacy = tokens.filter((t) => t.legacy);
      if (!legacy.length) return;
      const maximum = isMaximumSettingName(name);
      const edit = raiseProtocolsEdit(raw, tokens, maximum);
      let changes: TextChange[] | undefined;
      if (edit && literal) changes = [{ start: literal.range[0] + 1 + edit.start, end: literal.range[0] + 1 + edit.end, text: edit.text }];
      else if (edit) {
        const raised = raw.slice(0, edit.start) + edit.text + raw.slice(edit.end);
        changes = [{ start: valueNode.range[0], end: valueNode.range[1], text: `'${raised}'` }];
      }
      const messageId = maximum && !tokens.some((t) => !t.legacy) ? 'oldTlsMax' : 'oldTls';
      report(messageId, start, end, name, changes ? { id: 'requireTls12', changes } : undefined, { protocols: legacyLabels(legacy) });
    };

    /** Judges now, or once the file is read when the value is a constant declared elsewhere. */
    const judgeWhenKnown = (name: string, valueNode: AstNode, target: AstNode, removal: () => TextChange[] | undefined) => {
      const value = literalValue(valueNode);
      if (value !== undefined) judgeOption(name, value, target, valueNode, removal);
      else if (valueNode.type === 'Identifier') {
        deferred.push(() => {
          const resolved = constants.resolve(valueNode);
          if (resolved !== undefined) judgeOption(name, resolved, target, valueNode, removal);
        });
      }
    };

    /** `{ host: 'api.acme.com', protocol: 'http' }`: the client is told to speak plain HTTP to a remote host. */
    const checkProtocolOption = (property: TSESTree.Property, object: TSESTree.ObjectExpression) => {
      const value = property.value;
      const hostProperty = object.properties.find((p) => p.type === 'Property' && HOST_KEYS.has(propertyKeyName(p) ?? ''));
      const host = hostProperty?.type === 'Property' ? literalValue(hostProperty.value) : undefined;
      if (typeof host !== 'string') return;
      const url = readHttpUrl(`http://${host}`, 0);
      if (!url || !isInsecureRemoteUrl(url, policy)) return;
      report('httpOption', property.range[0], property.range[1], url.host, {
        id: 'useHttps', changes: [{ start: value.range[0] + 5, end: value.range[0] + 5, text: 's' }],
      });
    };

    return {
      VariableDeclarator(node: AstNode) {
        constants.record(node);
      },
      Literal(node: TSESTree.Literal) {
        if (typeof node.value !== 'string') return;
        const value = node.value;
        if (checkUrls && value.length >= 7 && /^http:\/\//i.test(value)) {
          const parent = (node as Node).parent;
          if (value.length === 7 && parent?.type === 'BinaryExpression' && parent.operator === '+' && parent.left === node && parent.right.type === 'Identifier') {
            checkSchemePlusConstant(parent, node.range[0] + 1, parent.right, '', node.range[0], parent.range[1]);
          } else {
            checkUrlText(node, node.raw.slice(1, -1), node.range[0] + 1);
          }
        }
        // A shell command line in a string: `execSync('NODE_TLS_REJECT_UNAUTHORIZED=0 node sync.js')`.
        if (value.includes(NODE_TLS_VARIABLE) && !isNonValuePosition(node)) {
          const raw = node.raw.slice(1, -1);
          for (const m of raw.matchAll(/\bNODE_TLS_REJECT_UNAUTHORIZED=0(?![\w.])([ \t]+)?/g)) {
            const start = node.range[0] + 1 + m.index!;
            const end = start + NODE_TLS_VARIABLE.length + 2;
            const removable = m[1] !== undefined && m.index! + m[0].length < raw.length;
            report('envNoVerify', start, end, NODE_TLS_VARIABLE, removable ? { id: 'removeOptOut', changes: [{ start, end: start + m[0].length, text: '' }] } : undefined);
          }
        }
      },
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        if (!checkUrls) return;
        const first = node.quasis[0];
        const raw = first.value.raw;
        if (raw.length < 7 || !/^http:\/\//i.test(raw)) return;
        const rawStart = node.range[0] + 1;
        if (node.expressions.length === 0) {
          checkUrlText(node, raw, rawStart);
          return;
        }
        if (raw.length === 7) {
          const next = node.quasis[1]?.value.raw ?? '';
          checkSchemePlusConstant(node, rawStart, node.expressions[0], next, rawStart, node.range[1] - 1);
          return;
        }
        // The host must be complete before the first `${…}`; `http://api.${domain}` names no host.
        const url = readHttpUrl(raw, 0);
        if (!url || url.end === raw.length && !/[/?#:]/.test(raw.slice(7))) return;
        if (!isInsecureRemoteUrl(url, policy) || !isAddressPosition(node)) return;
        report('httpUrl', rawStart, node.range[1] - 1, url.host, { id: 'useHttps', changes: httpsEdits(url, raw, rawStart) });
      },
      Property(node: TSESTree.Property) {
        const object = (node as Node).parent;
        if (object?.type !== 'ObjectExpression') return;
        const name = propertyKeyName(node);
        if (!name || !(VERIFY_NAME_HINT.test(name) || OPTION_NAME_HINT.test(name))) return;
        const removal = () => removeListItem(text, object.properties, object.properties.indexOf(node as TSESTree.ObjectLiteralElement), object);
        if (name === 'checkServerIdentity') {
          if (isNoOpFunction(node.value)) report('noVerify', node.range[0], node.range[1], name, { id: 'removeOptOut', changes: removal() });
          return;
        }
        if (name === 'protocol' && node.value.type === 'Literal' && (node.value.value === 'http' || node.value.value === 'http:')) {
          if (checkUrls) checkProtocolOption(node, object);
          return;
        }
        judgeWhenKnown(name, node.value, node, removal);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.operator !== '=' || node.left.type !== 'MemberExpression') return;
        const name = memberPropertyName(node.left);
        if (!name || !(VERIFY_NAME_HINT.test(name) || OPTION_NAME_HINT.test(name))) return;
        // Only `process.env.NODE_TLS_REJECT_UNAUTHORIZED` is the process-wide switch.
        if (name === NODE_TLS_VARIABLE && lastSegmentName(node.left.object) !== 'env') return;
        const removal = () => {
          const statement = removableStatement(node);
          return statement ? removeMember(text, statement) : undefined;
        };
        judgeWhenKnown(name, node.right, node, removal);
      },
      'Program:exit'() {
        for (const run of deferred) run();
      },
      text(file) {
        scanTransportText(file, policy, reportText);
      },
    };
  },
});
