// Test table for injection: SQL, code and shell sinks across Express, Koa, Fastify, Next.js, NestJS and Hono, with
// parameterised-query fixes per driver and the safe shapes (placeholders, tagged templates, numbers, allow-lists).
import rule from '../../rules/injection';
import { ruleTable } from '../helpers/rule-table';

const L = (...lines: string[]): string => lines.join('\n');

ruleTable(rule, {
  valid: [
    // Parameterised queries: the driver sends values apart from the SQL.
    L("import { Pool } from 'pg';", 'const pool = new Pool();', "app.get('/orders/:id', async (req, res) => {",
      "  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [req.params.id]);", '  res.json(rows);', '});'),
    L("import mysql from 'mysql2/promise';", "router.get('/search', async (req, res) => {",
      "  const [rows] = await conn.execute('SELECT id FROM products WHERE name LIKE ?', [`%${req.query.q}%`]);", '});'),
    // Tagged templates are parameterised by the library (Prisma `$queryRaw`, postgres.js, slonik `sql`).
    L('export async function GET(request: Request) {', "  const id = new URL(request.url).searchParams.get('id');",
      '  return prisma.$queryRaw`SELECT * FROM orders WHERE id = ${id}`;', '}'),
    L("import postgres from 'postgres';", 'const sql = postgres();', "app.get('/o', async (req, res) => {",
      '  const rows = await sql`SELECT * FROM orders WHERE email = ${req.query.email}`;', '});'),
    // Numbers carry no SQL syntax.
    L("app.get('/orders', async (req, res) => {", "  await db.query('SELECT * FROM orders LIMIT ' + Number(req.query.limit));",
      '  await db.query(`SELECT * FROM orders OFFSET ${parseInt(req.query.offset, 10)}`);', '});'),
    // Allow-list gates: the value can only be one the server lists.
    L("const SORTABLE = ['id', 'created_at', 'total_cents'];", "app.get('/orders', async (req, res) => {", '  const { sort } = req.query;',
      '  if (!SORTABLE.includes(sort)) return res.sendStatus(400);', '  await db.query(`SELECT * FROM orders ORDER BY ${sort}`);', '});'),
    L("const COLUMNS = { newest: 'created_at DESC', total: 'total_cents' };", "router.get('/orders', async (ctx) => {",
      '  const order = COLUMNS[ctx.query.sort] ?? COLUMNS.newest;', '  ctx.body = await db.query(`SELECT * FROM orders ORDER BY ${order}`);', '});'),
    L("app.get('/orders/:id', async (req, res) => {", "  if (!/^\\d+$/.test(req.params.id)) return res.sendStatus(400);",
      "  await db.query('SELECT * FROM orders WHERE id = ' + req.params.id);", '});'),
    // Constants and server-side values.
    L("const TABLE = 'orders';", 'async function purge(days: number) {', '  await db.query(`DELETE FROM ${TABLE} WHERE age > ${days}`);', '}'),
    L("app.get('/me/orders', async (req, res) => {", "  await db.query(\"SELECT * FROM orders WHERE user_id = '\" + req.user.id + \"'\");", '});'),
    // Nest: a converting pipe turns the parameter into a number first.
    L('@Controller("orders")', 'export class OrdersController {', '  @Get(":id")',
      '  find(@Param("id", ParseIntPipe) id: number) {', '    return this.dataSource.query(`SELECT * FROM orders WHERE id = ${id}`);', '  }', '}'),
    // Not SQL: a cache or map lookup by a request key.
    L("app.get('/rate', async (req, res) => {", "  const rate = await cache.get('rate:' + req.query.currency);", '  res.json({ rate });', '});'),
    // Commands without a shell get their arguments as they are.
    L("import { spawn, execFile } from 'node:child_process';", "app.post('/thumb', (req, res) => {",
      "  spawn('convert', [req.body.file, 'thumb.png']);", "  execFile('identify', [req.body.file], (err, out) => res.send(out));", '});'),
    // A constant command and a parsed (not evaluated) body.
    L("const { exec } = require('child_process');", "app.post('/deploy', (req, res) => {", "  exec('git pull --ff-only', () => res.sendStatus(204));",
      '  const data = JSON.parse(req.body.payload);', "  setTimeout(() => notify(data), 1000);", '});'),
    // A custom sanitizer from the team config.
    {
      code: L("app.get('/orders', async (req, res) => {", '  await db.query(`SELECT * FROM orders ORDER BY ${toOrderColumn(req.query.sort)}`);', '});'),
      config: { rules: { injection: ['error', { sanitizers: ['toOrderColumn'] }] } },
    },
    // Test code builds hostile input on purpose.
    { code: L("it('escapes', async () => {", "  await db.query(\"SELECT * FROM t WHERE a = '\" + req.query.a + \"'\");", '});'), path: 'test/orders.test.ts' },
    // Unknown helper results are not assumed to hold request data.
    L("app.post('/orders', async (req, res) => {", '  const order = await orders.create(req.body);', '  await db.query(`SELECT * FROM items WHERE order_id = ${order.id}`);', '});'),
    // The safe counterparts of the raw-query builders: knex bindings, Sequelize replacements, Prisma's positional values.
    L("import knex from 'knex';", "app.get('/orders', async (req, res) => {", "  const rows = await knex('orders').whereRaw('status = ?', [req.query.status]);",
      "  await sequelize.query('SELECT * FROM customers WHERE country = :country', { replacements: { country: req.query.country } });", '});'),
    L('export async function GET(request: Request) {', "  const id = new URL(request.url).searchParams.get('id');",
      "  return prisma.$queryRawUnsafe('SELECT * FROM orders WHERE id = $1', id);", '}'),
    // Hono into pg-promise with `$1`.
    L("import pgp from 'pg-promise';", "app.get('/m', async (c) => {", "  const rows = await db.any('SELECT * FROM merchants WHERE name = $1', [c.req.query('name')]);", '});'),
    // Constant code with request data only as values: a vm context, a timer callback.
    L("import vm from 'node:vm';", "app.post('/fees', (req, res) => {",
      "  const fee = vm.runInNewContext('Math.round(total * rate)', { total: Number(req.body.total), rate: 0.029 });",
      '  setTimeout(() => recalc(req.query.id), 10);', '  res.json({ fee });', '});'),
    // A Lambda running git without a shell: the repository is one argument, never parsed as a command.
    L("const { execFileSync } = require('child_process');", 'export const handler = async (event) => {', '  const { repo } = JSON.parse(event.body);',
      "  return execFileSync('git', ['ls-remote', '--', repo]).toString();", '};'),
    // Request data in a log line and an error message that read like SQL but are never executed.
    L("app.get('/orders/search', async (req, res) => {", '  logger.info(`SELECT orders for ${req.query.email}`);',
      "  if (!req.query.email) return res.status(400).send('missing email in WHERE clause: ' + req.query.email);", '});'),
  ],
  invalid: [
    // Express + pg, concatenation with quotes: rewritten with `$1`.
    {
      code: L("import { Pool } from 'pg';", 'const pool = new Pool();', "app.get('/orders/search', async (req, res) => {",
        "  const { rows } = await pool.query(\"SELECT id, status FROM orders WHERE customer_email = '\" + req.query.email + \"'\");", '  res.json(rows);', '});'),
      errors: [{ messageId: 'sql', line: 4, column: 26 }],
      fixes: {
        parameterize: L("import { Pool } from 'pg';", 'const pool = new Pool();', "app.get('/orders/search', async (req, res) => {",
          "  const { rows } = await pool.query('SELECT id, status FROM orders WHERE customer_email = $1', [req.query.email]);", '  res.json(rows);', '});'),
      },
    },
    // mysql2 template literal with a LIKE pattern and a number: `?` placeholders, the pattern kept as a parameter.
    {
      code: L("import mysql from 'mysql2/promise';", "router.get('/search', async (req, res) => {", '  const { q } = req.query;',
        "  const [rows] = await conn.execute(`SELECT id FROM products WHERE name LIKE '%${q}%' AND shop = ${req.params.shop}`);", '});'),
      errors: [{ messageId: 'sql', line: 4, column: 24 }],
      fixes: {
        parameterize: L("import mysql from 'mysql2/promise';", "router.get('/search', async (req, res) => {", '  const { q } = req.query;',
          "  const [rows] = await conn.execute('SELECT id FROM products WHERE name LIKE ? AND shop = ?', [`%${q}%`, req.params.shop]);", '});'),
      },
    },
    // Next.js App Router + Prisma unsafe raw query: rewritten to the tagged `$queryRaw`.
    {
      code: L('export async function GET(request: Request) {', "  const id = new URL(request.url).searchParams.get('id');",
        '  return prisma.$queryRawUnsafe(`SELECT * FROM orders WHERE id = ${id}`);', '}'),
      errors: [{ messageId: 'sql', line: 3, column: 10 }],
      fixes: {
        parameterize: L('export async function GET(request: Request) {', "  const id = new URL(request.url).searchParams.get('id');",
          '  return prisma.$queryRaw`SELECT * FROM orders WHERE id = ${id}`;', '}'),
      },
    },
    // Next.js route `params` and `await request.json()` into `$executeRawUnsafe`.
    {
      code: L('export async function PATCH(request: Request, { params }: { params: { id: string } }) {', '  const body = await request.json();',
        '  await prisma.$executeRawUnsafe(`UPDATE orders SET note = \'${body.note}\' WHERE id = \'${params.id}\'`);', '}'),
      errors: [{ messageId: 'sql', line: 3, column: 9 }],
      fixes: {
        parameterize: L('export async function PATCH(request: Request, { params }: { params: { id: string } }) {', '  const body = await request.json();',
          '  await prisma.$executeRaw`UPDATE orders SET note = ${body.note} WHERE id = ${params.id}`;', '}'),
      },
    },
    // knex raw with the query string passed whole.
    {
      code: L("import knex from 'knex';", "app.get('/orders', (req, res) => {", '  const sort = req.query.sort;', "  return db('orders').orderByRaw(sort);", '});'),
      errors: [{ messageId: 'sqlWhole', line: 4, column: 10 }],
    },
    // knex `whereRaw` with a template: `?` bindings.
    {
      code: L("import knex from 'knex';", "app.get('/orders', async (req, res) => {", "  const rows = await knex('orders').whereRaw(`status = '${req.query.status}'`);", '});'),
      errors: [{ messageId: 'sql', line: 3, column: 22 }],
      fixes: {
        parameterize: L("import knex from 'knex';", "app.get('/orders', async (req, res) => {", "  const rows = await knex('orders').whereRaw('status = ?', [req.query.status]);", '});'),
      },
    },
    // Sequelize: `replacements`.
    {
      code: L("import { Sequelize } from 'sequelize';", "app.get('/customers', async (req, res) => {",
        "  const rows = await sequelize.query('SELECT * FROM customers WHERE country = \\'' + req.query.country + '\\'');", '});'),
      errors: [{ messageId: 'sql', line: 3, column: 22 }],
      fixes: {
        parameterize: L("import { Sequelize } from 'sequelize';", "app.get('/customers', async (req, res) => {",
          "  const rows = await sequelize.query('SELECT * FROM customers WHERE country = ?', { replacements: [req.query.country] });", '});'),
      },
    },
    // sqlite3 with a callback: the values go before it.
    {
      code: L("import sqlite3 from 'sqlite3';", "app.get('/users/:id', (req, res) => {",
        '  db.all("SELECT * FROM users WHERE id = " + req.params.id, (err, rows) => res.json(rows));', '});'),
      errors: [{ messageId: 'sql', line: 3, column: 3 }],
      fixes: {
        parameterize: L("import sqlite3 from 'sqlite3';", "app.get('/users/:id', (req, res) => {",
          "  db.all('SELECT * FROM users WHERE id = ?', [req.params.id], (err, rows) => res.json(rows));", '});'),
      },
    },
    // SQL assembled in a variable with `+=` (no fix: the text lives apart from the call).
    {
      code: L("app.get('/users', (req, res) => {", "  let sql = 'SELECT * FROM users';", "  sql += ' WHERE name = \\'' + req.query.name + '\\'';",
        '  db.all(sql, (err, rows) => res.json(rows));', '});'),
      errors: [{ messageId: 'sql', line: 4, column: 3 }],
    },
    // Koa: renamed destructuring from `ctx.request.body`; unknown driver, so no fix.
    {
      code: L("router.post('/refunds/search', async (ctx) => {", '  const { orderRef: ref } = ctx.request.body;', '  const term = String(ref).trim();',
        '  ctx.body = await db.query(`SELECT * FROM refunds WHERE order_ref = \'${term}\'`);', '});'),
      errors: [{ messageId: 'sql', line: 4, column: 20 }],
    },
    // Fastify with a column name from the query: flagged, no placeholder fix for an identifier position.
    {
      code: L("import pg from 'pg';", "fastify.get('/orders', async (request, reply) => {",
        '  return pool.query(`SELECT * FROM orders ORDER BY ${request.query.sort} DESC`);', '});'),
      errors: [{ messageId: 'sql', line: 3, column: 10 }],
    },
    // NestJS `@Query()` into a TypeORM data source query.
    {
      code: L('@Controller("orders")', 'export class OrdersController {', '  @Get()', '  list(@Query("status") status: string) {',
        '    return this.dataSource.query("SELECT * FROM orders WHERE status = \'" + status + "\'");', '  }', '}'),
      errors: [{ messageId: 'sql', line: 5, column: 12 }],
    },
    // Hono `c.req.query()` into pg-promise.
    {
      code: L("import pgp from 'pg-promise';", "app.get('/m', async (c) => {", "  const rows = await db.any('SELECT * FROM merchants WHERE name = \\'' + c.req.query('name') + '\\'');", '});'),
      errors: [{ messageId: 'sql', line: 3, column: 22 }],
      fixes: {
        parameterize: L("import pgp from 'pg-promise';", "app.get('/m', async (c) => {", "  const rows = await db.any('SELECT * FROM merchants WHERE name = $1', [c.req.query('name')]);", '});'),
      },
    },
    // eval and new Function on request data (Koa).
    {
      code: L("router.post('/calc', async (ctx) => {", '  const { expr } = ctx.request.body;', '  ctx.body = eval(expr);', "  const f = new Function('x', ctx.query.code);", '});'),
      errors: [{ messageId: 'code', line: 3, column: 14 }, { messageId: 'code', line: 4, column: 13 }],
    },
    // vm and setTimeout with a string.
    {
      code: L("import vm from 'node:vm';", "app.post('/rules', (req, res) => {", '  const result = vm.runInNewContext(req.body.rule, { order: {} });',
        '  setTimeout(`recalc(${req.query.id})`, 10);', '});'),
      errors: [{ messageId: 'code', line: 3, column: 18 }, { messageId: 'code', line: 4, column: 3 }],
    },
    // child_process exec (always a shell), imported by name and promisified.
    {
      code: L("import { exec } from 'child_process';", "import { promisify } from 'util';", 'const run = promisify(exec);', "app.post('/ping', async (req, res) => {",
        "  exec('ping -c 1 ' + req.body.host, (err, out) => res.send(out));", '  await run(`nslookup ${req.query.domain}`);', '});'),
      errors: [{ messageId: 'command', line: 5, column: 3 }, { messageId: 'command', line: 6, column: 9 }],
    },
    // spawn with `shell: true`, through a require'd module object.
    {
      code: L("const cp = require('node:child_process');", "app.post('/thumb', (req, res) => {", "  cp.spawn('convert', [req.body.file, 'out.png'], { shell: true });", '});'),
      errors: [{ messageId: 'command', line: 3, column: 3 }],
    },
    // execSync on a Lambda event body.
    {
      code: L("const { execSync } = require('child_process');", 'export const handler = async (event) => {', '  const { repo } = JSON.parse(event.body);',
        '  return execSync(`git ls-remote ${repo}`).toString();', '};'),
      errors: [{ messageId: 'command', line: 4, column: 10 }],
    },
  ],
});
