import { strict as assert } from 'node:assert';
import { FeatureNotSupportedException } from '../../api/exceptions.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** Asserts that `action` throws or rejects with an instance of `type`; returns the error. */
export async function expectError<T extends Error>(type: ErrorClass, action: () => unknown): Promise<T> {
  let outcome: unknown;
  try {
    await action();
  } catch (error) {
    outcome = error;
  }
  assert.ok(outcome !== undefined, `expected ${type.name}, but nothing was thrown`);
  assert.ok(outcome instanceof type, `expected ${type.name}, got ${(outcome as Error)?.name}: ${(outcome as Error)?.message}`);
  return outcome as T;
}

/** Asserts that asking for a feature throws FeatureNotSupportedException. */
export function expectUnsupported(action: () => unknown): Promise<FeatureNotSupportedException> {
  return expectError(FeatureNotSupportedException, action);
}

/** A promise with its resolve function, to await an event a listener reports. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Awaits `promise`, failing with `what` after `timeout` ms. */
export async function within<T>(promise: Promise<T>, timeout: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new assert.AssertionError({ message: `timed out after ${timeout} ms waiting for ${what}` })), timeout);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
