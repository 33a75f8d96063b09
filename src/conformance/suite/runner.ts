import { FeatureNotSupportedException } from '../../api/exceptions.js';
import { createConnectionFactory, redactUrl, resolveProvider } from '../../index.js';
import { ALL_CASES } from '../cases/index.js';
import { CaseContext } from './context.js';
import type { CaseReport, ConformanceCase, ConformanceReport } from './types.js';

/** Options for runConformance: the broker URL and which cases to run. */
export interface RunOptions {
  url: string;
  /** Only these cases (default: all). */
  cases?: readonly ConformanceCase[];
  /** Multiplies every timeout; env JMS_CONFORMANCE_TIMEOUT_SCALE when absent. */
  timeoutScale?: number;
  onProgress?: (report: CaseReport, done: number, total: number) => void;
}

/** Every conformance case, in run order; filter them (by group, id) for RunOptions.cases. */
export function listCases(): readonly ConformanceCase[] {
  return ALL_CASES;
}

function scaleFrom(options: { timeoutScale?: number }): number {
  const fromEnv = Number(process.env.JMS_CONFORMANCE_TIMEOUT_SCALE);
  return options.timeoutScale ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 1);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Runs one case against a URL and reports pass, fail or unsupported. */
export async function runCase(testCase: ConformanceCase, url: string, timeoutScale?: number): Promise<CaseReport> {
  const provider = resolveProvider(url);
  const factory = createConnectionFactory(url);
  const ctx = new CaseContext(redactUrl(url), provider.adapter, factory, provider.capabilities, testCase.id, scaleFrom({ timeoutScale }));
  const base = { id: testCase.id, group: testCase.group, capability: testCase.capability };
  const unsupported = testCase.capability !== null && provider.capabilities[testCase.capability] === 'unsupported';
  try {
    if (unsupported) {
      if (!testCase.unsupported) {
        return { ...base, result: 'unsupported', error: `capability ${testCase.capability} is unsupported by ${provider.adapter}; this case has no FeatureNotSupportedException check` };
      }
      await testCase.unsupported(ctx);
      return { ...base, result: 'unsupported' };
    }
    await testCase.run(ctx);
    return { ...base, result: 'pass' };
  } catch (error) {
    const note = error instanceof FeatureNotSupportedException && !unsupported ? ' (the adapter threw FeatureNotSupportedException for a capability it declares)' : '';
    return { ...base, result: 'fail', error: describeError(error) + note };
  } finally {
    await ctx.cleanup();
  }
}

/** Runs the conformance suite against a broker URL. */
export async function runConformance(options: RunOptions): Promise<ConformanceReport> {
  const provider = resolveProvider(options.url);
  const cases = options.cases ?? ALL_CASES;
  const reports: CaseReport[] = [];
  for (const testCase of cases) {
    const report = await runCase(testCase, options.url, scaleFrom(options));
    reports.push(report);
    options.onProgress?.(report, reports.length, cases.length);
  }
  return summarise(provider.adapter, redactUrl(options.url), reports);
}

/** Builds a ConformanceReport (with its pass/fail/unsupported counts) from case reports. */
export function summarise(adapter: string, url: string, cases: CaseReport[]): ConformanceReport {
  const summary = { pass: 0, fail: 0, unsupported: 0 };
  for (const report of cases) summary[report.result]++;
  return { adapter, url, cases, summary };
}
