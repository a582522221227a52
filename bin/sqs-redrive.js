#!/usr/bin/env node
// Launcher of the sqs-redrive CLI: the compiled build when present (published package), else the TypeScript
// sources run directly by Node 24's type stripping (a clone after `npm ci`).
import { existsSync } from 'node:fs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`sqs-redrive needs Node 24 or newer (this is ${process.versions.node}).\n`);
  process.exit(2);
}
const built = new URL('../dist/cli/index.js', import.meta.url);
await import(existsSync(built) ? built.href : new URL('../src/cli/index.ts', import.meta.url).href);
