// secret-in-client-code: calls that sign with a secret (HMAC, JWT, RSA, `md5(params + '&key=' + key)`) and their keys.
import type { AstNode } from '../../server/src/engine';
import { lastSegmentName, staticStringValue, parentOf } from './ast';
import { clientSecretKind } from './client-code-names';

type Call = Extract<AstNode, { type: 'CallExpression' }>;

/** A key a signing call uses, to be reported unless it was already reported where it came from. */
export interface SigningKey {
  /** The argument (or the part of the signed string) that is the key. */
  node: AstNode;
  /** The signing API as messages show it: `CryptoJS.HmacSHA256(…)`, `md5(…)`. */
  api: string;
}

/** Finds the local value behind an identifier (`const key = …`), or undefined; supplied by the rule at `Program:exit`. */
export type BindingLookup = (name: string) => AstNode | undefined;

const HMAC_FUNCTION = /^(?:Hmac(?:SHA|MD5|RIPEMD)\w*|hmac(?:SHA|Sha|MD5|Md5)\w*|createHmac)$/;
const HASH_OBJECT = /^(?:sha\d+|sha3_\d+|md5|keccak\d+)$/i;
const DIGEST_FUNCTION = /^(?:hex_|b64_)?(?:md5|sha(?:1|224|256|384|512|3))$/i;
const JWT_OWNER = /^(?:jwt|jsonwebtoken|JWT|jws|JWS)$/;
/** Text right before a value in a sign string that names it as the key: `…&key=`, `app_secret=`, `"signKey":`. */
const KEY_LABEL_BEFORE = /(?:^|[&?,;\s"'{])(?:key|secret|app_?secret|api_?secret|sign_?key|private_?key|api_?key|merchant_?key|mch_?key)["']?\s*[=:]\s*["']?$/i;

/** Strips what passes a value on unchanged: TS assertions, `Buffer.from(x)`, `enc.Utf8.parse(x)`, `encoder.encode(x)`, `String(x)`. */
export function unwrapKey(node: AstNode): AstNode {
  let n = node;
  for (let i = 0; i < 6; i++) {
    if (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSSatisfiesExpression') n = n.expression;
    else if (n.type === 'CallExpression' && n.arguments[0] && n.arguments[0].type !== 'SpreadElement' && /^(?:from|parse|encode|String|toString)$/.test(lastSegmentName(n.callee) ?? '')) n = n.arguments[0];
    else if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && lastSegmentName(n.callee) === 'toString' && n.arguments.length === 0) n = n.callee.object;
    else break;
  }
  return n;
}

/** The name that says what a key expression holds: `signKey`, `config.merchantKey` → `merchantKey`. */
export function keyNameOf(node: AstNode): string | undefined {
  const n = unwrapKey(node);
  return n.type === 'Identifier' || n.type === 'MemberExpression' ? lastSegmentName(n) : undefined;
}

function calleeLabel(call: Call, text: (node: AstNode) => string): string {
  const shown = text(call.callee);
  return `${shown.length <= 40 && !/[\s'"`(]/.test(shown) ? shown : lastSegmentName(call.callee) ?? 'call'}(…)`;
}

/** Calls down a method chain (`new SignJWT(c).setProtectedHeader(h).sign(k)`): the names of every call and `new`. */
function chainNames(call: Call): string[] {
  const names: string[] = [];
  let n: AstNode | undefined = call.callee.type === 'MemberExpression' ? call.callee.object : undefined;
  for (let i = 0; n && i < 12; i++) {
    if (n.type === 'CallExpression' || n.type === 'NewExpression') {
      names.push(lastSegmentName(n.callee) ?? '');
      n = n.callee.type === 'MemberExpression' ? n.callee.object : undefined;
    } else if (n.type === 'MemberExpression') n = n.object;
    else break;
  }
  return names;
}

function argumentAt(call: Call, index: number): AstNode | undefined {
  const arg = call.arguments[index];
  return arg && arg.type !== 'SpreadElement' ? arg : undefined;
}

/** Is this `subtle.importKey(format, keyData, { name: 'HMAC' } | 'HMAC', …)`? */
function importsHmacKey(call: Call): boolean {
  const algorithm = argumentAt(call, 2);
  if (!algorithm) return false;
  if (staticStringValue(algorithm)?.toUpperCase() === 'HMAC') return true;
  return algorithm.type === 'ObjectExpression' && algorithm.properties.some((p) =>
    p.type === 'Property' && lastSegmentName(p.key) === 'name' && staticStringValue(p.value)?.toUpperCase() === 'HMAC');
}

/** Keys that are secret because of the API that takes them: any HMAC key, a JWT signing secret, an RSA signing key. */
function keyByApi(call: Call): AstNode | undefined {
  const name = lastSegmentName(call.callee);
  if (!name) return undefined;
  const owner = call.callee.type === 'MemberExpression' ? lastSegmentName(call.callee.object) : undefined;
  if (HMAC_FUNCTION.test(name)) return argumentAt(call, 1);
  if (name === 'hmac' && owner && HASH_OBJECT.test(owner)) return argumentAt(call, 0);
  if (name === 'setHMACKey' || name === 'setPrivateKey') return argumentAt(call, 0);
  if (name === 'importKey' && owner === 'subtle' && importsHmacKey(call)) return argumentAt(call, 1);
  if (name === 'sign' || name === 'signSync') {
    if (owner && JWT_OWNER.test(owner)) return argumentAt(call, call.arguments.length >= 4 ? 3 : 1);
    const chain = chainNames(call);
    if (chain.includes('SignJWT') || chain.includes('createSign')) return argumentAt(call, 0);
    if (owner === 'crypto' && call.arguments.length >= 3) return argumentAt(call, 2);
  }
  return undefined;
}

/** `a + b`, a template with `${}`, `[…].join()`, `.concat()`: a string assembled from parts. */
function isStringBuilder(node: AstNode): boolean {
  if (node.type === 'BinaryExpression') return node.operator === '+';
  if (node.type === 'TemplateLiteral') return node.expressions.length > 0;
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const method = lastSegmentName(node.callee);
    return method === 'concat' || (method === 'join' && node.callee.object.type === 'ArrayExpression');
  }
  return false;
}

interface StringPart {
  node: AstNode;
  /** Fixed text right before this dynamic part, since the previous dynamic part. */
  before: string;
}

/** The dynamic parts of a string built with `+`, a template, `[…].join(sep)` or `.concat(…)`, following local constants. */
function stringParts(node: AstNode, lookup: BindingLookup, depth: number, out: StringPart[], pending: { text: string }): void {
  const fixed = staticStringValue(node);
  if (fixed !== undefined) {
    pending.text += fixed;
    return;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    stringParts(node.left, lookup, depth, out, pending);
    stringParts(node.right, lookup, depth, out, pending);
    return;
  }
  if (node.type === 'TemplateLiteral') {
    node.quasis.forEach((q, i) => {
      pending.text += q.value.cooked ?? q.value.raw;
      const e = node.expressions[i];
      if (e) stringParts(e, lookup, depth, out, pending);
    });
    return;
  }
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const method = lastSegmentName(node.callee);
    const target = node.callee.object;
    if (method === 'join' && target.type === 'ArrayExpression') {
      const sep = staticStringValue(argumentAt(node, 0)) ?? ',';
      target.elements.forEach((el, i) => {
        if (i > 0) pending.text += sep;
        if (el && el.type !== 'SpreadElement') stringParts(el, lookup, depth, out, pending);
      });
      return;
    }
    if (method === 'concat') {
      stringParts(target, lookup, depth, out, pending);
      for (const arg of node.arguments) if (arg.type !== 'SpreadElement') stringParts(arg, lookup, depth, out, pending);
      return;
    }
  }
  if (node.type === 'Identifier' && depth < 2) {
    const init = lookup(node.name);
    if (init && isStringBuilder(init)) {
      stringParts(init, lookup, depth + 1, out, pending);
      return;
    }
  }
  out.push({ node, before: pending.text });
  pending.text = '';
}

/** Sign-style digests: `md5(params + '&key=' + merchantKey)`, `createHash('md5').update(str + appSecret)`. */
function keysInSignString(call: Call, lookup: BindingLookup): AstNode[] {
  const name = lastSegmentName(call.callee) ?? '';
  let message: AstNode | undefined;
  let chained = false;
  if (DIGEST_FUNCTION.test(name)) message = argumentAt(call, 0);
  else if (name === 'update' && call.callee.type === 'MemberExpression') {
    const chain = chainNames(call);
    if (!chain.includes('createHash')) return [];
    message = argumentAt(call, 0);
    chained = chain.includes('update') || (parentOf(call)?.type === 'MemberExpression' && lastSegmentName(parentOf(parentOf(call)!) as AstNode) === 'update');
  } else if (name === 'digest' && call.arguments.length >= 2 && staticStringValue(argumentAt(call, 0)) !== undefined) {
    const data = argumentAt(call, 1);
    message = data ? unwrapKey(data) : undefined;
  }
  if (!message) return [];
  const parts: StringPart[] = [];
  const pending = { text: '' };
  stringParts(message, lookup, 0, parts, pending);
  const hasFixedText = parts.some((p) => p.before) || pending.text.length > 0;
  // A digest of the key alone is a fingerprint, not a signature; a signature mixes the key with the data.
  if (!chained && parts.length < 2 && !hasFixedText) return [];
  return parts
    .filter((p) => KEY_LABEL_BEFORE.test(p.before) || (keyNameOf(p.node) !== undefined && clientSecretKind(keyNameOf(p.node)!, 'signing') !== undefined))
    .map((p) => p.node);
}

/** Generic `.sign(…)` calls (RSA signers, SDK helpers): arguments whose name says they are a secret or private key. */
function keysByName(call: Call): AstNode[] {
  const name = lastSegmentName(call.callee);
  if (name !== 'sign' && name !== 'signSync') return [];
  return call.arguments.filter((arg) => {
    if (arg.type === 'SpreadElement') return false;
    const argName = keyNameOf(arg);
    const kind = argName ? clientSecretKind(argName, 'identifier') : undefined;
    return kind !== undefined;
  }) as AstNode[];
}

/** The secret keys a call signs with, if it is a signing call; empty otherwise. */
export function signingKeysOf(call: Call, lookup: BindingLookup, text: (node: AstNode) => string): SigningKey[] {
  const api = calleeLabel(call, text);
  const byApi = keyByApi(call);
  if (byApi) return [{ node: byApi, api }];
  const keys = [...keysInSignString(call, lookup), ...keysByName(call)];
  return keys.map((node) => ({ node, api }));
}

/** Cheap pre-check on a callee name before a call is kept for `Program:exit`. */
export function mightSign(call: Call): boolean {
  const name = lastSegmentName(call.callee);
  if (!name) return false;
  return HMAC_FUNCTION.test(name) || DIGEST_FUNCTION.test(name) || name === 'hmac' || name === 'update' || name === 'digest' ||
    name === 'sign' || name === 'signSync' || name === 'setHMACKey' || name === 'setPrivateKey' || name === 'importKey';
}
