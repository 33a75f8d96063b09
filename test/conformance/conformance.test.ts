import { expect } from 'chai';
import { redactUrl, resolveProvider } from '../../src/index.js';
import { brokerUrls } from './broker-urls.js';
import { listCases, runCase, summarise } from '../../src/conformance/suite/runner.js';
import { renderCapabilityTable, writeReport } from '../../src/conformance/suite/report.js';
import type { CaseReport } from '../../src/conformance/suite/types.js';

/**
 * The conformance suite as mocha tests: one `describe` per broker URL, one `it` per case. Each run
 * writes reports/conformance/<adapter>.json and .md.
 */
for (const { url, adapter, report: writesReport } of brokerUrls()) {
  describe(`conformance: ${adapter} (${url.replace(/:[^:@/]*@/, ':***@')})`, function () {
    this.timeout(60000);
    const reports: CaseReport[] = [];

    after(async () => {
      const report = summarise(adapter, redactUrl(url), reports);
      if (writesReport !== false) await writeReport(report);
      const capabilities = { [adapter]: resolveProvider(url).capabilities };
      // Printed so a run shows the matrix row this adapter contributes to the README.
      console.log(`\n${renderCapabilityTable([report], capabilities).split('\n').slice(0, 3).join('\n')}\n`);
    });

    for (const testCase of listCases()) {
      it(testCase.id, async function () {
        const report = await runCase(testCase, url);
        reports.push(report);
        if (report.result === 'unsupported') {
          this.test!.title = `${testCase.id} (unsupported: ${report.error ?? 'FeatureNotSupportedException checked'})`;
        }
        expect(report.result, report.error).to.not.equal('fail');
      });
    }
  });
}
