import { redactUrl } from '../index.js';
import { runConformance, writeReport } from '../conformance/suite/index.js';
import { GROUPS, type Group } from '../conformance/suite/types.js';
import { listCases } from '../conformance/suite/runner.js';
import { UsageError, parseCommand } from './args.js';
import type { Command } from './commands.js';
import { Progress } from './progress.js';

export const conformanceCommand: Command = {
  usage: 'jms conformance URL [--json] [--group GROUP] [--timeout-scale F] [--report-dir DIR]',
  async run(args) {
    const { values, positionals } = parseCommand(args, {
      url: { type: 'string', short: 'u' },
      json: { type: 'boolean' },
      group: { type: 'string', short: 'g' },
      'timeout-scale': { type: 'string' },
      'report-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    const url = (values.url as string | undefined) ?? positionals[0] ?? process.env.JMS_URL;
    if (!url) throw new UsageError('give the broker URL, e.g. jms conformance memory://');
    const group = values.group as string | undefined;
    if (group !== undefined && !GROUPS.includes(group as Group)) {
      throw new UsageError(`unknown group "${group}"; groups: ${GROUPS.join(', ')}`);
    }
    const scale = values['timeout-scale'] === undefined ? undefined : Number(values['timeout-scale']);
    if (scale !== undefined && !(scale > 0)) throw new UsageError('--timeout-scale must be a number > 0');
    const cases = listCases().filter((c) => group === undefined || c.group === group);
    const progress = new Progress('cases', cases.length);
    const report = await runConformance({
      url,
      cases,
      timeoutScale: scale,
      onProgress: (result) => {
        progress.tick(result.id);
        if (result.result === 'fail' && !values.json) console.error(`FAIL ${result.id}: ${result.error}`);
      },
    });
    progress.done();
    const files = await writeReport(report, (values['report-dir'] as string | undefined) ?? 'reports/conformance');
    if (values.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      const { pass, fail, unsupported } = report.summary;
      console.log(`${report.adapter} at ${redactUrl(url)}: ${pass} pass, ${fail} fail, ${unsupported} unsupported (reports: ${files.join(', ')})`);
    }
    return report.summary.fail === 0 ? 0 : 1;
  },
};
