// Edits that encrypt stored values: wrap a written value in the encrypt helper, add a transformer or setter to a field.
import type { AstNode, TextChange } from '../../server/src/engine';
import { isEncryptionName } from './unencrypted-names';

type Node = AstNode & { parent?: AstNode };

/** The encryption the quick fixes can use in this file, resolved once the whole file has been seen. */
export interface EncryptHelpers {
  /** A function that encrypts one value: `encryptField(value)`. */
  fn?: string;
  /** Its counterpart that decrypts, for field transformers and getters; only when known to exist. */
  decrypt?: string;
  /** A ready-made column transformer object (`encryptedColumn`), for TypeORM `transformer:`. */
  transformer?: string;
}

/** `encryptField` → `decryptField`, `crypto.encrypt` → `crypto.decrypt`; undefined when the name says no `encrypt`. */
export function decryptCounterpart(name: string): string | undefined {
  const swapped = name.replace(/encrypt/, 'decrypt').replace(/Encrypt/, 'Decrypt').replace(/ENCRYPT/, 'DECRYPT');
  return swapped === name ? undefined : swapped;
}

/** Transformer objects are named as columns or transformers (`encryptedColumn`), or used as one in this file. */
function isTransformerName(name: string, usedAsTransformer: ReadonlySet<string>): boolean {
  return usedAsTransformer.has(name) || /(?:column|transformer)$/i.test(name);
}

/**
 * The helpers a fix may use: the team's configured helper first, then encrypt-like names the file imports.
 * A decrypt counterpart counts when configured alongside, or imported into the file.
 */
export function resolveEncryptHelpers(
  configured: readonly string[], imported: readonly string[], importedAll: ReadonlySet<string>, usedAsTransformer: ReadonlySet<string>,
): EncryptHelpers {
  const candidates: Array<{ name: string; configured: boolean }> = [
    ...configured.slice(0, 1).map((name) => ({ name, configured: true })),
    // Classes (`EncryptionTransformer`) need construction, and Node's `publicEncrypt(key, data)` needs a key: neither
    // can wrap a value on its own.
    ...imported.filter((name) => isEncryptionName(name) && /^[a-z_$]/.test(name) && !/^(?:public|private)Encrypt$/.test(name))
      .map((name) => ({ name, configured: false })),
  ];
  const out: EncryptHelpers = {};
  for (const c of candidates) {
    if (isTransformerName(c.name, usedAsTransformer)) {
      out.transformer ??= c.name;
      continue;
    }
    if (out.fn) continue;
    out.fn = c.name;
    const decrypt = decryptCounterpart(c.name);
    if (decrypt && (c.configured || importedAll.has(decrypt))) out.decrypt = decrypt;
  }
  return out;
}

/**
 * Wraps each value in `fn(…)`: `{ cardNumber }` becomes `{ cardNumber: fn(cardNumber) }`. Values spread into an
 * object cannot be wrapped one by one, so then the whole written value is wrapped instead.
 */
export function wrapValues(text: string, values: readonly AstNode[], whole: AstNode | undefined, fn: string): TextChange[] | undefined {
  const outer = values.filter((v) => !values.some((o) => o !== v && o.range[0] <= v.range[0] && v.range[1] <= o.range[1]));
  const unwrappable = outer.some((v) => (v as Node).parent?.type === 'SpreadElement' || v.type === 'SequenceExpression');
  if (unwrappable) {
    return whole && whole.type !== 'SpreadElement' ? [{ start: whole.range[0], end: whole.range[1], text: `${fn}(${text.slice(whole.range[0], whole.range[1])})` }] : undefined;
  }
  const seen = new Set<number>();
  const changes: TextChange[] = [];
  for (const v of outer) {
    if (seen.has(v.range[0])) continue;
    seen.add(v.range[0]);
    const parent = (v as Node).parent;
    const source = text.slice(v.range[0], v.range[1]);
    if (parent?.type === 'Property' && parent.shorthand && parent.value === v) {
      changes.push({ start: parent.range[0], end: parent.range[1], text: `${source}: ${fn}(${source})` });
    } else {
      changes.push({ start: v.range[0], end: v.range[1], text: `${fn}(${source})` });
    }
  }
  return changes.length ? changes : undefined;
}

/** Adds `entries` (`transformer: x`) to an object literal, after its last property or into an empty `{}`. */
export function addToObject(object: AstNode, entries: string): TextChange[] | undefined {
  if (object.type !== 'ObjectExpression') return undefined;
  const last = object.properties[object.properties.length - 1];
  if (!last) return [{ start: object.range[0], end: object.range[1], text: `{ ${entries} }` }];
  return [{ start: last.range[1], end: last.range[1], text: `, ${entries}` }];
}

/**
 * Adds options to a decorator call: into its trailing options object (`@Column({ length: 34 })`), as a new options
 * argument (`@Column('varchar')`), or as the only argument (`@Column()`).
 */
export function addDecoratorOptions(text: string, call: AstNode, entries: string): TextChange[] | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const args = call.arguments;
  const last = args[args.length - 1];
  if (last?.type === 'ObjectExpression') return addToObject(last, entries);
  if (last) return [{ start: last.range[1], end: last.range[1], text: `, { ${entries} }` }];
  const open = text.indexOf('(', call.callee.range[1]);
  return open >= 0 && open < call.range[1] ? [{ start: open + 1, end: call.range[1] - 1, text: `{ ${entries} }` }] : undefined;
}

/**
 * Makes a schema field definition encrypt on write: replaces a bare type (`String`, `DataTypes.STRING`) with a
 * definition object, or adds the entries to the existing definition object.
 */
export function encryptDefinition(text: string, definition: AstNode, entries: string): TextChange[] | undefined {
  if (definition.type === 'ObjectExpression') return addToObject(definition, entries);
  if (definition.type === 'ArrayExpression') return undefined;
  const type = text.slice(definition.range[0], definition.range[1]);
  return [{ start: definition.range[0], end: definition.range[1], text: `{ type: ${type}, ${entries} }` }];
}
