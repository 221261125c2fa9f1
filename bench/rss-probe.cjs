// Preloaded into every benchmarked process (`node --require bench/rss-probe.cjs …`): records its peak RSS at exit.
// The file is named by BENCH_RSS_FILE; the value is process.resourceUsage().maxRSS, in kilobytes.
'use strict';
const fs = require('node:fs');

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    try {
      fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
    } catch {
      // A probe must never change the outcome of the process it measures.
    }
  });
}
