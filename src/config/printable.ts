import { inspect } from 'node:util';
import type { OptionSpec } from '../spi/options.js';
import type { ProviderConfig } from '../spi/provider.js';

/**
 * Objects that hold credentials print a safe view of themselves: `util.inspect`, `console.log` and
 * `JSON.stringify` show the view, never the password, a passphrase or a private key.
 */
export function printAs<T extends object>(target: T, view: () => unknown): T {
  Object.defineProperties(target, {
    toJSON: { value: view, enumerable: false, configurable: true },
    [inspect.custom]: {
      value: (_depth: number, options: object, print: typeof inspect = inspect) => print(view(), options),
      enumerable: false,
      configurable: true,
    },
  });
  return target;
}

/** The masked text of a secret that was given. */
export const HIDDEN = '***';

/** A ProviderConfig as it may be printed: the password and secret options masked, PEM data by size only. */
export function printableConfig(config: ProviderConfig, specs: readonly OptionSpec[]): Record<string, unknown> {
  const secret = new Set(specs.filter((spec) => spec.secret).map((spec) => spec.name));
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config.options)) {
    if (value === undefined) continue;
    if (secret.has(name)) options[name] = HIDDEN;
    else options[name] = value instanceof Uint8Array ? `<${value.length} bytes of PEM>` : value;
  }
  return {
    scheme: config.scheme,
    url: config.url,
    hosts: config.hosts,
    path: config.path,
    ...(config.username !== undefined ? { username: config.username } : {}),
    ...(config.password !== undefined ? { password: HIDDEN } : {}),
    options,
  };
}
