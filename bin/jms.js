#!/usr/bin/env node
// The installed `jms` command runs the compiled CLI (npm run build writes dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
if (!existsSync(compiled)) {
  console.error('jms: dist/ is missing; run `npm run build` first (or `npx tsx src/cli/main.ts` from a checkout)');
  process.exit(1);
}
await import(compiled);
