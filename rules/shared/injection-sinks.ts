// Injection sinks: SQL query calls, code evaluation (`eval`, `new Function`, `vm`) and shell commands (`child_process`),
// recognised by name and by what the file imports; also which SQL driver (and so which placeholder style) a file uses.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AstNode } from '../../server/src/engine';
import { lastSegmentName, memberPropertyName, propertyKeyName, staticStringValue } from './ast';

export type SinkKind = 'sql' | 'code' | 'command';

export interface Sink {
  kind: SinkKind;
  /** The method or function name (`query`, `$queryRawUnsafe`, `exec`). */
  name: string;
  /** The arguments whose text is run. */
  payload: AstNode[];
  /** Raw-SQL APIs (`knex.raw`, `$queryRawUnsafe`): any request data in them is an injection, SQL keywords or not. */
  raw: boolean;
  /** The receiver's name, for placeholder choices (`knex`, `sequelize`). */
  receiver?: string;
}

/** How a parameterised query is written for the driver the file uses. */
export type PlaceholderStyle = 'dollar' | 'question' | 'sequelize' | 'prisma';

interface ImportedName {
  module: string;
  /** The export taken (`exec`); undefined for a namespace, default or whole-module import. */
  imported?: string;
}

const CHILD_PROCESS = new Set(['child_process', 'node:child_process']);
const VM = new Set(['vm', 'node:vm']);
const SHELL_ALWAYS = new Set(['exec', 'execSync']);
const SHELL_OPTIONAL = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const VM_RUNNERS = new Set(['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction']);
const CHILD_PROCESS_NAMES = new Set(['child_process', 'childProcess', 'cp']);
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'global', 'self']);

/** Raw-SQL APIs: Prisma's unsafe queries, knex's `raw` family, postgres.js `sql.unsafe`. */
const RAW_SQL = new Set([
  '$queryRawUnsafe', '$executeRawUnsafe', 'raw', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw',
  'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw', 'selectRaw', 'unsafe',
]);
const PRISMA_RAW = new Set(['$queryRawUnsafe', '$executeRawUnsafe']);
const KNEX_RAW = new Set(['raw', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw', 'selectRaw']);
/** Query methods of pg, mysql/mysql2, sqlite3/better-sqlite3, pg-promise, Sequelize and TypeORM: SQL only when the text is SQL. */
const QUERY_METHODS = new Set([
  'query', 'execute', 'run', 'all', 'get', 'each', 'exec', 'prepare', 'any', 'one', 'none', 'many', 'oneOrNone',
  'manyOrNone', 'result', 'multi',
]);

const DOLLAR_DRIVERS = new Set(['pg', 'pg-promise', 'pg-pool', 'postgres', '@neondatabase/serverless', '@vercel/postgres']);
const QUESTION_DRIVERS = new Set(['mysql', 'mysql2', 'mysql2/promise', 'sqlite3', 'sqlite', 'better-sqlite3']);

function unwrap(node: AstNode): AstNode {
  let n = node;
  while (n.type === 'ChainExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSAsExpression' || n.type === 'AwaitExpression') {
    n = n.type === 'AwaitExpression' ? n.argument : n.expression;
  }
  return n;
}

function requiredModule(node: AstNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require') return staticStringValue(n.arguments[0]);
  if (n.type === 'ImportExpression') return staticStringValue(n.source);
  return undefined;
}

/** True when an options object asks for a shell: `{ shell: true }`, `{ shell: '/bin/bash' }`. */
function asksForShell(args: readonly AstNode[]): boolean {
  for (const a of args) {
    if (a.type !== 'ObjectExpression') continue;
    for (const p of a.properties) {
      if (p.type !== 'Property' || propertyKeyName(p) !== 'shell') continue;
      const v = p.value;
      return !(v.type === 'Literal' && (v.value === false || v.value === null || v.value === '')) && !(v.type === 'Identifier' && v.name === 'undefined');
    }
  }
  return false;
}

/** The modules a file imports and the names it binds them to. */
export class InjectionModules {
  readonly modules = new Set<string>();
  private readonly names = new Map<string, ImportedName>();

  noteImport(node: TSESTree.ImportDeclaration): void {
    const module = node.source.value;
    this.modules.add(module);
    for (const s of node.specifiers) {
      const imported = s.type === 'ImportSpecifier' ? (s.imported.type === 'Identifier' ? s.imported.name : s.imported.value) : undefined;
      this.names.set(s.local.name, { module, imported });
    }
  }

  /** `const cp = require('child_process')`, `const { exec } = require('node:child_process')`, `const run = promisify(exec)`. */
  noteDeclarator(node: TSESTree.VariableDeclarator): void {
    const module = requiredModule(node.init);
    if (module) {
      this.modules.add(module);
      if (node.id.type === 'Identifier') this.names.set(node.id.name, { module });
      else if (node.id.type === 'ObjectPattern') {
        for (const p of node.id.properties) {
          if (p.type === 'Property' && p.value.type === 'Identifier') this.names.set(p.value.name, { module, imported: propertyKeyName(p) });
        }
      }
      return;
    }
    const init = node.init && unwrap(node.init);
    if (node.id.type === 'Identifier' && init?.type === 'CallExpression' && lastSegmentName(init.callee) === 'promisify' && init.arguments[0]) {
      const wrapped = this.childProcessFunction(init.arguments[0]);
      if (wrapped) this.names.set(node.id.name, { module: 'child_process', imported: wrapped });
    }
  }

  /** Any `require('x')` in the file also tells which driver it uses. */
  noteRequire(call: TSESTree.CallExpression): void {
    const module = requiredModule(call);
    if (module) this.modules.add(module);
  }

  private moduleOf(node: AstNode): string | undefined {
    const n = unwrap(node);
    if (n.type === 'Identifier') return this.names.get(n.name)?.module;
    return requiredModule(n);
  }

  /** `exec` for an imported `exec`, `cp.exec`, `require('child_process').exec`; undefined otherwise. */
  private childProcessFunction(node: AstNode): string | undefined {
    const n = unwrap(node);
    if (n.type === 'Identifier') {
      const bound = this.names.get(n.name);
      return bound && CHILD_PROCESS.has(bound.module) ? bound.imported : undefined;
    }
    if (n.type === 'MemberExpression' && this.isChildProcessObject(n.object)) return memberPropertyName(n);
    return undefined;
  }

  private isChildProcessObject(node: AstNode): boolean {
    const module = this.moduleOf(node);
    if (module) return CHILD_PROCESS.has(module);
    const n = unwrap(node);
    return n.type === 'Identifier' && CHILD_PROCESS_NAMES.has(n.name);
  }

  private isVmObject(node: AstNode): boolean {
    const module = this.moduleOf(node);
    if (module) return VM.has(module);
    const n = unwrap(node);
    return n.type === 'Identifier' && n.name === 'vm';
  }

  /** What kind of sink a call or `new` expression is, if any. */
  sinkOf(node: TSESTree.CallExpression | TSESTree.NewExpression): Sink | undefined {
    const callee = unwrap(node.callee);
    const args = node.arguments as AstNode[];
    if (args.length === 0) return undefined;
    const isNew = node.type === 'NewExpression';
    const name = lastSegmentName(callee);
    if (!name) return undefined;
    if (callee.type === 'Identifier') {
      if (name === 'Function') return { kind: 'code', name, payload: args, raw: false };
      if (isNew) {
        const bound = this.names.get(name);
        return bound && VM.has(bound.module) && bound.imported === 'Script' ? { kind: 'code', name, payload: [args[0]], raw: false } : undefined;
      }
      if (name === 'eval' || name === 'setTimeout' || name === 'setInterval') return { kind: 'code', name, payload: [args[0]], raw: false };
      const bound = this.names.get(name);
      if (bound && VM.has(bound.module) && bound.imported && VM_RUNNERS.has(bound.imported)) return { kind: 'code', name, payload: [args[0]], raw: false };
      const cpFunction = this.childProcessFunction(callee);
      return cpFunction ? this.commandSink(cpFunction, name, args) : undefined;
    }
    if (callee.type !== 'MemberExpression') return undefined;
    const object = unwrap(callee.object);
    if (isNew) {
      return name === 'Script' && this.isVmObject(object) ? { kind: 'code', name, payload: [args[0]], raw: false }
        : name === 'Function' && object.type === 'Identifier' && GLOBAL_OBJECTS.has(object.name) ? { kind: 'code', name, payload: args, raw: false } : undefined;
    }
    if (object.type === 'Identifier' && GLOBAL_OBJECTS.has(object.name) && (name === 'eval' || name === 'setTimeout' || name === 'setInterval')) {
      return { kind: 'code', name, payload: [args[0]], raw: false };
    }
    if (VM_RUNNERS.has(name) && this.isVmObject(object)) return { kind: 'code', name, payload: [args[0]], raw: false };
    if (this.isChildProcessObject(object)) return this.commandSink(name, name, args);
    if (name === 'exec' && this.moduleOf(object) === 'shelljs') return { kind: 'command', name, payload: [args[0]], raw: false };
    const receiver = lastSegmentName(object);
    if (RAW_SQL.has(name) && receiver !== 'String') return { kind: 'sql', name, payload: [args[0]], raw: true, receiver };
    if (name === 'literal' && (receiver === 'sequelize' || receiver === 'Sequelize')) return { kind: 'sql', name, payload: [args[0]], raw: true, receiver };
    if (QUERY_METHODS.has(name)) return { kind: 'sql', name, payload: [args[0]], raw: false, receiver };
    return undefined;
  }

  private commandSink(fn: string, name: string, args: AstNode[]): Sink | undefined {
    if (SHELL_ALWAYS.has(fn)) return { kind: 'command', name, payload: [args[0]], raw: false };
    // Without a shell the command's arguments are passed as they are; with `shell: true` they are parsed by `/bin/sh`.
    if (SHELL_OPTIONAL.has(fn) && asksForShell(args.slice(1))) return { kind: 'command', name, payload: args.slice(0, 2), raw: false };
    return undefined;
  }

  /** The placeholder style a parameterised rewrite of this SQL sink uses, when the file shows the driver. */
  placeholderStyle(sink: Sink): PlaceholderStyle | undefined {
    if (PRISMA_RAW.has(sink.name)) return 'prisma';
    if (KNEX_RAW.has(sink.name)) return this.modules.has('knex') || /knex|trx/i.test(sink.receiver ?? '') ? 'question' : undefined;
    if (sink.name === 'unsafe') return this.modules.has('postgres') ? 'dollar' : undefined;
    if (sink.name === 'literal' || sink.name === 'prepare') return undefined;
    if (sink.name === 'query' && this.modules.has('sequelize') && /sequelize/i.test(sink.receiver ?? '')) return 'sequelize';
    const dollar = [...this.modules].some((m) => DOLLAR_DRIVERS.has(m));
    const question = [...this.modules].some((m) => QUESTION_DRIVERS.has(m));
    if (dollar === question) return undefined;
    return dollar ? 'dollar' : 'question';
  }
}
