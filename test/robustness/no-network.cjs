// Preload (`node --require test/robustness/no-network.cjs …`) for the robustness tests: every way Node can reach the
// network, or start another program, records the attempt in CODEPAY_TRAP_MARKER and throws. The process (and its
// worker threads, which preload it too) runs on; the test then asserts that the marker file was never written, and
// that CODEPAY_TRAP_MARKER.loaded was (the trap was in place).
'use strict';
const fs = require('node:fs');

const marker = process.env.CODEPAY_TRAP_MARKER;
if (marker) {
  const { isMainThread, threadId } = require('node:worker_threads');
  fs.appendFileSync(`${marker}.loaded`, `${process.pid}:${isMainThread ? 'main' : `worker ${threadId}`}\n`);

  const trap = (owner, name, label) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    owner[name] = function trapped(...args) {
      let detail = '';
      try {
        detail = JSON.stringify(args.filter((a) => typeof a !== 'function')).slice(0, 300);
      } catch {
        detail = '(arguments not serialisable)';
      }
      fs.appendFileSync(marker, `${label} ${detail}\n`);
      throw new Error(`${label} blocked by no-network.cjs (robustness tests: no network, no child processes)`);
    };
  };

  const net = require('node:net');
  trap(net, 'connect', 'net.connect');
  trap(net, 'createConnection', 'net.createConnection');
  trap(net.Socket.prototype, 'connect', 'net.Socket#connect');
  const tls = require('node:tls');
  trap(tls, 'connect', 'tls.connect');
  const dns = require('node:dns');
  for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveTxt', 'reverse']) {
    trap(dns, name, `dns.${name}`);
    trap(dns.promises, name, `dns.promises.${name}`);
  }
  for (const mod of ['http', 'https']) {
    const m = require(`node:${mod}`);
    trap(m, 'request', `${mod}.request`);
    trap(m, 'get', `${mod}.get`);
  }
  trap(require('node:http2'), 'connect', 'http2.connect');
  trap(globalThis, 'fetch', 'fetch');
  const childProcess = require('node:child_process');
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) trap(childProcess, name, `child_process.${name}`);
}
