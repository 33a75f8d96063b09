/**
 * `npm run readme:options`: regenerates the README's options table from the option specs the
 * adapters' descriptors declare (and the common options of src/config), so the table is the code.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { OPTIONS_END as END, OPTIONS_START as START, renderOptionsTable } from './options-table.js';

const README = 'README.md';

async function main(): Promise<void> {
  const readme = await readFile(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${README} has no ${START} … ${END} block`);
  await writeFile(README, `${readme.slice(0, start + START.length)}\n${renderOptionsTable()}\n${readme.slice(end)}`);
  console.log(`${README}: options table regenerated from the adapters' option specs`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
