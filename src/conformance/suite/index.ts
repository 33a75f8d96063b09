/**
 * jms-ts/conformance: the conformance suite, to run against your own broker URL.
 * @module jms-ts/conformance
 */
export { runConformance, runCase, listCases, summarise, type RunOptions } from './runner.js';
export { writeReport, renderReport, renderCapabilityTable } from './report.js';
export { CaseContext } from './context.js';
export { GROUPS, type ConformanceCase, type ConformanceReport, type CaseReport, type CaseResult, type Group } from './types.js';
