/**
 * A value with its Java type made explicit. Properties use the first eight types; map and
 * stream bodies add char (a one-character string) and bytes (byte[]).
 */
export type ValueType = 'boolean' | 'byte' | 'short' | 'char' | 'int' | 'long' | 'float' | 'double' | 'string' | 'bytes';

export type TypedValue =
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'byte' | 'short' | 'int' | 'float' | 'double'; readonly value: number }
  | { readonly type: 'char'; readonly value: string }
  | { readonly type: 'long'; readonly value: bigint }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Uint8Array };

/** The types a message property may have. */
export type PropertyTypedValue = Extract<TypedValue, { type: 'boolean' | 'byte' | 'short' | 'int' | 'long' | 'float' | 'double' | 'string' }>;
