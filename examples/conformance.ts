/**
 * Runs the conformance suite from a program, against your own broker URL, and prints what the
 * broker does. `jms-ts/conformance` is the same suite `npx jms conformance <url>` runs.
 *
 *   npx tsx examples/conformance.ts                  # every group
 *   JMS_URL=kafka://127.0.0.1:9092 JMS_CONFORMANCE_GROUP=selectors npx tsx examples/conformance.ts
 */
import { listCases, runConformance } from '../src/conformance/suite/index.js';

const url = process.env.JMS_URL || 'memory://';
const group = process.env.JMS_CONFORMANCE_GROUP || undefined; // optional: run one group only
const cases = listCases().filter((c) => group === undefined || c.group === group);
if (cases.length === 0) throw new Error(`no conformance group "${group}"`);

const report = await runConformance({ url, cases });
const { pass, fail, unsupported } = report.summary;
console.log(`${report.adapter} at ${report.url}: ${pass} passed, ${unsupported} unsupported (refused as such), ${fail} failed`);
for (const failure of report.cases.filter((c) => c.result === 'fail')) console.log(`  failed ${failure.id}: ${failure.error}`);
if (fail > 0) process.exitCode = 1;
