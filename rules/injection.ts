// injection: request data pasted into SQL text, evaluated as code, or run through a shell (guidelines 2.3a, 2.4a).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type AstNode } from '../server/src/engine';
import { InjectionFlow, mayBeGate, mayHoldRequestData, type Taint } from './shared/injection-flow';
import { InjectionModules, type Sink } from './shared/injection-sinks';
import { looksLikeSql, parameterisedQueryChanges, sqlTextOf } from './shared/injection-sql';
import { stringList } from './shared/options';

type Call = TSESTree.CallExpression | TSESTree.NewExpression;
type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** Sink names worth a closer look: the cheap filter run on every call while the user types. */
const SINK_NAMES = new Set([
  'query', 'execute', 'run', 'all', 'get', 'each', 'exec', 'prepare', 'any', 'one', 'none', 'many', 'oneOrNone', 'manyOrNone',
  'result', 'multi', '$queryRawUnsafe', '$executeRawUnsafe', 'raw', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw',
  'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw', 'selectRaw', 'unsafe', 'literal', 'eval', 'Function',
  'setTimeout', 'setInterval', 'runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction', 'Script', 'execSync',
  'spawn', 'spawnSync', 'execFile', 'execFileSync',
]);

function calleeName(call: Call): string | undefined {
  let callee: AstNode = call.callee;
  while (callee.type === 'ChainExpression' || callee.type === 'TSNonNullExpression') callee = callee.expression;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'injection',
    description: 'Keep request data out of SQL text, evaluated code and shell commands',
    guideline: ['2.3a', '2.4a'],
    defaultSeverity: 'error',
    why: 'Text from the client that becomes part of a SQL statement, a piece of JavaScript or a shell command line is parsed as code: a quote, a semicolon or `$(…)` in it lets an attacker read or change every order and customer record, or run programs on the payment server.',
    howToFix: 'Send values separately from the SQL with placeholders (`$1` for pg, `?` for mysql2/sqlite/knex, tagged `$queryRaw` for Prisma); pick column names from an allow-list; parse data with JSON.parse instead of evaluating it; run programs with execFile/spawn and an argument array, without a shell.',
    messages: {
      sql: 'This call runs SQL built by {{how}} from request data ({{source}}), so a crafted value can read or change any row; pass the value as a query parameter (guideline 2.3a).',
      sqlWhole: 'This call runs SQL text taken whole from request data ({{source}}), so a client can run any statement; never accept SQL from the client (guideline 2.3a).',
      code: 'This call evaluates request data ({{source}}) as JavaScript on the server, so a client can run any code there; parse the data instead of evaluating it (guideline 2.3a).',
      command: 'This call hands request data ({{source}}) to a shell, where `;`, `|` or `$(…)` in it run any command; use execFile or spawn with an argument array and no shell (guideline 2.3a).',
    },
    fixes: { parameterize: 'unsafe' },
    defaultOptions: { sanitizers: [] },
    optionsSchema: {
      type: 'object',
      properties: {
        sanitizers: {
          type: 'array',
          items: { type: 'string' },
          description: 'Names of the team\'s escaping or validation helpers (e.g. "escapeSql", "toOrderColumn"); values returned by them are not treated as request data.',
        },
      },
      additionalProperties: false,
    },
  },
  // Every report needs request data (InjectionFlow): a request object named like one (REQUEST_NAME), a parameter under
  // a Nest data decorator or `@Req()`, or the context parameter of a Next.js route export (`GET`, `POST`, …).
  mayReport: (file) => !file.isFixture && !file.isTestFile && mayHoldRequestData(file.text),
  create(context) {
    const { source } = context;
    // Tests and fixtures build hostile input on purpose and never serve a request.
    if (source.isFixture || source.isTestFile) return {};
    const flow = new InjectionFlow(source, new Set(stringList(context.options.sanitizers)));
    const modules = new InjectionModules();

    const taintIn = (nodes: readonly AstNode[]): Taint | undefined => {
      for (const n of nodes) {
        if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression' || n.type === 'ObjectExpression') continue;
        const t = flow.taintOf(n);
        if (t) return t;
      }
      return undefined;
    };

    const checkSql = (call: TSESTree.CallExpression, sink: Sink) => {
      const arg = sink.payload[0];
      if (!arg || arg.type === 'SpreadElement') return;
      const sql = sqlTextOf(arg, flow);
      const exprs = sql.pieces.flatMap((p) => ('expr' in p ? [p.expr] : []));
      // Whole SQL from the client is only certain for raw-SQL APIs; `cache.get(req.query.key)` is not SQL.
      const taint = sql.how ? taintIn(exprs) : sink.raw ? flow.taintOf(arg) : undefined;
      if (!taint) return;
      if (!sink.raw && !looksLikeSql(sql, flow)) return;
      const style = modules.placeholderStyle(sink);
      const changes = style && parameterisedQueryChanges(call, sql, style, (n) => !!flow.taintOf(n), source);
      context.report({
        start: call.callee.range[0],
        end: call.callee.range[1],
        messageId: sql.how ? 'sql' : 'sqlWhole',
        data: { how: sql.how === 'template' ? 'a template literal' : 'string concatenation', source: taint.label },
        fixes: changes ? [{ id: 'parameterize', title: 'Pass the request data as query parameters', changes }] : [],
        fingerprintKey: sink.name,
      });
    };

    const checkCall = (call: Call) => {
      const name = calleeName(call);
      if (call.type === 'CallExpression') {
        if (name === 'require') modules.noteRequire(call);
        if (mayBeGate(call)) flow.noteGate(call);
      }
      if (!name || !SINK_NAMES.has(name)) return;
      const sink = modules.sinkOf(call);
      if (!sink) return;
      if (sink.kind === 'sql') {
        if (call.type === 'CallExpression') checkSql(call, sink);
        return;
      }
      const taint = taintIn(sink.payload);
      if (!taint) return;
      const start = call.type === 'NewExpression' ? call.range[0] : call.callee.range[0];
      context.report({ start, end: call.callee.range[1], messageId: sink.kind, data: { source: taint.label }, fingerprintKey: sink.name });
    };

    const enterFunction = (fn: FunctionLike) => flow.enterFunction(fn);
    const exitFunction = () => flow.exitFunction();

    return {
      FunctionDeclaration: enterFunction,
      'FunctionDeclaration:exit': exitFunction,
      FunctionExpression: enterFunction,
      'FunctionExpression:exit': exitFunction,
      ArrowFunctionExpression: enterFunction,
      'ArrowFunctionExpression:exit': exitFunction,
      ImportDeclaration(node: TSESTree.ImportDeclaration) {
        modules.noteImport(node);
      },
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        modules.noteDeclarator(node);
        flow.bindDeclarator(node.id, node.init);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        flow.bindAssignment(node);
      },
      BinaryExpression(node: TSESTree.BinaryExpression) {
        if (node.operator === 'in') flow.noteInGate(node);
      },
      CallExpression: checkCall,
      NewExpression: checkCall,
    };
  },
});
