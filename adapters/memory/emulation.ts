import { ErrorCode, JMSException, type Capabilities, type OptionSpec, type OptionValues, type ProviderDescription } from '../../src/spi/public.js';
import { MEMORY_CAPABILITIES } from './capabilities.js';

/**
 * The features the client layer can do itself, which `memory://x?emulate=a,b` hands to it: the
 * embedded broker then declares them `emulated` and stops doing them. For tests only: it runs the
 * client's emulations without a broker that needs them.
 */
export const EMULATABLE = ['priority', 'deliveryDelay', 'timeToLive', 'transactions', 'topicSelectors', 'noLocal', 'deliveryCount'] as const;

export type Emulatable = (typeof EMULATABLE)[number];

/** Why the other capabilities cannot be handed to the client. */
const NOT_EMULATABLE: Partial<Record<keyof Capabilities, string>> = {
  queueSelectors: 'filtering a shared queue on the client would consume messages meant for other consumers',
  browsing: 'the client cannot look into a queue without the broker',
  temporaryQueues: 'temporary destinations are made by the adapter, not the client',
  temporaryTopics: 'temporary destinations are made by the adapter, not the client',
};

/** What the embedded broker still does itself. */
export interface MemoryNative {
  readonly priority: boolean;
  readonly deliveryDelay: boolean;
  readonly timeToLive: boolean;
  readonly deliveryCount: boolean;
}

export const ALL_NATIVE: MemoryNative = { priority: true, deliveryDelay: true, timeToLive: true, deliveryCount: true };

export const EMULATE_OPTION: OptionSpec = {
  name: 'emulate',
  kind: 'string',
  testOnly: true,
  description: `Capabilities the embedded broker leaves to the client layer, comma-separated (${EMULATABLE.join(', ')}, or all).`,
};

/** The adapter name and capabilities for a configuration: `memory+emulated` when emulate= is set. */
export function describeMemory(options: OptionValues): ProviderDescription {
  const emulate = parseEmulate(options.emulate);
  return { adapter: emulate.size === 0 ? 'memory' : 'memory+emulated', capabilities: emulatedCapabilities(MEMORY_CAPABILITIES, emulate) };
}

/** Parses the `emulate` option (comma-separated capability names; `all` for every one). */
export function parseEmulate(value: OptionValues[string]): ReadonlySet<Emulatable> {
  const option = value === undefined ? '' : String(value);
  if (option.trim() === '') return new Set();
  const names = option.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.includes('all')) return new Set(EMULATABLE);
  const chosen = new Set<Emulatable>();
  for (const name of names) {
    if ((EMULATABLE as readonly string[]).includes(name)) {
      chosen.add(name as Emulatable);
      continue;
    }
    const why = NOT_EMULATABLE[name as keyof Capabilities];
    throw new JMSException(
      why !== undefined
        ? `memory:// option emulate: "${name}" cannot be emulated (${why})`
        : `memory:// option emulate: unknown capability "${name}"; the client can emulate ${EMULATABLE.join(', ')} (or all)`,
      ErrorCode.INVALID_CONFIGURATION,
    );
  }
  return chosen;
}

export function emulatedCapabilities(base: Capabilities, emulate: ReadonlySet<Emulatable>): Capabilities {
  const capabilities: Record<string, string> = { ...base };
  for (const name of emulate) capabilities[name] = 'emulated';
  return capabilities as unknown as Capabilities;
}

export function nativeBehaviour(emulate: ReadonlySet<Emulatable>): MemoryNative {
  return {
    priority: !emulate.has('priority'),
    deliveryDelay: !emulate.has('deliveryDelay'),
    timeToLive: !emulate.has('timeToLive'),
    deliveryCount: !emulate.has('deliveryCount'),
  };
}
