#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=30
// Launcher of the sqs-redrive CLI: the compiled build when present (published package), else the TypeScript
// sources run directly by Node 24's type stripping (a clone after `npm ci`). The V8 flags above keep the heap
// small (young generation and growth steps) so memory stays flat on long moves; they cost no measurable speed.
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`sqs-redrive needs Node 24 or newer (this is ${process.versions.node}).\n`);
  process.exit(2);
}
// Caches compiled (and type-stripped) modules on disk: later runs start faster.
enableCompileCache?.();
const built = new URL('../dist/cli/index.js', import.meta.url);
await import(existsSync(built) ? built.href : new URL('../src/cli/index.ts', import.meta.url).href);
