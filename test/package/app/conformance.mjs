// jms-ts/conformance from an application: one group of the suite on memory://, no failure.
import { listCases, runConformance } from 'jms-ts/conformance';

const cases = listCases().filter((c) => c.group === 'messages-and-bodies');
const report = await runConformance({ url: 'memory://', cases });
console.log(`${report.adapter}: ${report.summary.pass}/${cases.length} passed`);
if (report.summary.fail > 0 || report.summary.pass === 0) process.exitCode = 1;
