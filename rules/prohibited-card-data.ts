// prohibited-card-data: CVV/CVC, track data and PIN blocks kept in models, storage, caches, logs or own backends (guideline 2.2a).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, extensionOf, type AstNode, type SourceFile, type TextChange } from '../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue, staticTextOf } from './shared/ast';
import { decodeStringNode, removeListItem, removeMember, statementOfCall, lineStartOf, nextLineStartOf } from './shared/card-data-edits';
import { CardDataScopes, carriesAValue } from './shared/card-data-flow';
import { CARD_DATA_WORDING, cardDataKindInText, cardDataKindOfName, isCardName, mayNameCardData, type CardDataKind } from './shared/card-data-names';
import { cardDataWrittenBySql, findCardDataColumns } from './shared/card-data-sql';
import { identifierWords } from './shared/identifiers';

type Node = AstNode & { parent?: AstNode };
type Call = TSESTree.CallExpression | TSESTree.NewExpression;

/** Decorators that make a class property a persisted column: TypeORM/sequelize-typescript, MikroORM, Nest mongoose. */
const COLUMN_DECORATORS = new Set(['Column', 'PrimaryColumn', 'ViewColumn', 'Property', 'Prop', 'Attribute']);
/** knex column builders: `table.string('cvv')`. */
const KNEX_COLUMN_TYPES = new Set([
  'string', 'text', 'integer', 'bigInteger', 'bigint', 'tinyint', 'smallint', 'mediumint', 'float', 'double', 'decimal',
  'boolean', 'date', 'datetime', 'time', 'timestamp', 'binary', 'enu', 'enum', 'json', 'jsonb', 'uuid', 'specificType',
]);
const KNEX_TABLE_BUILDERS = new Set(['createTable', 'createTableIfNotExists', 'alterTable', 'table']);

const LOG_METHODS = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'notice', 'critical', 'dir', 'table']);
const LOGGER_OWNER = /^(?:console|log|logger|winston|pino|bunyan|log4js|signale|consola|\w*logger)$/i;
const STORAGE_OWNER = /^(?:local|sync|session|storage|mmkv|preferences)$/i;
const CACHE_OWNER = /redis|cache|memcache|keyv|upstash|^kv$/i;
const CACHE_METHODS = new Set(['set', 'setex', 'setnx', 'psetex', 'hset', 'hsetnx', 'hmset', 'mset', 'msetnx', 'lpush', 'rpush', 'sadd', 'zadd', 'append', 'put', 'add', 'setAsync']);
const DB_METHODS = new Set([
  'insert', 'insertOne', 'insertMany', 'create', 'createMany', 'bulkCreate', 'save', 'update', 'updateOne', 'updateMany',
  'upsert', 'findOneAndUpdate', 'findByIdAndUpdate', 'findOneAndReplace', 'replaceOne', 'persist', 'persistAndFlush',
  'insertAndFetch', 'insertGraph', 'putItem',
]);
/** `add`/`put`/`set` write records only on these: Firestore collections and docs, DynamoDB clients, IndexedDB stores. */
const RECORD_OWNER = /(?:collection|table|db|dynamo|docclient|objectstore|firestore|doc)$/i;
/** In-memory objects whose `update`/`create`/`save` are not persistence: form libraries, component state, built-ins. */
const IN_MEMORY_OWNER = /^(?:form|formik|state|draft|values|inputs?|fields|vm|object|map|set|weakmap|react|document|window|history|router|store|reducer|signal|cart)$/i;
const QUERY_METHODS = new Set([
  'query', 'execute', 'exec', 'run', 'raw', 'none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any', 'result', 'prepare',
  '$executeRaw', '$executeRawUnsafe', '$queryRaw', 'unsafe',
]);
const HTTP_METHODS = new Set(['post', 'put', 'patch']);
const HTTP_OWNER = /^(?:axios|api|http|request|ky|got|superagent|fetcher|backend|\$|jquery|instance|\$fetch|ofetch)$|(?:api|client|http|service)$/i;
const FETCH_CALLEES = new Set(['fetch', '$fetch', 'ofetch', 'useFetch']);
/** Payment providers, their SDK handles and tokenization endpoints: card data sent here is what the guideline wants. */
const PROVIDER = /stripe|codepay|braintree|adyen|paypal|square|razorpay|alipay|wechat|wxpay|mollie|klarna|worldpay|cybersource|authorizenet|cko|elements|hostedfields|gateway|psp|acquirer|tokeni[sz]|vault|vgs/i;

const SINK_NAMES = new Set<string>([
  ...LOG_METHODS, ...CACHE_METHODS, ...DB_METHODS, ...QUERY_METHODS, ...HTTP_METHODS, ...FETCH_CALLEES, ...KNEX_COLUMN_TYPES,
  'setItem', 'setItemAsync', 'multiSet', 'cookie', 'setCookie', 'setHeader', 'header', 'ajax', 'sendBeacon', 'send',
  'request', 'mutate', 'axios', 'addColumn', 'values',
]);

interface PersistedSite {
  kind: CardDataKind;
  name: string;
  start: number;
  end: number;
  messageId: 'modelField' | 'tableColumn';
  where: string;
  removal?: TextChange[];
  /** Model fields take matching migration columns of the same file with them; migration columns may be taken. */
  role: 'model' | 'migration';
}

const normalizedName = (name: string): string => identifierWords(name).join('');

/** Names along a callee chain: `this.stripe.tokens.create` → this, stripe, tokens, create. */
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
    else if (n.type === 'ThisExpression') { out.push('this'); break; }
    else if (n.type === 'ChainExpression' || n.type === 'TSNonNullExpression') n = n.expression;
    else break;
  }
  return out;
}

const isProviderChain = (callee: AstNode): boolean => chainNames(callee).some((name) => PROVIDER.test(name));

/** Whether a request URL goes to a payment provider (tokenization) rather than the merchant's own backend. */
function isProviderUrl(url: AstNode | undefined): boolean {
  if (!url) return false;
  const text = staticStringValue(url);
  const firstPart = text ?? (url.type === 'TemplateLiteral' ? url.quasis[0].value.cooked ?? '' : undefined);
  if (firstPart !== undefined && firstPart !== '') {
    const absolute = /^(?:https?:)?\/\/([^/?#]+)/i.exec(firstPart);
    return absolute ? PROVIDER.test(absolute[1]) : false;
  }
  // `${CODEPAY_API}/tokens`, `stripeTokenUrl`: a dynamic URL is judged by the names it is built from.
  if (url.type === 'TemplateLiteral') return url.expressions.some((e) => chainNames(e).some((n) => PROVIDER.test(n))) || url.quasis.some((q) => PROVIDER.test(q.value.raw));
  return chainNames(url).some((n) => PROVIDER.test(n));
}

/** A property of an object literal by key. */
function propertyValue(object: AstNode | undefined, key: string): AstNode | undefined {
  if (object?.type !== 'ObjectExpression') return undefined;
  for (const p of object.properties) if (p.type === 'Property' && propertyKeyName(p) === key) return p.value;
  return undefined;
}

const storageLabel = (owner: string | undefined): string =>
  owner === 'localStorage' || owner === 'sessionStorage' ? owner : 'device storage';

export default defineRule({
  meta: {
    id: 'prohibited-card-data',
    description: 'Never capture or keep card security codes, magnetic-stripe track data or PIN blocks',
    guideline: ['2.2a'],
    defaultSeverity: 'error',
    why: 'Card schemes forbid keeping the security code, track data and PIN blocks after authorisation, even encrypted; whoever steals them can clone cards or pay as the cardholder, and holding them puts the merchant in breach.',
    howToFix: "Collect card details in the provider's hosted fields or tokenization SDK, keep only the token and the last four digits, and remove the field, column, write or log line.",
    messages: {
      modelField: 'This {{model}} field stores {{what}}, which must never be kept after authorisation, not even encrypted (guideline 2.2a).',
      tableColumn: 'This {{where}} column stores {{what}}, which must never be kept after authorisation, not even encrypted (guideline 2.2a).',
      stored: '{{kind}} is written to {{target}}; it must never be stored after authorisation, not even encrypted or briefly (guideline 2.2a).',
      logged: '{{kind}} is written to a log, which stores it where many people can read it; leave it out of the log call (guideline 2.2a).',
      sent: "{{kind}} is sent to the merchant's own backend; send card details straight to the provider's tokenization so your systems never capture them (guideline 2.2a).",
    },
    fixes: { removeField: 'unsafe', removeColumn: 'unsafe' },
  },
  // Every report names card data: a name, key, column or text part that cardDataKindOfName classifies (see
  // mayNameCardData), read as written or with its escapes decoded.
  mayReport: (file) => !file.isFixture && !file.isTestFile && mayNameCardData(file.text),
  create(context) {
    const { source } = context;
    // Sandbox card data in tests and fixtures is fake by design.
    if (source.isFixture || source.isTestFile) return {};
    const text = source.text;
    const scopes = new CardDataScopes();
    const persisted: PersistedSite[] = [];

    const reportWrite = (at: AstNode, messageId: 'stored' | 'logged' | 'sent', kind: CardDataKind, target?: string) => {
      context.report({
        start: at.range[0],
        end: at.range[1],
        messageId,
        data: { kind: CARD_DATA_WORDING[kind].kind, target: target ?? '' },
        fingerprintKey: messageId,
      });
    };

    /** The first card data any of the nodes carries. */
    const carried = (...nodes: Array<AstNode | undefined | null>): CardDataKind | undefined => {
      for (const n of nodes) {
        const kind = n ? scopes.carriedBy(n) : undefined;
        if (kind) return kind;
      }
      return undefined;
    };
    /** Card data named by static key arguments (`'cvv'`, `` `cvv:${id}` ``) or carried by any argument. */
    const keyedOrCarried = (args: readonly AstNode[]): CardDataKind | undefined => {
      for (const a of args) {
        const kind = cardDataKindInText(staticTextOf(a));
        if (kind) return kind;
      }
      return carried(...args);
    };

    const checkNetwork = (call: Call, callee: string, owner: string | undefined): boolean => {
      let url: AstNode | undefined;
      let data: AstNode | undefined;
      const [a0, a1] = call.arguments;
      if (FETCH_CALLEES.has(callee) && (!owner || owner === 'window' || owner === 'globalThis')) {
        url = a0;
        data = propertyValue(a1, 'body') ?? propertyValue(a1, 'json');
      } else if (HTTP_METHODS.has(callee) && owner && HTTP_OWNER.test(owner)) {
        url = a0;
        data = a1;
      } else if ((callee === 'axios' && !owner) || ((callee === 'request' || callee === 'ajax') && owner && HTTP_OWNER.test(owner))) {
        const config = a0?.type === 'ObjectExpression' ? a0 : a1;
        url = a0?.type === 'ObjectExpression' ? propertyValue(a0, 'url') : a0;
        data = propertyValue(config, 'data') ?? propertyValue(config, 'body') ?? propertyValue(config, 'json');
      } else if (callee === 'sendBeacon') {
        url = a0;
        data = a1;
      } else if (callee === 'mutate' && owner) {
        data = propertyValue(a0, 'variables');
      } else if (callee === 'send' && call.callee.type === 'MemberExpression') {
        const object = call.callee.object;
        // `xhr.send(body)`, superagent's `request.post(url).send(body)`.
        if (object.type === 'CallExpression' && HTTP_METHODS.has(lastSegmentName(object.callee) ?? '')) url = object.arguments[0];
        else if (!/^(?:xhr|xmlhttp)/i.test(owner ?? '')) return false;
        data = a0;
      } else return false;
      if (!data) return true;
      const kind = carried(data);
      if (kind && !isProviderUrl(url) && !isProviderChain(call.callee)) reportWrite(call.callee, 'sent', kind);
      return true;
    };

    const checkCall = (call: TSESTree.CallExpression) => {
      const callee = call.callee.type === 'Identifier' ? call.callee.name : lastSegmentName(call.callee);
      if (!callee || !SINK_NAMES.has(callee)) return;
      const member = call.callee.type === 'MemberExpression' ? call.callee : undefined;
      const owner = member ? lastSegmentName(member.object) : undefined;
      const args = call.arguments as AstNode[];

      if (KNEX_COLUMN_TYPES.has(callee) && member) checkKnexColumn(call, member.object, args[0]);
      if (callee === 'addColumn' && member) {
        const name = staticStringValue(args[1]);
        const kind = name ? cardDataKindOfName(name, isCardName(staticStringValue(args[0]))) : undefined;
        if (kind && name) persisted.push({ kind, name, start: args[1].range[0], end: args[1].range[1], messageId: 'tableColumn', where: 'migration', removal: statementRemoval(call), role: 'migration' });
        return;
      }

      if (owner && LOG_METHODS.has(callee) && LOGGER_OWNER.test(owner)) {
        const kind = carried(...args);
        if (kind) reportWrite(call.callee, 'logged', kind);
        return;
      }
      if (member && (callee === 'setItem' || callee === 'setItemAsync' || callee === 'multiSet' || (callee === 'set' && STORAGE_OWNER.test(owner ?? '')))) {
        const kind = keyedOrCarried(args);
        if (kind) reportWrite(call.callee, 'stored', kind, storageLabel(owner));
        return;
      }
      const setCookieHeader = (callee === 'setHeader' || callee === 'header' || callee === 'set' || callee === 'append') && /^set-cookie$/i.test(staticStringValue(args[0]) ?? '');
      if ((member && callee === 'cookie') || callee === 'setCookie' || (callee === 'set' && /cookie/i.test(owner ?? '')) || setCookieHeader) {
        const kind = keyedOrCarried(setCookieHeader ? args.slice(1) : args);
        if (kind) reportWrite(call.callee, 'stored', kind, 'a cookie');
        return;
      }
      if (owner && CACHE_METHODS.has(callee) && (CACHE_OWNER.test(owner) || /^session$/i.test(owner))) {
        const kind = keyedOrCarried(args);
        if (kind) reportWrite(call.callee, 'stored', kind, CACHE_OWNER.test(owner) ? 'a cache' : 'the session store');
        return;
      }
      if (QUERY_METHODS.has(callee) && args[0]) {
        const kind = cardDataWrittenBySql(staticTextOf(args[0]));
        if (kind) reportWrite(call.callee, 'stored', kind, 'the database');
        return;
      }
      if (checkNetwork(call, callee, owner)) return;
      const writesRecords = DB_METHODS.has(callee) || ((callee === 'add' || callee === 'put' || callee === 'set') && RECORD_OWNER.test(owner ?? '')) ||
        (callee === 'values' && chainNames(call.callee).some((n) => n === 'insertInto' || n === 'updateTable'));
      if (member && writesRecords && !IN_MEMORY_OWNER.test(owner ?? '') && !isProviderChain(call.callee)) {
        // `Order.create({ cvv })`, `db.insert({ cvv })`, and `order.save()` on an entity built from card data.
        const kind = carried(...args) ?? (member.object.type === 'Identifier' || member.object.type === 'NewExpression' ? carried(member.object) : undefined);
        if (kind) reportWrite(call.callee, 'stored', kind, 'the database');
        return;
      }
      if ((callee === 'append' || callee === 'set') && member?.object.type === 'Identifier' && args[1] && carriesAValue(args[1])) {
        // `formData.append('cvv', cvv)`: the form data now carries the code to a later `fetch(…, { body: formData })`.
        const kind = cardDataKindInText(staticStringValue(args[0]) ?? '');
        if (kind) scopes.set(member.object.name, kind);
      }
    };

    /** `table.string('cvv')` inside `knex.schema.createTable('payments', (table) => { … })`. */
    const checkKnexColumn = (call: AstNode, object: AstNode, nameArg: AstNode | undefined) => {
      const name = staticStringValue(nameArg);
      if (!name || object.type !== 'Identifier' || !cardDataKindOfName(name, true)) return;
      let fn: Node | undefined = (call as Node).parent;
      for (let i = 0; fn && i < 16 && fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression'; i++) fn = fn.parent;
      if (!fn || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return;
      const param = fn.params[0];
      const builder = fn.parent;
      if (param?.type !== 'Identifier' || param.name !== object.name || builder?.type !== 'CallExpression') return;
      if (!KNEX_TABLE_BUILDERS.has(lastSegmentName(builder.callee) ?? '')) return;
      const kind = cardDataKindOfName(name, isCardName(staticStringValue(builder.arguments[0])));
      if (kind) persisted.push({ kind, name, start: call.range[0], end: call.range[1], messageId: 'tableColumn', where: 'knex migration', removal: statementRemoval(call), role: 'migration' });
    };

    const statementRemoval = (call: AstNode): TextChange[] | undefined => {
      const statement = statementOfCall(call);
      return statement ? removeMember(text, statement) : undefined;
    };

    /** A key of an object literal that defines a persisted model or table: mongoose, Sequelize, TypeORM EntitySchema. */
    const checkModelProperty = (prop: TSESTree.Property, name: string) => {
      const object = prop.parent as Node;
      if (object?.type !== 'ObjectExpression') return;
      // Climb nested definitions (`card: { cvv: String }`, `[{ cvv: String }]`) to the call that receives them.
      const path: string[] = [];
      let top: Node = object;
      let cardContext = false;
      for (let i = 0; i < 8; i++) {
        let parent = top.parent as Node | undefined;
        if (parent?.type === 'ArrayExpression') { top = parent; parent = parent.parent as Node | undefined; }
        if (parent?.type !== 'Property' || parent.value !== top || parent.parent?.type !== 'ObjectExpression') break;
        const key = propertyKeyName(parent) ?? '';
        path.unshift(key);
        cardContext ||= isCardName(key);
        top = parent.parent as Node;
      }
      const call = top.parent as Node | undefined;
      if (call?.type !== 'CallExpression' && call?.type !== 'NewExpression') return;
      const callee = lastSegmentName(call.callee) ?? '';
      const index = call.arguments.indexOf(top as Call['arguments'][number]);
      let model: string | undefined;
      let role: PersistedSite['role'] = 'model';
      if (callee === 'Schema' && index === 0) model = 'mongoose schema';
      else if (callee === 'add' && index === 0 && call.callee.type === 'MemberExpression' && /schema/i.test(lastSegmentName(call.callee.object) ?? '')) model = 'mongoose schema';
      else if (path.length === 0 && callee === 'define' && index === 1 && staticStringValue(call.arguments[0]) !== undefined) {
        model = 'Sequelize model';
        cardContext ||= isCardName(staticStringValue(call.arguments[0]));
      } else if (path.length === 0 && callee === 'init' && index === 0 && call.arguments[1]?.type === 'ObjectExpression') model = 'Sequelize model';
      else if (callee === 'EntitySchema' && index === 0 && path.length === 1 && path[0] === 'columns') model = 'TypeORM entity schema';
      else if (path.length === 0 && callee === 'createTable' && index === 1) {
        model = 'migration';
        role = 'migration';
        cardContext ||= isCardName(staticStringValue(call.arguments[0]));
      }
      if (!model) return;
      const kind = cardDataKindOfName(name, cardContext);
      if (!kind) return;
      persisted.push({
        kind, name, start: prop.key.range[0], end: prop.key.range[1], role,
        messageId: role === 'model' ? 'modelField' : 'tableColumn',
        where: model,
        removal: removeListItem(text, object.properties, object.properties.indexOf(prop as TSESTree.ObjectLiteralElement), object),
      });
    };

    /** `{ name: 'cvv', type: 'varchar' }` in the `columns` of a TypeORM migration's `new Table(…)` or a `new TableColumn(…)`. */
    const checkTypeormColumnName = (prop: TSESTree.Property, name: string) => {
      const object = prop.parent as Node;
      if (object?.type !== 'ObjectExpression') return;
      const holder = object.parent as Node | undefined;
      if (holder?.type === 'NewExpression' && lastSegmentName(holder.callee) === 'TableColumn') {
        const kind = cardDataKindOfName(name);
        if (kind) persisted.push({ kind, name, start: prop.value.range[0], end: prop.value.range[1], messageId: 'tableColumn', where: 'TypeORM migration', role: 'migration' });
        return;
      }
      const columns = holder?.type === 'ArrayExpression' ? (holder.parent as Node | undefined) : undefined;
      const table = columns?.type === 'Property' && propertyKeyName(columns) === 'columns' ? (columns.parent as Node | undefined)?.parent : undefined;
      if (table?.type !== 'NewExpression' || lastSegmentName(table.callee) !== 'Table' || holder?.type !== 'ArrayExpression') return;
      const tableName = staticStringValue(propertyValue(columns!.parent as AstNode, 'name'));
      const kind = cardDataKindOfName(name, isCardName(tableName));
      if (!kind) return;
      const elements = holder.elements.filter((e): e is NonNullable<typeof e> => e !== null);
      persisted.push({
        kind, name, start: prop.value.range[0], end: prop.value.range[1], messageId: 'tableColumn', where: 'TypeORM migration', role: 'migration',
        removal: elements.length === holder.elements.length ? removeListItem(text, elements, elements.indexOf(object as (typeof elements)[number]), holder) : undefined,
      });
    };

    /** Column definitions in SQL strings: TypeORM-generated migrations, `knex.raw`, `db.exec` of DDL. */
    const checkSqlString = (node: AstNode) => {
      const decoded = decodeStringNode(node);
      if (!decoded) return;
      for (const column of findCardDataColumns(decoded.text)) {
        const at = (offset: number) => decoded.offsets[offset];
        const removal = column.removal?.map((c) => ({ start: at(c.start), end: at(c.end), text: '' }));
        const cutsHole = removal?.some((c) => decoded.holes.some(([s, e]) => c.start < e && s < c.end));
        persisted.push({
          kind: column.kind, name: column.name, start: at(column.start), end: at(column.end), messageId: 'tableColumn',
          where: 'SQL table', role: 'migration', removal: cutsHole ? undefined : removal,
        });
      }
    };

    const reportPersisted = () => {
      const taken = new Set<PersistedSite>();
      const models = persisted.filter((s) => s.role === 'model');
      for (const model of models) {
        const migrations = persisted.filter((s) => s.role === 'migration' && s.removal && !taken.has(s) && normalizedName(s.name) === normalizedName(model.name));
        for (const m of migrations) taken.add(m);
        const changes = [...(model.removal ?? []), ...migrations.flatMap((m) => m.removal!)];
        context.report({
          start: model.start, end: model.end, messageId: 'modelField',
          data: { model: model.where, what: CARD_DATA_WORDING[model.kind].what },
          fixes: changes.length ? [{ id: 'removeField', title: migrations.length ? 'Remove this field from the model and its migration' : 'Remove this field from the model', changes }] : [],
          fingerprintKey: model.name,
        });
      }
      for (const site of persisted) {
        if (site.role !== 'migration' || taken.has(site)) continue;
        context.report({
          start: site.start, end: site.end, messageId: 'tableColumn',
          data: { where: site.where, what: CARD_DATA_WORDING[site.kind].what },
          fixes: site.removal ? [{ id: 'removeColumn', title: 'Remove this column', changes: site.removal }] : [],
          fingerprintKey: site.name,
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
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        scopes.bind(node.id, node.init);
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
        const propKind = prop ? cardDataKindOfName(prop, isCardName(owner)) : undefined;
        const storesOnAssignment = owner === 'localStorage' || owner === 'sessionStorage' || owner === 'session' || (prop === 'cookie' && owner === 'document');
        if (!storesOnAssignment && !propKind) return;
        const valueKind = scopes.carriedBy(node.right);
        if (owner === 'localStorage' || owner === 'sessionStorage') {
          const kind = valueKind ?? propKind;
          if (kind) reportWrite(left, 'stored', kind, owner);
        } else if (prop === 'cookie' && owner === 'document') {
          const kind = valueKind ?? cardDataKindInText(staticTextOf(node.right));
          if (kind) reportWrite(left, 'stored', kind, 'a cookie');
        } else if (owner === 'session') {
          const kind = valueKind ?? (propKind && node.right.type !== 'Literal' && !(node.right.type === 'Identifier' && node.right.name === 'undefined') ? propKind : undefined);
          if (kind) reportWrite(left, 'stored', kind, 'the session store');
        } else if (propKind && valueKind && left.object.type === 'Identifier') {
          // `order.cvv = req.body.cvv`: the object now carries card data to a later `order.save()`.
          scopes.set(left.object.name, propKind);
        }
      },
      CallExpression: checkCall,
      TaggedTemplateExpression(node: TSESTree.TaggedTemplateExpression) {
        const tag = lastSegmentName(node.tag);
        if (!tag || !(QUERY_METHODS.has(tag) || /^sql$/i.test(tag))) return;
        const kind = cardDataWrittenBySql(node.quasi.quasis.map((q) => q.value.cooked ?? '').join('?'));
        if (kind) reportWrite(node.tag, 'stored', kind, 'the database');
      },
      PropertyDefinition(node: TSESTree.PropertyDefinition) {
        if (!node.decorators?.length) return;
        const name = propertyKeyName(node);
        if (!name) return;
        const decorated = node.decorators.some((d) => {
          const e = d.expression;
          return COLUMN_DECORATORS.has((e.type === 'CallExpression' ? lastSegmentName(e.callee) : lastSegmentName(e)) ?? '');
        });
        if (!decorated) return;
        const cls = (node.parent as Node | undefined)?.parent;
        const className = cls && (cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression') ? cls.id?.name : undefined;
        const kind = cardDataKindOfName(name, isCardName(className));
        if (!kind) return;
        persisted.push({
          kind, name, start: node.key.range[0], end: node.key.range[1], messageId: 'modelField', where: 'ORM entity', role: 'model',
          removal: removeMember(text, node),
        });
      },
      Property(node: TSESTree.Property) {
        const name = propertyKeyName(node);
        if (!name) return;
        if (name === 'name') {
          const value = staticStringValue(node.value);
          if (value) checkTypeormColumnName(node, value);
          return;
        }
        if (cardDataKindOfName(name, true)) checkModelProperty(node, name);
      },
      Literal(node: TSESTree.Literal) {
        if (typeof node.value === 'string' && node.value.length > 20 && /\btable\b/i.test(node.value)) checkSqlString(node);
      },
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        if (node.quasis.some((q) => /\btable\b/i.test(q.value.raw))) checkSqlString(node);
      },
      'Program:exit': reportPersisted,
      text(file: SourceFile) {
        scanTextFile(file, (site) => persisted.push(site));
        reportPersisted();
      },
    };
  },
});

const SQL_EXTENSIONS = new Set(['sql', 'ddl', 'pgsql', 'psql', 'mysql']);
const SQL_LANGUAGES = new Set(['sql', 'pgsql', 'mysql', 'postgres', 'plsql', 'tsql']);
const PRISMA_BLOCK = /^\s*(?:model|type)\s+([A-Za-z_]\w*)\s*\{/;
const PRISMA_FIELD = /^(\s*)([A-Za-z_]\w*)(\s+)[A-Za-z_][\w.]*(?:\[\])?\??/;

/** Prisma schema model fields and SQL DDL columns (text files only; scripts that fail to parse are skipped). */
function scanTextFile(file: SourceFile, add: (site: PersistedSite) => void): void {
  if (file.kind !== 'text') return;
  const ext = extensionOf(file.path);
  const text = file.text;
  if (ext === 'prisma' || file.languageId === 'prisma') {
    let model: string | undefined;
    let at = 0;
    for (const line of text.split('\n')) {
      const lineStart = at;
      at += line.length + 1;
      const block = PRISMA_BLOCK.exec(line);
      if (block) { model = block[1]; continue; }
      if (!model) continue;
      if (/^\s*\}/.test(line)) { model = undefined; continue; }
      const field = PRISMA_FIELD.exec(line);
      if (!field) continue;
      const mapped = /@map\(\s*"([^"]+)"\s*\)/.exec(line)?.[1];
      const kind = cardDataKindOfName(field[2], isCardName(model)) ?? (mapped ? cardDataKindOfName(mapped, isCardName(model)) : undefined);
      if (!kind) continue;
      const start = lineStart + field[1].length;
      add({
        kind, name: field[2], start, end: start + field[2].length, messageId: 'modelField', where: 'Prisma model', role: 'model',
        removal: [{ start: lineStartOf(text, start), end: nextLineStartOf(text, start), text: '' }],
      });
    }
    return;
  }
  if (SQL_EXTENSIONS.has(ext) || SQL_LANGUAGES.has(file.languageId)) {
    for (const column of findCardDataColumns(text)) {
      add({ kind: column.kind, name: column.name, start: column.start, end: column.end, messageId: 'tableColumn', where: 'SQL table', role: 'migration', removal: column.removal });
    }
  }
}
