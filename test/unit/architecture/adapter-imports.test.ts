import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProviderDescriptor } from '../../../src/spi/public.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ADAPTERS = join(ROOT, 'adapters');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier of a file: static imports and re-exports, side-effect imports, import(). */
export function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+'([^']+)'/g, /\bimport\s+'([^']+)'/g, /\bimport\(\s*'([^']+)'\s*\)/g, /\brequire\(\s*'([^']+)'\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]);
  return found;
}

function allowed(specifier: string, clientLibraries: readonly string[]): boolean {
  if (specifier.startsWith('node:')) return true;
  if (/^\.\/[\w.-]+\.js$/.test(specifier)) return true; // a file of the same adapter
  if (/^\.\.\/\.\.\/src\/api\/[\w-]+\.js$/.test(specifier)) return true;
  if (specifier === '../../src/spi/public.js') return true;
  return clientLibraries.some((library) => specifier === library || specifier.startsWith(`${library}/`));
}

describe('adapter imports', () => {
  const adapters = readdirSync(ADAPTERS).filter((name) => statSync(join(ADAPTERS, name)).isDirectory());

  it('finds the built-in adapters', () => {
    expect(adapters).to.include.members(['amqp', 'kafka', 'memory', 'stomp']);
  });

  for (const adapter of adapters) {
    it(`${adapter} imports only src/api, the SPI entry, node: builtins, its own files and its declared client library`, async () => {
      const module = (await import(`../../../adapters/${adapter}/descriptor.js`)) as Record<string, ProviderDescriptor>;
      const descriptor = Object.values(module).find((value) => typeof value?.load === 'function');
      expect(descriptor, `adapters/${adapter}/descriptor.ts exports a descriptor`).to.not.equal(undefined);
      const libraries = descriptor!.clientLibraries ?? [];
      const offending = sources(join(ADAPTERS, adapter)).flatMap((file) =>
        specifiers(readFileSync(file, 'utf8'))
          .filter((specifier) => !allowed(specifier, libraries))
          .map((specifier) => `${relative(ROOT, file)}: '${specifier}'`),
      );
      expect(offending).to.deep.equal([]);
    });
  }

  it('the scan sees every kind of import (so an empty result means something)', () => {
    const text = "import a from 'x';\nexport { b } from '../../src/client/index.js';\nimport './y.js';\nconst c = await import('z');";
    expect(specifiers(text)).to.have.members(['x', '../../src/client/index.js', './y.js', 'z']);
    expect(allowed('../../src/client/index.js', [])).to.equal(false);
    expect(allowed('../../src/codec/index.js', [])).to.equal(false);
    expect(allowed('../kafka/names.js', [])).to.equal(false);
    expect(allowed('kafkajs', ['amqplib'])).to.equal(false);
    expect(allowed('amqplib', ['amqplib'])).to.equal(true);
  });
});
