import { JMSException } from '../api/exceptions.js';
import type { ProviderDescriptor } from '../spi/provider.js';
import { amqpProviderDescriptor } from '../../adapters/amqp/index.js';
import { kafkaProviderDescriptor } from '../../adapters/kafka/index.js';
import { memoryProviderDescriptor } from '../../adapters/memory/index.js';
import { stompProviderDescriptor } from '../../adapters/stomp/index.js';
import { INVALID_CONFIGURATION } from './url.js';

/**
 * The closed registry from URL scheme to adapter. Only this module knows the adapters; a scheme
 * is looked up here and never becomes an import path. Third parties add theirs with registerProvider.
 */
const registry = new Map<string, ProviderDescriptor>();

/** Adds an adapter for its schemes. A scheme that is already taken is refused. */
export function registerProvider(descriptor: ProviderDescriptor): void {
  for (const scheme of descriptor.schemes) {
    const key = scheme.toLowerCase();
    if (!/^[a-z][a-z0-9+.-]*$/.test(key)) {
      throw new JMSException(`Cannot register scheme "${scheme}": not a valid URL scheme`, INVALID_CONFIGURATION);
    }
    if (registry.has(key)) {
      throw new JMSException(`Cannot register scheme "${scheme}": it is already registered`, INVALID_CONFIGURATION);
    }
  }
  for (const scheme of descriptor.schemes) registry.set(scheme.toLowerCase(), descriptor);
}

export function knownSchemes(): string[] {
  return [...registry.keys()].sort();
}

export function descriptorFor(scheme: string, redactedUrl: string): ProviderDescriptor {
  const descriptor = registry.get(scheme);
  if (!descriptor) {
    throw new JMSException(
      `Unknown broker URL scheme "${scheme}:" in "${redactedUrl}". Known schemes: ${knownSchemes().map((s) => `${s}:`).join(', ')}`,
      INVALID_CONFIGURATION,
    );
  }
  return descriptor;
}

registerProvider(memoryProviderDescriptor);
registerProvider(amqpProviderDescriptor);
registerProvider(stompProviderDescriptor);
registerProvider(kafkaProviderDescriptor);
