// unencrypted-sensitive-data: card numbers, bank accounts and national ids stored in plain columns, storage, cookies or caches (guideline 2.2a, 2.2c).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, extensionOf, type AstNode, type SourceFile, type TextChange } from '../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue, staticTextOf } from './shared/ast';
import { decodeStringNode } from './shared/card-data-edits';
import { identifierWords } from './shared/identifiers';
import {
  addDecoratorOptions, addToObject, encryptDefinition, resolveEncryptHelpers, wrapValues, type EncryptHelpers,
} from './shared/unencrypted-fixes';
import { SensitiveScopes, isStorableValue } from './shared/unencrypted-flow';
import {
  SENSITIVE_WORDING, isEncryptionName, mayNameSensitiveData, ownerContextOf, sensitiveKindInText, sensitiveKindOfName, type OwnerContext,
  type SensitiveKind,
} from './shared/unencrypted-names';
import { findSqlColumns } from './shared/unencrypted-sql';
import { stringList } from './shared/options';

type Node = AstNode & { parent?: AstNode };

/** Decorators that make a class property a persisted column: TypeORM, sequelize-typescript, MikroORM, Nest mongoose. */
const COLUMN_DECORATORS = new Set(['Column', 'PrimaryColumn', 'Property', 'Prop', 'Attribute']);
/** knex column builders: `table.string('iban')`. */
const KNEX_COLUMN_TYPES = new Set([
  'string', 'text', 'integer', 'bigInteger', 'bigint', 'decimal', 'json', 'jsonb', 'specificType', 'binary',
]);
const KNEX_TABLE_BUILDERS = new Set(['createTable', 'createTableIfNotExists', 'alterTable', 'table']);
/** Column types that hold bytes: where a sensitive column is binary it most likely holds ciphertext. */
const BINARY_TYPES = /^(?:bytea|blob|tinyblob|mediumblob|longblob|binary|varbinary|raw|image|buffer|bytes|uint8array)$/i;
/** Field types that store the value as readable text or numbers. */
const PLAIN_TYPES = /^(?:string|text|char|varchar|nvarchar|nchar|citext|tinytext|mediumtext|longtext|number|integer|int|bigint|biginteger|decimal|decimal128|numeric|float|double|real|json|jsonb|simple-json|mixed)$/i;

const STORAGE_ALIASES = /^(?:preferences|mmkv|storage)$/i;
const SECURE_STORAGE = /secure|encrypt|keychain|keystore/i;
const CACHE_OWNER = /redis|cache|memcache|keyv|upstash|^kv$/i;
const CACHE_METHODS = new Set(['set', 'setex', 'setnx', 'psetex', 'hset', 'hsetnx', 'hmset', 'mset', 'msetnx', 'lpush', 'rpush', 'sadd', 'zadd', 'append', 'put', 'add', 'setAsync']);
/** MongoDB driver writes and the argument holding the document. */
const MONGO_WRITES: Record<string, number> = {
  insertOne: 0, insertMany: 0, updateOne: 1, updateMany: 1, replaceOne: 1, findOneAndUpdate: 1, findOneAndReplace: 1,
};
/** Firestore modular writes: `setDoc(ref, data)`. */
const FIRESTORE_WRITES = new Set(['setDoc', 'addDoc', 'updateDoc']);
const DYNAMO_OWNER = /dynamo|docclient|documentclient/i;
const DYNAMO_COMMANDS = new Set(['PutCommand', 'PutItemCommand']);

type WriteMessage = 'storage' | 'cookie' | 'cache' | 'database';

interface PersistedSite {
  kind: SensitiveKind;
  name: string;
  start: number;
  end: number;
  messageId: 'modelField' | 'tableColumn';
  where: string;
  /** Model fields and the migration columns of the same file describe one defect: the model's finding stands. */
  role: 'model' | 'migration';
  /** A mongoose schema field: an encryption plugin on the schema covers it. */
  mongoose?: boolean;
  fix?: (helpers: EncryptHelpers) => { title: string; changes: TextChange[] } | undefined;
}

interface WriteSite {
  at: AstNode;
  messageId: WriteMessage;
  kind: SensitiveKind;
  target: string;
  values: AstNode[];
  whole?: AstNode;
}

const normalized = (name: string): string => identifierWords(name).join('');

/** Names along a callee chain: `chrome.storage.local.set` → set, local, storage, chrome. */
function chainNames(node: AstNode): string[] {
  const out: string[] = [];
  let n: AstNode | undefined = node;
  for (let i = 0; n && i < 12; i++) {
    if (n.type === 'MemberExpression') {
      const p = memberPropertyName(n);
      if (p) out.push(p);
      n = n.object;
    } else if (n.type === 'CallExpression') n = n.callee;
    else if (n.type === 'Identifier') { out.push(n.name); break; }
    else if (n.type === 'ChainExpression' || n.type === 'TSNonNullExpression' || n.type === 'AwaitExpression') n = n.type === 'AwaitExpression' ? n.argument : n.expression;
    else break;
  }
  return out;
}

function propertyValue(object: AstNode | undefined, key: string): AstNode | undefined {
  if (object?.type !== 'ObjectExpression') return undefined;
  for (const p of object.properties) if (p.type === 'Property' && propertyKeyName(p) === key) return p.value;
  return undefined;
}

/**
 * A record whose every field is in sight (`{ bankName, holder, bic }`, or that literal stringified): its fields were
 * checked one by one, so a sensitive-sounding key (`'bankAccount'`) alone does not make it the sensitive value.
 */
function isVisibleRecord(node: AstNode): boolean {
  const record = node.type === 'CallExpression' && lastSegmentName(node.callee) === 'stringify' ? (node.arguments[0] as AstNode | undefined) : node;
  return record?.type === 'ObjectExpression' && record.properties.length > 0 && record.properties.every((p) => p.type === 'Property');
}

/** The declared type of a field definition: `String`, `DataTypes.STRING(19)`, `'varchar'`, `[String]`, `{ type: … }`. */
function typeNameOf(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'CallExpression') return typeNameOf(node.callee);
  if (node.type === 'ArrayExpression') return node.elements[0] ? typeNameOf(node.elements[0]) : undefined;
  if (node.type === 'ObjectExpression') return typeNameOf(propertyValue(node, 'type'));
  return staticStringValue(node) ?? lastSegmentName(node);
}

/** True when a schema field definition stores readable text or numbers (not a reference, sub-document or bytes). */
function isPlainDefinition(definition: AstNode): boolean {
  if (definition.type === 'ObjectExpression' && (propertyValue(definition, 'ref') || !propertyValue(definition, 'type'))) return false;
  const type = typeNameOf(definition);
  return type !== undefined && PLAIN_TYPES.test(type);
}

export default defineRule({
  meta: {
    id: 'unencrypted-sensitive-data',
    description: 'Encrypt full card numbers, bank account numbers and national ids before they are stored',
    guideline: ['2.2a', '2.2c'],
    defaultSeverity: 'warning',
    why: 'A full card number, bank account number or national id kept in plain text is exposed to everyone who can read the database, a backup, a cache dump, the browser profile or the cookie jar; these are exactly what attackers look for, and card rules (PCI DSS 3.5) require the card number to be unreadable wherever it is stored.',
    howToFix: "Keep the provider's token and the last four digits instead; where the full value must be kept, encrypt it before storage (an encrypting column transformer or setter, or the team's encrypt helper around the written value) and never put it in browser storage or cookies.",
    messages: {
      modelField: 'This {{model}} field keeps {{what}} in plain text, readable by anyone with a copy of the database or its backups; encrypt it with a transformer or setter, or keep only a token and the last four digits (guideline 2.2c).',
      tableColumn: 'This {{where}} column keeps {{what}} in plain text, readable by anyone with a copy of the database or its backups; encrypt the value before it is stored, or keep only a token and the last four digits (guideline 2.2c).',
      storage: '{{kind}} is written to {{target}} in plain text, where any script on the page or anyone with the device can read it; encrypt or tokenise it, or do not keep it on the client (guideline 2.2a).',
      cookie: '{{kind}} is written to a cookie in plain text, which the browser keeps and sends with every request; encrypt or tokenise it, or keep it on the server (guideline 2.2a).',
      cache: '{{kind}} is written to {{target}} in plain text; values kept in caches and session stores must be encrypted or hashed (guideline 2.2c).',
      database: '{{kind}} is written to {{target}} in plain text; encrypt it before it is stored, or keep only a token and the last four digits (guideline 2.2c).',
    },
    fixes: { encryptValue: 'unsafe', encryptField: 'unsafe' },
    defaultOptions: { encryptHelpers: [] },
    optionsSchema: {
      type: 'object',
      properties: {
        encryptHelpers: {
          type: 'array',
          items: { type: 'string' },
          description: 'Names of the team\'s encrypt functions or column transformers (e.g. "encryptField", "crypto.seal", "encryptedColumn"). Values and fields that go through them count as encrypted; the first is used by the quick fix.',
        },
      },
      additionalProperties: false,
    },
  },
  // Every report is about a name, key, column or text part that sensitiveKindOfName() classifies.
  mayReport: (file) => !file.isFixture && !file.isTestFile && mayNameSensitiveData(file.text),
  create(context) {
    const { source } = context;
    // Sample card numbers and ids in tests and fixtures are fake by design.
    if (source.isFixture || source.isTestFile) return {};
    const text = source.text;
    const configured = stringList(context.options.encryptHelpers);
    const configuredLast = new Set(configured.map((n) => n.slice(n.lastIndexOf('.') + 1)));

    const isHelperCall = (callee: AstNode): boolean => {
      if (configured.length === 0) return false;
      const calleeText = source.getText(callee);
      return configured.some((n) => (n.includes('.') ? calleeText === n || calleeText.endsWith(`.${n}`) : lastSegmentName(callee) === n));
    };
    const isEncryptionIdentifier = (name: string): boolean => isEncryptionName(name) || configuredLast.has(name);

    /** Whether a small subtree (a field definition, decorator arguments) names an encrypt function or transformer. */
    const mentionsEncryption = (root: AstNode): boolean => {
      const stack: unknown[] = [root];
      for (let budget = 200; stack.length && budget > 0; budget--) {
        const n = stack.pop() as Record<string, unknown> & { type?: string };
        if (!n || typeof n !== 'object') continue;
        if ((n.type === 'Identifier' || n.type === 'PrivateIdentifier') && isEncryptionIdentifier(n.name as string)) return true;
        for (const [key, child] of Object.entries(n)) {
          if (key === 'parent' || key === 'range' || key === 'loc' || key === 'typeAnnotation') continue;
          if (Array.isArray(child)) for (const c of child) { if (c && typeof c === 'object') stack.push(c); }
          else if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') stack.push(child);
        }
      }
      return false;
    };

    const scopes = new SensitiveScopes(isHelperCall);
    const persisted: PersistedSite[] = [];
    const writes: WriteSite[] = [];
    /** Field names that code in this file encrypts itself: `this.iban = encrypt(this.iban)` in a save hook. */
    const encryptedByHooks = new Set<string>();
    /** mongoose encryption plugins: fields they cover, or all of the file's schema fields. */
    const pluginFields = new Set<string>();
    const pluginExcluded = new Set<string>();
    let pluginEncryptsAll = false;
    const importedEncryptNames: string[] = [];
    const importedAll = new Set<string>();
    const usedAsTransformer = new Set<string>();
    const collectionHandles = new Set<string>();
    /** Stores opened with an encryption key: `const storage = new MMKV({ encryptionKey })`. */
    const encryptedStores = new Set<string>();
    /** Model fields of this file that are encrypted: a migration column of the same name holds their ciphertext. */
    const encryptedModelFields = new Set<string>();
    let usesSequelizeTypescript = false;

    const recordImport = (local: string) => {
      importedAll.add(local);
      if (isEncryptionName(local)) importedEncryptNames.push(local);
    };

    // ---- writes: browser and device storage, cookies, caches, schemaless databases ----

    /**
     * Records a write when an argument carries sensitive data, or when a key names it (`setItem('iban', value)`,
     * `localStorage.iban = value`) and the value is neither a literal nor protected.
     */
    const addWrite = (at: AstNode, messageId: WriteMessage, target: string, args: readonly AstNode[], keyName?: string) => {
      for (const arg of args) {
        const carried = scopes.carried(arg);
        if (!carried.length) continue;
        writes.push({ at, messageId, target, kind: carried[0].kind, values: carried.map((c) => c.node), whole: arg });
        return;
      }
      const named = keyName ? sensitiveKindOfName(keyName) : undefined;
      const last = args[args.length - 1];
      if (named && last && isStorableValue(last) && !scopes.isProtected(last) && !isVisibleRecord(last)) {
        writes.push({ at, messageId, target, kind: named, values: [last], whole: last });
        return;
      }
      for (let i = 0; i < args.length; i++) {
        const kind = sensitiveKindInText(staticTextOf(args[i]));
        if (!kind) continue;
        // The value follows its key; later arguments are options (`{ httpOnly: true }`, `'EX'`).
        const value = args[i + 1];
        if (value && isStorableValue(value) && !scopes.isProtected(value) && !isVisibleRecord(value)) writes.push({ at, messageId, target, kind, values: [value], whole: value });
        return;
      }
    };

    /** `{ key: 'iban', value: iban }` (Capacitor Preferences) reads as key and value arguments. */
    const keyValueArgs = (args: readonly AstNode[]): AstNode[] => {
      const key = propertyValue(args[0], 'key');
      const value = propertyValue(args[0], 'value');
      return key && value ? [key, value] : [...args];
    };

    const isCollectionReference = (object: AstNode): boolean => {
      if (object.type === 'CallExpression') return /^(?:collection|doc)$/.test(lastSegmentName(object.callee) ?? '');
      const name = lastSegmentName(object);
      return name !== undefined && (collectionHandles.has(name) || /collection$/i.test(name));
    };

    const checkWriteCall = (call: TSESTree.CallExpression) => {
      const callee = call.callee.type === 'Identifier' ? call.callee.name : lastSegmentName(call.callee);
      if (!callee) return;
      const member = call.callee.type === 'MemberExpression' ? call.callee : undefined;
      const owner = member ? lastSegmentName(member.object) : undefined;
      const args = call.arguments as AstNode[];
      if (args.length === 0) return;

      if (member && (callee === 'setItem' || callee === 'multiSet')) {
        // Expo SecureStore, react-native-encrypted-storage and keychains encrypt what they keep.
        if (SECURE_STORAGE.test(owner ?? '') || encryptedStores.has(owner ?? '')) return;
        const target = owner === 'localStorage' || owner === 'sessionStorage' ? owner : 'device storage';
        addWrite(call.callee, 'storage', target, args);
        return;
      }
      if (member && callee === 'set' && (STORAGE_ALIASES.test(owner ?? '') || chainNames(call.callee).includes('storage'))) {
        if (SECURE_STORAGE.test(owner ?? '') || encryptedStores.has(owner ?? '')) return;
        addWrite(call.callee, 'storage', 'device storage', keyValueArgs(args));
        return;
      }
      const setCookieHeader = (callee === 'setHeader' || callee === 'header' || callee === 'set' || callee === 'append') &&
        /^set-cookie$/i.test(staticStringValue(args[0]) ?? '');
      if ((member && callee === 'cookie') || callee === 'setCookie' || (callee === 'set' && /cookie/i.test(owner ?? '')) || setCookieHeader) {
        addWrite(call.callee, 'cookie', 'a cookie', setCookieHeader ? args.slice(1) : args);
        return;
      }
      if (owner && CACHE_METHODS.has(callee) && CACHE_OWNER.test(owner)) {
        addWrite(call.callee, 'cache', 'a cache', args);
        return;
      }
      if (member && callee in MONGO_WRITES && isCollectionReference(member.object)) {
        const data = args[MONGO_WRITES[callee]];
        if (data) addWrite(call.callee, 'database', 'the database', [data]);
        return;
      }
      if (!member && FIRESTORE_WRITES.has(callee) && args[1]) {
        addWrite(call.callee, 'database', 'the database', [args[1]]);
        return;
      }
      // Firestore: `add` on a collection reference, `set`/`update` on a document reference.
      const reference = member?.object.type === 'CallExpression' ? lastSegmentName(member.object.callee) : undefined;
      if (member && ((callee === 'add' && isCollectionReference(member.object)) || ((callee === 'set' || callee === 'update') && reference === 'doc'))) {
        addWrite(call.callee, 'database', 'the database', [args[0]]);
        return;
      }
      if (member && (callee === 'put' || callee === 'putItem') && DYNAMO_OWNER.test(owner ?? '')) {
        const item = propertyValue(args[0], 'Item');
        if (item) addWrite(call.callee, 'database', 'the database', [item]);
      }
    };

    // ---- persisted fields: ORM models, migrations, SQL ----

    const checkKnexColumn = (call: TSESTree.CallExpression, method: string, object: AstNode) => {
      const nameArg = call.arguments[0] as AstNode | undefined;
      const name = staticStringValue(nameArg);
      if (!name || !nameArg || object.type !== 'Identifier' || method === 'binary') return;
      if (method === 'specificType' && BINARY_TYPES.test(staticStringValue(call.arguments[1] as AstNode) ?? '')) return;
      let fn: Node | undefined = (call as Node).parent;
      for (let i = 0; fn && i < 16 && fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression'; i++) fn = fn.parent;
      if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return;
      const param = fn.params[0];
      const builder = fn.parent;
      if (param?.type !== 'Identifier' || param.name !== object.name || builder?.type !== 'CallExpression') return;
      if (!KNEX_TABLE_BUILDERS.has(lastSegmentName(builder.callee) ?? '')) return;
      const kind = sensitiveKindOfName(name, ownerContextOf(staticStringValue(builder.arguments[0] as AstNode)));
      if (kind) persisted.push({ kind, name, start: nameArg.range[0], end: nameArg.range[1], messageId: 'tableColumn', where: 'knex migration', role: 'migration' });
    };

    /** Fix for a schema key: a mongoose setter (and getter), a Sequelize setter, an EntitySchema transformer. */
    const definitionFix = (style: 'mongoose' | 'sequelize' | 'entitySchema', name: string, definition: AstNode): PersistedSite['fix'] => (helpers) => {
      if (definition.type === 'ObjectExpression' && (propertyValue(definition, 'set') || propertyValue(definition, 'transformer'))) return undefined;
      if (style === 'entitySchema') {
        const transformer = helpers.transformer ?? (helpers.fn && helpers.decrypt ? `{ to: ${helpers.fn}, from: ${helpers.decrypt} }` : undefined);
        const changes = transformer ? addToObject(definition, `transformer: ${transformer}`) : undefined;
        return changes && { title: `Encrypt this column with ${helpers.transformer ?? helpers.fn}`, changes };
      }
      if (!helpers.fn) return undefined;
      const quoted = `'${name.replace(/['\\]/g, '\\$&')}'`;
      const entries = style === 'mongoose'
        ? `set: ${helpers.fn}${helpers.decrypt ? `, get: ${helpers.decrypt}` : ''}`
        : `set(value) { this.setDataValue(${quoted}, ${helpers.fn}(value)); }${helpers.decrypt ? `, get() { return ${helpers.decrypt}(this.getDataValue(${quoted})); }` : ''}`;
      const changes = encryptDefinition(text, definition, entries);
      return changes && { title: `Encrypt this field with ${helpers.fn}()`, changes };
    };

    /** A key of an object literal that defines a persisted model or table: mongoose, Sequelize, TypeORM EntitySchema. */
    const checkModelProperty = (prop: TSESTree.Property, name: string) => {
      const object = prop.parent as Node;
      if (object?.type !== 'ObjectExpression') return;
      // Climb nested paths (`card: { number: String }`) to the call that receives the definition.
      const path: string[] = [];
      let top: Node = object;
      for (let i = 0; i < 8; i++) {
        let parent = top.parent as Node | undefined;
        if (parent?.type === 'ArrayExpression') { top = parent; parent = parent.parent as Node | undefined; }
        if (parent?.type !== 'Property' || parent.value !== top || parent.parent?.type !== 'ObjectExpression') break;
        path.unshift(propertyKeyName(parent) ?? '');
        top = parent.parent as Node;
      }
      const call = top.parent as Node | undefined;
      if (call?.type !== 'CallExpression' && call?.type !== 'NewExpression') return;
      const callee = lastSegmentName(call.callee) ?? '';
      const index = call.arguments.indexOf(top as TSESTree.CallExpressionArgument);
      let where: string | undefined;
      let owner: string | undefined;
      let role: PersistedSite['role'] = 'model';
      let style: 'mongoose' | 'sequelize' | 'entitySchema' | undefined;
      const declared = (call.parent as Node | undefined)?.type === 'VariableDeclarator' ? ((call.parent as TSESTree.VariableDeclarator).id as AstNode) : undefined;
      if ((callee === 'Schema' && index === 0) || (callee === 'add' && index === 0 && call.callee.type === 'MemberExpression' && /schema/i.test(lastSegmentName(call.callee.object) ?? ''))) {
        where = 'mongoose schema';
        style = 'mongoose';
        owner = declared?.type === 'Identifier' ? declared.name : undefined;
      } else if (path.length === 0 && callee === 'define' && index === 1 && staticStringValue(call.arguments[0] as AstNode) !== undefined) {
        where = 'Sequelize model';
        style = 'sequelize';
        owner = staticStringValue(call.arguments[0] as AstNode);
      } else if (path.length === 0 && callee === 'init' && index === 0 && call.arguments[1]?.type === 'ObjectExpression' && call.callee.type === 'MemberExpression') {
        where = 'Sequelize model';
        style = 'sequelize';
        owner = lastSegmentName(call.callee.object);
      } else if (callee === 'EntitySchema' && index === 0 && path.length === 1 && path[0] === 'columns') {
        where = 'TypeORM entity schema';
        style = 'entitySchema';
        owner = staticStringValue(propertyValue(top, 'name'));
      } else if (path.length === 0 && callee === 'createTable' && index === 1) {
        where = 'migration';
        role = 'migration';
        owner = staticStringValue(call.arguments[0] as AstNode);
      }
      if (!where) return;
      const context: OwnerContext = ownerContextOf(path[path.length - 1]) ?? ownerContextOf(owner);
      const kind = sensitiveKindOfName(name, context);
      const definition = prop.value as AstNode;
      if (!kind || !isPlainDefinition(definition)) return;
      if (mentionsEncryption(definition)) {
        if (role === 'model') encryptedModelFields.add(normalized(name));
        return;
      }
      persisted.push({
        kind, name, start: prop.key.range[0], end: prop.key.range[1], role, where,
        messageId: role === 'model' ? 'modelField' : 'tableColumn',
        mongoose: style === 'mongoose',
        fix: style && !prop.shorthand ? definitionFix(style, name, definition) : undefined,
      });
    };

    /** `{ name: 'iban', type: 'varchar' }` in a TypeORM migration's `new Table({ columns })` or `new TableColumn(…)`. */
    const checkTypeormColumnName = (prop: TSESTree.Property, name: string) => {
      const object = prop.parent as Node;
      if (object?.type !== 'ObjectExpression') return;
      const type = staticStringValue(propertyValue(object, 'type'));
      if (type && BINARY_TYPES.test(type)) return;
      const holder = object.parent as Node | undefined;
      let table: string | undefined;
      if (holder?.type === 'NewExpression' && lastSegmentName(holder.callee) === 'TableColumn') table = '';
      else {
        const columns = holder?.type === 'ArrayExpression' ? (holder.parent as Node | undefined) : undefined;
        const tableCall = columns?.type === 'Property' && propertyKeyName(columns) === 'columns' ? (columns.parent as Node | undefined)?.parent : undefined;
        if (tableCall?.type !== 'NewExpression' || lastSegmentName(tableCall.callee) !== 'Table') return;
        table = staticStringValue(propertyValue(columns!.parent as AstNode, 'name')) ?? '';
      }
      const kind = sensitiveKindOfName(name, ownerContextOf(table));
      if (kind) persisted.push({ kind, name, start: prop.value.range[0], end: prop.value.range[1], messageId: 'tableColumn', where: 'TypeORM migration', role: 'migration' });
    };

    /** `CREATE TABLE` / `ALTER TABLE … ADD` inside strings: TypeORM-generated migrations, `knex.raw`, `db.exec`. */
    const checkSqlString = (node: AstNode) => {
      const decoded = decodeStringNode(node);
      if (!decoded) return;
      for (const site of sqlSites(decoded.text)) {
        persisted.push({ ...site, start: decoded.offsets[site.start], end: decoded.offsets[site.end] });
      }
    };

    /** A decorated class property: `@Column() cardNumber!: string` (TypeORM), `@Prop() iban` (Nest), `@Property()`. */
    const checkDecoratedProperty = (node: TSESTree.PropertyDefinition) => {
      if (!node.decorators?.length) return;
      const name = propertyKeyName(node);
      if (!name) return;
      const column = node.decorators.find((d) => {
        const e = d.expression;
        return COLUMN_DECORATORS.has((e.type === 'CallExpression' ? lastSegmentName(e.callee) : lastSegmentName(e)) ?? '');
      });
      if (!column) return;
      const cls = (node.parent as Node | undefined)?.parent;
      const className = cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression') ? cls.id?.name : undefined;
      const kind = sensitiveKindOfName(name, ownerContextOf(className));
      if (!kind) return;
      const call = column.expression.type === 'CallExpression' ? column.expression : undefined;
      const args = (call?.arguments ?? []) as AstNode[];
      if (node.decorators.some((d) => d !== column && mentionsEncryption(d.expression)) || args.some((a) => mentionsEncryption(a))) {
        encryptedModelFields.add(normalized(name));
        return;
      }
      // `@Column(() => Address)` embeds another entity; `@Prop({ type: Types.ObjectId, ref })` points at one.
      if (args[0]?.type === 'ArrowFunctionExpression' || args.some((a) => propertyValue(a, 'ref'))) return;
      const declaredType = args.map((a) => staticStringValue(a) ?? typeNameOf(propertyValue(a, 'type'))).find((t) => t !== undefined);
      const annotation = node.typeAnnotation?.typeAnnotation;
      const annotated = annotation?.type === 'TSTypeReference' ? lastSegmentName(annotation.typeName as AstNode) : undefined;
      if ((declaredType && BINARY_TYPES.test(declaredType)) || (annotated && BINARY_TYPES.test(annotated))) return;
      const decorator = call ? lastSegmentName(call.callee) : undefined;
      const where = decorator === 'Prop' ? 'Nest mongoose schema' : decorator === 'Property' ? 'MikroORM entity' : 'ORM entity';
      persisted.push({
        kind, name, start: node.key.range[0], end: node.key.range[1], messageId: 'modelField', where, role: 'model',
        mongoose: decorator === 'Prop',
        fix: call ? (helpers) => {
          if (args.some((a) => propertyValue(a, 'transformer') || propertyValue(a, 'set'))) return undefined;
          if (decorator === 'Prop') {
            if (!helpers.fn) return undefined;
            const changes = addDecoratorOptions(text, call, `set: ${helpers.fn}${helpers.decrypt ? `, get: ${helpers.decrypt}` : ''}`);
            return changes && { title: `Encrypt this field with ${helpers.fn}()`, changes };
          }
          if (decorator !== 'Column' && decorator !== 'PrimaryColumn') return undefined;
          if (usesSequelizeTypescript) return undefined;
          const transformer = helpers.transformer ?? (helpers.fn && helpers.decrypt ? `{ to: ${helpers.fn}, from: ${helpers.decrypt} }` : undefined);
          const changes = transformer ? addDecoratorOptions(text, call, `transformer: ${transformer}`) : undefined;
          return changes && { title: `Encrypt this column with ${helpers.transformer ?? helpers.fn}`, changes };
        } : undefined,
      });
    };

    const report = () => {
      const helpers = resolveEncryptHelpers(configured, importedEncryptNames, importedAll, usedAsTransformer);
      const encrypted = (site: PersistedSite) => {
        const key = normalized(site.name);
        if (encryptedByHooks.has(key)) return true;
        if (!site.mongoose) return false;
        return pluginFields.has(key) || (pluginEncryptsAll && !pluginExcluded.has(key));
      };
      const modelNames = new Set([...encryptedModelFields, ...persisted.filter((s) => s.role === 'model').map((m) => normalized(m.name))]);
      for (const site of persisted) {
        if (encrypted(site) || (site.role === 'migration' && modelNames.has(normalized(site.name)))) continue;
        const fix = site.fix?.(helpers);
        context.report({
          start: site.start, end: site.end, messageId: site.messageId,
          data: { model: site.where, where: site.where, what: SENSITIVE_WORDING[site.kind].what },
          fixes: fix ? [{ id: 'encryptField', ...fix }] : [],
          fingerprintKey: site.name,
        });
      }
      for (const w of writes) {
        const changes = helpers.fn ? wrapValues(text, w.values, w.whole, helpers.fn) : undefined;
        context.report({
          node: w.at, messageId: w.messageId,
          data: { kind: SENSITIVE_WORDING[w.kind].kind, target: w.target },
          fixes: changes ? [{ id: 'encryptValue', title: `Encrypt the value with ${helpers.fn}()`, changes }] : [],
          fingerprintKey: `${w.messageId}:${w.kind}`,
        });
      }
    };

    const enterFunction = () => scopes.enterFunction();
    const exitFunction = () => scopes.exitFunction();

    return {
      FunctionDeclaration: enterFunction,
      'FunctionDeclaration:exit': exitFunction,
      FunctionExpression: enterFunction,
      'FunctionExpression:exit': exitFunction,
      ArrowFunctionExpression: enterFunction,
      'ArrowFunctionExpression:exit': exitFunction,
      ImportDeclaration(node: TSESTree.ImportDeclaration) {
        if (node.source.value === 'sequelize-typescript') usesSequelizeTypescript = true;
        for (const s of node.specifiers) recordImport(s.local.name);
      },
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        const init = node.init;
        if (node.id.type === 'ObjectPattern' && init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require') {
          for (const p of node.id.properties) if (p.type === 'Property' && p.value.type === 'Identifier') recordImport(p.value.name);
          return;
        }
        if (node.id.type === 'Identifier' && init?.type === 'CallExpression' && lastSegmentName(init.callee) === 'collection') collectionHandles.add(node.id.name);
        if (node.id.type === 'Identifier' && (init?.type === 'NewExpression' || init?.type === 'CallExpression') &&
          propertyValue(init.arguments[0] as AstNode | undefined, 'encryptionKey')) encryptedStores.add(node.id.name);
        scopes.bind(node.id, init);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        const left = node.left;
        if (left.type === 'Identifier' || left.type === 'ObjectPattern') {
          scopes.bind(left, node.right);
          return;
        }
        if (left.type !== 'MemberExpression') return;
        const prop = memberPropertyName(left);
        const owner = lastSegmentName(left.object);
        if (owner === 'localStorage' || owner === 'sessionStorage') {
          addWrite(left, 'storage', owner, [node.right], prop);
          return;
        }
        if (prop === 'cookie' && owner === 'document') {
          addWrite(left, 'cookie', 'a cookie', [node.right]);
          return;
        }
        const kind = prop ? sensitiveKindOfName(prop, ownerContextOf(owner)) : undefined;
        if (owner === 'session') {
          const carried = scopes.carried(node.right);
          const reported = carried[0]?.kind ?? (kind && isStorableValue(node.right) && !scopes.isProtected(node.right) ? kind : undefined);
          if (reported) writes.push({ at: left, messageId: 'cache', target: 'the session store', kind: reported, values: carried.length ? carried.map((c) => c.node) : [node.right], whole: node.right });
          return;
        }
        if (!kind || !prop) return;
        // `this.iban = encrypt(this.iban)` in a save hook encrypts the field; `order.iban = dto.iban` carries it on.
        if (scopes.isProtected(node.right)) encryptedByHooks.add(normalized(prop));
        else if (left.object.type === 'Identifier' && isStorableValue(node.right)) scopes.bindMember(left.object.name, kind);
      },
      CallExpression(node: TSESTree.CallExpression) {
        const callee = lastSegmentName(node.callee);
        if (!callee) return;
        if (callee === 'plugin' && node.callee.type === 'MemberExpression') {
          const plugin = node.arguments[0] as AstNode | undefined;
          const options = node.arguments[1] as AstNode | undefined;
          const listed = ['fields', 'encryptedFields', 'encryptFields'].map((k) => propertyValue(options, k)).find((v) => v?.type === 'ArrayExpression');
          if (!(plugin && mentionsEncryption(plugin)) && !listed) return;
          if (listed?.type === 'ArrayExpression') {
            for (const e of listed.elements) { const s = staticStringValue(e as AstNode); if (s) pluginFields.add(normalized(s)); }
          } else {
            pluginEncryptsAll = true;
            const excluded = propertyValue(options, 'excludeFromEncryption');
            if (excluded?.type === 'ArrayExpression') for (const e of excluded.elements) { const s = staticStringValue(e as AstNode); if (s) pluginExcluded.add(normalized(s)); }
          }
          return;
        }
        if (KNEX_COLUMN_TYPES.has(callee) && node.callee.type === 'MemberExpression') {
          checkKnexColumn(node, callee, node.callee.object);
          return;
        }
        if (callee === 'addColumn' && node.callee.type === 'MemberExpression') {
          const nameArg = node.arguments[1] as AstNode | undefined;
          const name = staticStringValue(nameArg);
          const definition = node.arguments[2] as AstNode | undefined;
          const kind = name ? sensitiveKindOfName(name, ownerContextOf(staticStringValue(node.arguments[0] as AstNode))) : undefined;
          if (kind && name && nameArg && definition && isPlainDefinition(definition) && !mentionsEncryption(definition)) {
            persisted.push({ kind, name, start: nameArg.range[0], end: nameArg.range[1], messageId: 'tableColumn', where: 'migration', role: 'migration' });
          }
          return;
        }
        checkWriteCall(node);
      },
      NewExpression(node: TSESTree.NewExpression) {
        if (!DYNAMO_COMMANDS.has(lastSegmentName(node.callee) ?? '')) return;
        const item = propertyValue(node.arguments[0] as AstNode | undefined, 'Item');
        if (item) addWrite(node.callee, 'database', 'the database', [item]);
      },
      Property(node: TSESTree.Property) {
        const name = propertyKeyName(node);
        if (!name) return;
        if (name === 'transformer' && node.value.type === 'Identifier') usedAsTransformer.add(node.value.name);
        if (name === 'name') {
          const value = staticStringValue(node.value);
          if (value && sensitiveKindOfName(value, 'card')) checkTypeormColumnName(node, value);
          return;
        }
        // Bare `number` / `account` count inside a card or bank model; the context is checked on the way up.
        if (sensitiveKindOfName(name, 'card') || name === 'account') checkModelProperty(node, name);
      },
      PropertyDefinition: checkDecoratedProperty,
      Literal(node: TSESTree.Literal) {
        if (typeof node.value === 'string' && node.value.length > 20 && /\btable\b/i.test(node.value)) checkSqlString(node);
      },
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        if (node.quasis.some((q) => /\btable\b/i.test(q.value.raw))) checkSqlString(node);
      },
      'Program:exit': report,
      text(file: SourceFile) {
        if (file.kind !== 'text') return;
        for (const site of textFileSites(file)) persisted.push(site);
        report();
      },
    };
  },
});

/** Sensitive columns of SQL DDL, skipping binary columns and those whose comment says they hold ciphertext. */
function sqlSites(sql: string): PersistedSite[] {
  const out: PersistedSite[] = [];
  for (const column of findSqlColumns(sql)) {
    const kind = sensitiveKindOfName(column.name, ownerContextOf(column.table));
    if (!kind || BINARY_TYPES.test(column.type) || /\b(?:encrypt|cipher)/i.test(column.comment)) continue;
    out.push({ kind, name: column.name, start: column.start, end: column.end, messageId: 'tableColumn', where: 'SQL table', role: 'migration' });
  }
  return out;
}

const SQL_EXTENSIONS = new Set(['sql', 'ddl', 'pgsql', 'psql', 'mysql']);
const SQL_LANGUAGES = new Set(['sql', 'pgsql', 'mysql', 'postgres', 'plsql', 'tsql']);
const PRISMA_BLOCK = /^\s*model\s+([A-Za-z_]\w*)\s*\{/;
const PRISMA_FIELD = /^(\s*)([A-Za-z_]\w*)\s+([A-Za-z_]\w*)(\[\])?\??/;
const PRISMA_PLAIN_TYPES = new Set(['String', 'Int', 'BigInt', 'Decimal', 'Json']);

/** `/// … @encrypted` on a line, by two searches: `/\/\/\/.*@encrypted/` retries from every `/` of a long `////…` run. */
function hasEncryptedMarker(line: string): boolean {
  const comment = line.indexOf('///');
  return comment >= 0 && line.includes('@encrypted', comment + 3);
}

/** Prisma model fields (unless marked `/// @encrypted`) and SQL DDL columns in text files. */
function textFileSites(file: SourceFile): PersistedSite[] {
  const ext = extensionOf(file.path);
  if (SQL_EXTENSIONS.has(ext) || SQL_LANGUAGES.has(file.languageId)) return sqlSites(file.text);
  if (ext !== 'prisma' && file.languageId !== 'prisma') return [];
  const out: PersistedSite[] = [];
  let model: string | undefined;
  let at = 0;
  for (const line of file.text.split('\n')) {
    const lineStart = at;
    at += line.length + 1;
    const block = PRISMA_BLOCK.exec(line);
    if (block) { model = block[1]; continue; }
    if (!model) continue;
    if (/^\s*\}/.test(line)) { model = undefined; continue; }
    const field = PRISMA_FIELD.exec(line);
    // prisma-field-encryption marks encrypted fields with a `/// @encrypted` comment.
    if (!field || !PRISMA_PLAIN_TYPES.has(field[3]) || hasEncryptedMarker(line)) continue;
    const mapped = /@map\(\s*"([^"]+)"\s*\)/.exec(line)?.[1];
    const context = ownerContextOf(model);
    const kind = sensitiveKindOfName(field[2], context) ?? (mapped ? sensitiveKindOfName(mapped, context) : undefined);
    if (!kind) continue;
    const start = lineStart + field[1].length;
    out.push({ kind, name: field[2], start, end: start + field[2].length, messageId: 'modelField', where: 'Prisma model', role: 'model' });
  }
  return out;
}
