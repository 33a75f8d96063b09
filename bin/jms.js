#!/usr/bin/env node
// The installed `jms` command runs the compiled CLI (npm run build writes dist/). In a checkout
// without a build it runs the TypeScript sources through tsx, a dev dependency.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
const source = new URL('../src/cli/main.ts', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error('jms: dist/ is missing and tsx is not installed; run `npm run build` first');
    process.exit(1);
  }
  register();
  await import(source.href);
}
