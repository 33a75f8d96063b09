/**
 * Typed option specs: an adapter declares the options it accepts (in the URL query or the
 * configuration's `options` object) as data. src/config validates them once against these specs
 * and hands the adapter parsed values; the README's options table is generated from them.
 */
interface OptionSpecBase {
  readonly name: string;
  /** One sentence for the README table and error messages. */
  readonly description: string;
  /** The schemes the option applies to; all of the descriptor's schemes when absent. */
  readonly schemes?: readonly string[];
  /** For tests and diagnosis only: left out of the README table. */
  readonly testOnly?: boolean;
  /** A secret (a passphrase, a private key): its value never appears in a message, a log or a printed configuration. */
  readonly secret?: boolean;
}

/** An integer URL option, with its bounds, default and unit. */
export interface IntegerOptionSpec extends OptionSpecBase {
  readonly kind: 'integer';
  readonly min?: number;
  readonly max?: number;
  readonly default?: number;
  /** Shown after the value in the README, e.g. 'ms'. */
  readonly unit?: string;
}

/** A decimal URL option such as `1.5`, with its bounds, default and unit. */
export interface NumberOptionSpec extends OptionSpecBase {
  readonly kind: 'number';
  readonly min?: number;
  readonly max?: number;
  readonly default?: number;
  readonly unit?: string;
}

/** A boolean URL option (`true` or `false`). */
export interface BooleanOptionSpec extends OptionSpecBase {
  readonly kind: 'boolean';
  readonly default?: boolean;
}

/** A free-text URL option. */
export interface StringOptionSpec extends OptionSpecBase {
  readonly kind: 'string';
  readonly default?: string;
}

/** A URL option that takes one of a fixed set of values. */
export interface EnumOptionSpec extends OptionSpecBase {
  readonly kind: 'enum';
  readonly values: readonly string[];
  readonly default?: string;
}

/**
 * PEM data (certificates, a private key): a file path in a URL; a path, PEM text or a Buffer in the
 * options object. Parsed to the path (a string, read at connect) or the PEM bytes (a Uint8Array).
 */
export interface PemOptionSpec extends OptionSpecBase {
  readonly kind: 'pem';
  readonly default?: undefined;
}

/** How one URL option of an adapter is named, typed, checked and defaulted. */
export type OptionSpec = IntegerOptionSpec | NumberOptionSpec | BooleanOptionSpec | StringOptionSpec | EnumOptionSpec | PemOptionSpec;

/** A parsed option value; a Uint8Array only for PEM options given as data. */
export type OptionValue = number | boolean | string | Uint8Array;

/**
 * Parsed option values by name: a number for `integer` and `number`, a boolean for `boolean`, a string for
 * `string` and `enum`, a path or bytes for `pem`. An option that was not given is its spec's default, or absent.
 */
export type OptionValues = Readonly<Record<string, OptionValue | undefined>>;
