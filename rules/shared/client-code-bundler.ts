// secret-in-client-code: bundler settings that inline server env variables into client bundles (Next `env`, `define`, DefinePlugin).
import { baseName, type AstNode } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue } from './ast';
import { clientSecretKind, exposedPrefixOf } from './client-code-names';

type ObjectNode = Extract<AstNode, { type: 'ObjectExpression' }>;

/** A setting that publishes a secret: where to report (the key or string naming it) and what it publishes. */
export interface PublishedSetting {
  node: AstNode;
  /** What is published, as messages say it: `a signing key`, `the whole server environment`. */
  what: string;
  /** The setting, as messages name it: `next.config env`, `define`, `DefinePlugin`, `EnvironmentPlugin`. */
  option: string;
  name: string;
}

const CONFIG_FILE = /^(?:next|vite|nuxt|astro|svelte|webpack|rollup|rsbuild|rspack|vue)\.config\.[cm]?[jt]s$/;

/** Cheap gate: only bundler config files and files that construct webpack's env plugins can hold such settings. */
export function mayConfigureBundler(path: string, text: string): boolean {
  return CONFIG_FILE.test(baseName(path)) || text.includes('DefinePlugin') || text.includes('EnvironmentPlugin');
}

function isWholeEnv(node: AstNode): boolean {
  if (node.type === 'CallExpression' && lastSegmentName(node.callee) === 'stringify' && node.arguments[0]) return isWholeEnv(node.arguments[0] as AstNode);
  return node.type === 'MemberExpression' && memberPropertyName(node) === 'env' && node.object.type === 'Identifier' && node.object.name === 'process';
}

/** `STRIPE_SECRET_KEY`, `process.env.STRIPE_SECRET_KEY`, `__APP_SECRET__` → the kind of secret the name says. */
function kindOfDefinedName(name: string, prefixes: readonly string[]): string | undefined {
  const last = name.slice(name.lastIndexOf('.') + 1).replace(/^_+|(?<!_)_+$/g, '');
  const exposed = exposedPrefixOf(last, prefixes);
  return clientSecretKind(exposed ? last.slice(exposed.prefix.length) : last);
}

function objectEntries(object: ObjectNode, option: string, prefixes: readonly string[], out: PublishedSetting[]): void {
  for (const p of object.properties) {
    if (p.type !== 'Property') continue;
    const name = propertyKeyName(p);
    if (name === undefined) continue;
    if (name === 'process.env' || isWholeEnv(p.value as AstNode)) {
      out.push({ node: p.key, what: 'the whole server environment', option, name });
      continue;
    }
    const kind = kindOfDefinedName(name, prefixes);
    if (kind) out.push({ node: p.key, what: `a ${kind}`, option, name });
  }
}

/** `env: {…}` in next.config, `define: {…}` in Vite/Nuxt/Astro configs. */
export function publishedByProperty(property: Extract<AstNode, { type: 'Property' }>, path: string, prefixes: readonly string[]): PublishedSetting[] {
  if (property.value.type !== 'ObjectExpression') return [];
  const key = propertyKeyName(property);
  const out: PublishedSetting[] = [];
  if (key === 'env' && /^next\.config\./.test(baseName(path))) objectEntries(property.value, 'next.config `env`', prefixes, out);
  else if (key === 'define' && CONFIG_FILE.test(baseName(path))) objectEntries(property.value, '`define`', prefixes, out);
  return out;
}

/** `new webpack.DefinePlugin({…})`, `new EnvironmentPlugin(['A', 'B'])` or `new EnvironmentPlugin({ A: default })`. */
export function publishedByPlugin(call: Extract<AstNode, { type: 'NewExpression' }>, prefixes: readonly string[]): PublishedSetting[] {
  const plugin = lastSegmentName(call.callee);
  const arg = call.arguments[0];
  if ((plugin !== 'DefinePlugin' && plugin !== 'EnvironmentPlugin') || !arg) return [];
  const out: PublishedSetting[] = [];
  if (arg.type === 'ObjectExpression') objectEntries(arg, plugin, prefixes, out);
  else if (arg.type === 'ArrayExpression' && plugin === 'EnvironmentPlugin') {
    for (const el of arg.elements) {
      const name = el && el.type !== 'SpreadElement' ? staticStringValue(el) : undefined;
      const kind = name ? kindOfDefinedName(name, prefixes) : undefined;
      if (el && name && kind) out.push({ node: el as AstNode, what: `a ${kind}`, option: plugin, name });
    }
  }
  return out;
}
