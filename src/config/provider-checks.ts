import { ErrorCode } from '../api/error-codes.js';
import { JMSException } from '../api/exceptions.js';
import { CAPABILITY_NAMES, type Capabilities, type Support } from '../spi/capabilities.js';
import type { ProviderConnection, ProviderSession } from '../spi/provider.js';

/**
 * The optional SPI methods and the capabilities that make them required: the client layer calls a
 * method only when its capability allows, so a provider may leave out what it declares unsupported,
 * and must have what it declares.
 */
const CONNECTION_METHODS: readonly { method: keyof ProviderConnection; needed(c: Capabilities): boolean }[] = [
  { method: 'createTemporaryDestination', needed: (c) => c.temporaryQueues !== 'unsupported' || c.temporaryTopics !== 'unsupported' },
  { method: 'deleteTemporaryDestination', needed: (c) => c.temporaryQueues !== 'unsupported' || c.temporaryTopics !== 'unsupported' },
  { method: 'unsubscribe', needed: (c) => c.durableSubscriptions !== 'unsupported' },
];

const SESSION_METHODS: readonly { method: keyof ProviderSession; needed(c: Capabilities): boolean }[] = [
  { method: 'commit', needed: (c) => c.transactions === 'native' },
  { method: 'rollback', needed: (c) => c.transactions === 'native' },
  { method: 'browse', needed: (c) => c.browsing !== 'unsupported' },
];

const SUPPORT_VALUES: readonly Support[] = ['native', 'emulated', 'unsupported'];

function mismatch(adapter: string, what: string): JMSException {
  return new JMSException(`Adapter ${adapter} does not match its declared capabilities: ${what}`, ErrorCode.INVALID_CONFIGURATION);
}

/** Every capability present with a valid value. */
export function checkCapabilities(adapter: string, capabilities: Capabilities): void {
  for (const name of CAPABILITY_NAMES) {
    if (!SUPPORT_VALUES.includes(capabilities[name])) {
      throw mismatch(adapter, `capability ${name} is ${JSON.stringify(capabilities[name])}, not one of ${SUPPORT_VALUES.join(', ')}`);
    }
  }
}

function checkMethods<T extends object>(
  adapter: string,
  capabilities: Capabilities,
  target: T,
  rules: readonly { method: keyof T; needed(c: Capabilities): boolean }[],
  kind: string,
): void {
  const missing = rules.filter((rule) => rule.needed(capabilities) && typeof target[rule.method] !== 'function');
  if (missing.length > 0) {
    throw mismatch(adapter, `its ${kind} lacks ${missing.map((rule) => String(rule.method)).join(', ')}, which its capabilities require`);
  }
}

export function checkConnectionMethods(adapter: string, capabilities: Capabilities, connection: ProviderConnection): void {
  checkMethods(adapter, capabilities, connection, CONNECTION_METHODS, 'ProviderConnection');
}

export function checkSessionMethods(adapter: string, capabilities: Capabilities, session: ProviderSession): void {
  checkMethods(adapter, capabilities, session, SESSION_METHODS, 'ProviderSession');
}
