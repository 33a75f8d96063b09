import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { OPTIONS_END, OPTIONS_START, renderOptionsTable } from '../../../scripts/options-table.js';

describe('README options table', () => {
  it('is the one the option specs generate (npm run readme:options)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const block = readme.slice(readme.indexOf(OPTIONS_START) + OPTIONS_START.length, readme.indexOf(OPTIONS_END)).trim();
    expect(block).to.equal(renderOptionsTable());
  });
});
