import { ErrorCode } from '../api/error-codes.js';
import { FeatureNotSupportedException, JMSException } from '../api/exceptions.js';
import { DEFAULT_REDELIVERY_POLICY as REDELIVERY } from '../api/redelivery.js';
import { DEFAULT_PREFETCH, DEFAULT_RECONNECT as RECONNECT } from '../client/index.js';
import type { OptionSpec, OptionValue } from '../spi/options.js';

/** Options every adapter accepts; the client layer uses them. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [
  { name: 'clientId', kind: 'string', description: 'The connection\'s client identifier (also `clientId` in the configuration object).' },
  { name: 'prefetch', kind: 'integer', min: 1, default: DEFAULT_PREFETCH, description: 'Most messages a consumer holds before the application has them.' },
  { name: 'maxRedeliveries', kind: 'integer', min: -1, default: REDELIVERY.maxRedeliveries, description: 'Redeliveries of a message the application did not take (listener threw, recover, rollback) before it goes to the dead-letter queue; -1 = no limit.' },
  { name: 'redeliveryDelay', kind: 'integer', default: REDELIVERY.redeliveryDelay, unit: 'ms', description: 'Wait before the first redelivery; other messages keep flowing meanwhile.' },
  { name: 'redeliveryBackoff', kind: 'number', min: 1, default: REDELIVERY.redeliveryBackoff, description: 'Each further redelivery waits this many times longer (1 = constant, 2 doubles).' },
  { name: 'maxRedeliveryDelay', kind: 'integer', default: REDELIVERY.maxRedeliveryDelay, unit: 'ms', description: 'The longest wait before a redelivery, however far the backoff grew.' },
  { name: 'reconnect', kind: 'boolean', default: RECONNECT.reconnect, description: 'Reconnect after the connection to the broker is lost, and re-create sessions, producers and consumers (the first connect still fails at once).' },
  { name: 'reconnectDelay', kind: 'integer', min: 1, default: RECONNECT.reconnectDelay, unit: 'ms', description: 'Wait before the first reconnect attempt; it doubles with each further attempt.' },
  { name: 'maxReconnectDelay', kind: 'integer', min: 1, default: RECONNECT.maxReconnectDelay, unit: 'ms', description: 'The longest wait between reconnect attempts.' },
  { name: 'reconnectTimeout', kind: 'integer', default: RECONNECT.reconnectTimeout, unit: 'ms', description: 'Give up reconnecting (and tell the ExceptionListener) when not back within this time; 0 = never give up.' },
  { name: 'randomize', kind: 'boolean', default: RECONNECT.randomize, description: 'Try the URL\'s hosts in a random order instead of the order given.' },
  { name: 'deadLetterQueue', kind: 'string', default: REDELIVERY.deadLetterQueue, description: 'Queue for messages that ran out of redeliveries; `{destination}` is the original name. Empty = drop them (reported).' },
];

export interface OptionContext {
  readonly scheme: string;
  /** The redacted URL, for messages. */
  readonly url: string;
  /** The adapter name, for FeatureNotSupportedException (asked only then). */
  adapter(): string;
}

function invalid(context: OptionContext, text: string): JMSException {
  return new JMSException(`${text} in "${context.url}"`, ErrorCode.INVALID_CONFIGURATION);
}

/**
 * Parses the raw option texts (from the URL query and the options object) against the specs:
 * unknown names are refused with the list of known ones, values are checked against kind and
 * bounds, options meant for another scheme are refused, defaults are filled in.
 */
export function parseOptions(
  specs: readonly OptionSpec[],
  raw: Readonly<Record<string, string | Uint8Array>>,
  context: OptionContext,
): Record<string, OptionValue | undefined> {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const unknown = Object.keys(raw).filter((key) => !byName.has(key));
  if (unknown.length > 0) {
    throw invalid(
      context,
      `Unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} for ${context.scheme}: URLs. Known options: ${[...byName.keys()].sort().join(', ')}`,
    );
  }
  const values: Record<string, OptionValue | undefined> = {};
  for (const spec of specs) {
    const text = raw[spec.name];
    if (text !== undefined && spec.schemes !== undefined && !spec.schemes.includes(context.scheme)) {
      throw new FeatureNotSupportedException(context.adapter(), `the option ${spec.name}`, `it applies to ${spec.schemes.map((s) => `${s}:`).join(', ')} URLs only`);
    }
    values[spec.name] = text === undefined ? spec.default : parseValue(spec, text, context);
  }
  return values;
}

function parseValue(spec: OptionSpec, value: string | Uint8Array, context: OptionContext): OptionValue {
  if (spec.kind === 'pem') return parsePem(spec, value, context);
  if (typeof value !== 'string') throw invalid(context, `Option ${spec.name} takes a ${spec.kind}, not bytes`);
  // A secret's value is never echoed back, even in a complaint about it.
  const text = value;
  const shown = spec.secret ? 'the value given' : `"${text}"`;
  switch (spec.kind) {
    case 'string':
      return text;
    case 'boolean':
      if (text === 'true' || text === 'false') return text === 'true';
      throw invalid(context, `Option ${spec.name} must be true or false, got ${shown}`);
    case 'enum':
      if (spec.values.includes(text)) return text;
      throw invalid(
        context,
        `Option ${spec.name} takes ${spec.values.length === 1 ? 'only' : 'one of'} ${spec.values.map((v) => `"${v}"`).join(', ')}, got ${shown}`,
      );
    case 'integer': {
      const min = spec.min ?? 0;
      const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isSafeInteger(value) || value < min || (spec.max !== undefined && value > spec.max)) {
        throw invalid(context, `Option ${spec.name} must be an integer ${describeBounds(min, spec.max)}${spec.unit ? ` (${spec.unit})` : ''}, got ${shown}`);
      }
      return value;
    }
    case 'number': {
      const min = spec.min ?? 0;
      const value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(value) || value < min || (spec.max !== undefined && value > spec.max)) {
        throw invalid(context, `Option ${spec.name} must be a number ${describeBounds(min, spec.max)}${spec.unit ? ` (${spec.unit})` : ''}, got ${shown}`);
      }
      return value;
    }
  }
}

/** A PEM option: PEM text or bytes are kept as bytes; anything else is a file path, read at connect. */
function parsePem(spec: OptionSpec, value: string | Uint8Array, context: OptionContext): OptionValue {
  if (typeof value !== 'string') return Uint8Array.from(value);
  if (value.includes('-----BEGIN')) return new TextEncoder().encode(value);
  if (value.trim() === '') throw invalid(context, `Option ${spec.name} needs a file path (or, in the options object, PEM text or a Buffer)`);
  return value;
}

export function describeBounds(min: number, max: number | undefined): string {
  if (max !== undefined) return `from ${min} to ${max}`;
  return min === 0 ? '>= 0' : `>= ${min}`;
}
