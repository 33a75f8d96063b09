import { AsyncLocalStorage } from 'node:async_hooks';

/** Which connection, session and consumer a running message listener belongs to. */
export interface ListenerScope {
  readonly connection: object;
  readonly session: object;
  readonly consumer: object;
}

const scope = new AsyncLocalStorage<ListenerScope>();

/** Runs a listener on `message` so that calls it makes can tell they come from inside it. */
export function runInListener<A, T>(context: ListenerScope, body: (argument: A) => T, argument: A): T {
  return scope.run(context, body, argument);
}

/** The listener the current call comes from, if any. */
export function currentListener(): ListenerScope | undefined {
  return scope.getStore();
}
