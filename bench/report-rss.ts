// Benchmark preload (`node --import ./bench/report-rss.ts …`): prints the process's peak RSS to stderr at exit.

import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nbench-max-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
