import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Every ```ts block of the README runs here on memory:// (a block tagged ```ts fragment is only
 * part of a program and is skipped), so the README cannot drift from the API. Imports of jms-ts
 * are pointed at this checkout's sources.
 */
const ENTRY_POINTS: Record<string, string> = {
  'jms-ts': 'src/index.ts',
  'jms-ts/inversify': 'src/inversify/index.ts',
  'jms-ts/conformance': 'src/conformance/suite/index.ts',
  'jms-ts/spi': 'src/spi/public.ts',
  'jms-ts/spi/testkit': 'src/spi/testkit/index.ts',
};

interface Block {
  line: number;
  code: string;
  /** The prose after the block, up to the next fence: where the README says what it prints. */
  after: string;
}

function tsBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```ts') continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1]!.trim() !== '```') i++;
    const end = i + 1;
    let next = end + 1;
    while (next < lines.length && !lines[next]!.startsWith('```')) next++;
    blocks.push({ line: start, code: lines.slice(start, end).join('\n'), after: lines.slice(end + 1, next).join('\n') });
    i = end;
  }
  return blocks;
}

function pointedAtSources(code: string): string {
  return code.replace(/from '(jms-ts(?:\/[a-z]+)*)'/g, (whole, specifier: string) => {
    const entry = ENTRY_POINTS[specifier];
    if (entry === undefined) throw new Error(`README imports ${specifier}, which is no entry point`);
    return `from '${pathToFileURL(resolve(entry)).href}'`;
  }).replace(/from '((?:@[a-z0-9.-]+\/)?[a-z0-9.-]+)'/g, (whole, specifier: string) =>
    // Other packages (pino, @opentelemetry/*) as this checkout resolves them: the sample runs from a temporary directory.
    specifier.startsWith('node:') ? whole : `from '${import.meta.resolve(specifier)}'`,
  );
}

async function run(block: Block, dir: string): Promise<string[]> {
  const file = join(dir, `readme-line-${block.line}.mts`);
  writeFileSync(file, pointedAtSources(block.code));
  const printed: string[] = [];
  const log = console.log;
  const url = process.env.JMS_URL;
  process.env.JMS_URL = 'memory://';
  console.log = (...args: unknown[]) => void printed.push(args.join(' '));
  try {
    await import(pathToFileURL(file).href);
  } finally {
    console.log = log;
    if (url === undefined) delete process.env.JMS_URL;
    else process.env.JMS_URL = url;
  }
  return printed;
}

describe('README code samples run on memory://', () => {
  const readme = readFileSync('README.md', 'utf8');
  const blocks = tsBlocks(readme);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'jms-ts-readme-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the samples', () => expect(blocks.length).to.be.greaterThan(0));

  for (const block of blocks) {
    it(`the block at README.md line ${block.line} runs`, async () => {
      const printed = await run(block, dir);
      // A sample the README says prints something is held to it.
      const claimed = /prints `([^`]+)`/.exec(block.after.replace(/\s+/g, ' '));
      if (claimed) expect(printed).to.include(claimed[1]);
    });
  }
});
