const fs = require('fs'), path = require('path');
const { parse, simpleTraverse } = require('@typescript-eslint/typescript-estree');
const { analyse } = require('scslre');
function files(dir) { return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []); }
const all = [...files('rules'), ...files('server/src/engine')];
const REPS = Number(process.argv[2] || 50000);
const prefixes = ['', 'a', 'a ', 'a:', 'a=', '<a ', 'x ', '"', '//', '-- '];
const suffixes = ['\u0000', '!', '\n', '\r', '\u2028'];
for (const f of all) {
  const ast = parse(fs.readFileSync(f, 'utf8'), { range: true, loc: true });
  const found = [];
  simpleTraverse(ast, { enter(n) {
    if (n.type === 'Literal' && n.regex) found.push({ src: n.regex.pattern, flags: n.regex.flags, line: n.loc.start.line });
  }}, true);
  for (const r of found) {
    const re = new RegExp(r.src, r.flags.replace(/[gy]/g, ''));
    for (const rep of analyse(re).reports) {
      let worst = 0, how = '';
      for (const p of prefixes) for (const s of suffixes) {
        const attack = p + rep.character.pick.repeat(REPS) + s;
        const t = performance.now(); re.exec(attack); const ms = performance.now() - t;
        if (ms > worst) { worst = ms; how = JSON.stringify(p) + '+' + JSON.stringify(s); }
      }
      console.log(`${worst.toFixed(0).padStart(6)}ms ${rep.type} ${f}:${r.line} /${r.src.slice(0,90)}/${r.flags} pick=${JSON.stringify(rep.character.pick)} ${how}`);
    }
  }
}
