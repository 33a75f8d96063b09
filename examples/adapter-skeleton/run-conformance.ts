/**
 * Runs the conformance suite against the skeleton adapter and prints one line per case:
 * `npx tsx examples/adapter-skeleton/run-conformance.ts`. Exits with 1 when a case fails.
 * A case counts as refused only when the suite checked that the feature is refused with
 * FeatureNotSupportedException; an unsupported case it could not check is a failure here.
 */
import { pathToFileURL } from 'node:url';
import { listCases, runCase, summarise, type CaseReport, type ConformanceReport } from '../../src/conformance/suite/index.js';
import { registerSkeleton } from './index.js';

export const SKELETON_URL = 'skeleton://conformance';

/** `pass`, `refused` (a typed refusal the suite checked) or `fail` (anything else). */
export type SkeletonOutcome = 'pass' | 'refused' | 'fail';

export function outcomeOf(report: CaseReport): SkeletonOutcome {
  if (report.result === 'pass') return 'pass';
  if (report.result === 'unsupported' && report.error === undefined) return 'refused';
  return 'fail';
}

export async function runSkeletonConformance(onCase?: (report: CaseReport, outcome: SkeletonOutcome) => void): Promise<ConformanceReport> {
  registerSkeleton();
  const reports: CaseReport[] = [];
  for (const testCase of listCases()) {
    const report = await runCase(testCase, SKELETON_URL);
    reports.push(report);
    onCase?.(report, outcomeOf(report));
  }
  return summarise('skeleton', SKELETON_URL, reports);
}

async function main(): Promise<void> {
  const counts: Record<SkeletonOutcome, number> = { pass: 0, refused: 0, fail: 0 };
  await runSkeletonConformance((report, outcome) => {
    counts[outcome]++;
    const capability = report.capability === null ? '' : ` [${report.capability}]`;
    console.log(`${outcome.padEnd(7)} ${report.id}${capability}${report.error ? `: ${report.error}` : ''}`);
  });
  console.log(`\nskeleton: ${counts.pass} passed, ${counts.refused} refused with FeatureNotSupportedException, ${counts.fail} failed`);
  if (counts.fail > 0) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
