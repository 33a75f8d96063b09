import { ErrorCode } from '../api/error-codes.js';
import { JMSException } from '../api/exceptions.js';
import type { ProviderDescriptor } from '../spi/provider.js';
import { COMMON_OPTIONS } from './options.js';

/**
 * The closed registry from URL scheme to adapter descriptor: mechanism only, it imports no
 * adapter. The built-in adapters register from src/builtins.ts, third parties with
 * registerProvider; a scheme is looked up here and never becomes an import path.
 */
const registry = new Map<string, ProviderDescriptor>();

function refuse(text: string): JMSException {
  return new JMSException(text, ErrorCode.INVALID_CONFIGURATION);
}

/** Adds an adapter for its schemes. A scheme that is already taken, or a malformed descriptor, is refused. */
export function registerProvider(descriptor: ProviderDescriptor): void {
  if (typeof descriptor.load !== 'function' || typeof descriptor.describe !== 'function') {
    throw refuse('Cannot register a provider descriptor without describe() and load()');
  }
  for (const scheme of descriptor.schemes) {
    const key = scheme.toLowerCase();
    if (!/^[a-z][a-z0-9+.-]*$/.test(key)) throw refuse(`Cannot register scheme "${scheme}": not a valid URL scheme`);
    if (registry.has(key)) throw refuse(`Cannot register scheme "${scheme}": it is already registered`);
  }
  const names = new Set<string>(COMMON_OPTIONS.map((spec) => spec.name));
  for (const spec of descriptor.options) {
    if (names.has(spec.name)) throw refuse(`Cannot register ${descriptor.schemes.join(', ')}: option "${spec.name}" is declared twice or is a common option`);
    names.add(spec.name);
    const strangers = (spec.schemes ?? []).filter((scheme) => !descriptor.schemes.includes(scheme));
    if (strangers.length > 0) throw refuse(`Cannot register ${descriptor.schemes.join(', ')}: option "${spec.name}" names schemes it does not register: ${strangers.join(', ')}`);
  }
  for (const scheme of descriptor.schemes) registry.set(scheme.toLowerCase(), descriptor);
}

/** The URL schemes with an adapter registered, sorted. */
export function knownSchemes(): string[] {
  return [...registry.keys()].sort();
}

/** Every registered descriptor once, in registration order (for the README options table). */
export function registeredDescriptors(): ProviderDescriptor[] {
  return [...new Set(registry.values())];
}

export function descriptorFor(scheme: string, redactedUrl: string): ProviderDescriptor {
  const descriptor = registry.get(scheme);
  if (!descriptor) {
    throw refuse(
      `Unknown broker URL scheme "${scheme}:" in "${redactedUrl}". Known schemes: ${knownSchemes().map((s) => `${s}:`).join(', ')}`,
    );
  }
  return descriptor;
}
