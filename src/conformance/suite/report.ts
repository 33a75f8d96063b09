import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CAPABILITY_NAMES, type Capabilities } from '../../spi/capabilities.js';
import { GROUPS, type ConformanceReport } from './types.js';

const MARK = { pass: 'pass', fail: '**FAIL**', unsupported: 'unsupported' } as const;

/** The report as Markdown: a summary, then every case with its result. */
export function renderReport(report: ConformanceReport): string {
  const lines = [
    `# Conformance: ${report.adapter}`,
    '',
    `URL: \`${report.url}\` — ${report.summary.pass} pass, ${report.summary.fail} fail, ${report.summary.unsupported} unsupported`,
    '',
    '| case | group | capability | result |',
    '|---|---|---|---|',
  ];
  for (const c of report.cases) {
    lines.push(`| ${c.id} | ${c.group} | ${c.capability ?? '—'} | ${MARK[c.result]}${c.error ? `: ${c.error.replace(/\|/g, '\\|').replace(/\n/g, ' ')}` : ''} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `<adapter>.json` and `<adapter>.md` into `dir`. */
export async function writeReport(report: ConformanceReport, dir = 'reports/conformance'): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const name = report.adapter.replace(/[^a-z0-9+.-]/gi, '_');
  const json = join(dir, `${name}.json`);
  const md = join(dir, `${name}.md`);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(md, renderReport(report));
  return [json, md];
}

/**
 * The README's capability table: for each adapter, each group's passing cases out of those run,
 * and each capability as the adapter declares it.
 */
export function renderCapabilityTable(reports: readonly ConformanceReport[], capabilities: Record<string, Capabilities>): string {
  const adapters = reports.map((r) => r.adapter);
  const header = `| | ${adapters.join(' | ')} |\n|---|${adapters.map(() => '---').join('|')}|`;
  const groupRows = GROUPS.map((group) => {
    const cells = reports.map((report) => {
      const cases = report.cases.filter((c) => c.group === group);
      const pass = cases.filter((c) => c.result === 'pass').length;
      const unsupported = cases.filter((c) => c.result === 'unsupported').length;
      const fail = cases.length - pass - unsupported;
      return `${pass}/${cases.length}${unsupported ? ` (${unsupported} unsupported)` : ''}${fail ? ` **${fail} fail**` : ''}`;
    });
    return `| ${group} | ${cells.join(' | ')} |`;
  });
  const capabilityRows = CAPABILITY_NAMES.map((name) => `| ${name} | ${adapters.map((a) => capabilities[a]?.[name] ?? '?').join(' | ')} |`);
  const totals = `| **cases passed** | ${reports.map((r) => `${r.summary.pass}/${r.cases.length}`).join(' | ')} |`;
  return [header, totals, ...groupRows, '| *capability* | ' + adapters.map(() => '').join(' | ') + ' |', ...capabilityRows].join('\n');
}
