import type { ProviderConnection, ProviderSession } from '../../spi/provider.js';
import type { ClientTelemetry } from './client-telemetry.js';

/**
 * The provider connection as the client layer sees it when telemetry is on: its close is logged
 * and counted, and (with metrics) every acknowledgement the broker confirmed is counted and timed.
 * Without telemetry the client layer talks to the provider connection itself.
 */
export function watchConnection(connection: ProviderConnection, telemetry: ClientTelemetry, connectionId: string, lost: () => boolean): ProviderConnection {
  let closed = false;
  const watched: ProviderConnection = {
    setClientId: (clientId) => connection.setClientId(clientId),
    createSession: async (options) => {
      const session = await connection.createSession(options);
      return telemetry.measuresAcks ? watchSession(session, telemetry) : session;
    },
    close: async () => {
      await connection.close();
      if (!closed) telemetry.connectionClosed(connectionId, lost());
      closed = true;
    },
  };
  if (connection.createTemporaryDestination) watched.createTemporaryDestination = (kind) => connection.createTemporaryDestination!(kind);
  if (connection.deleteTemporaryDestination) watched.deleteTemporaryDestination = (destination) => connection.deleteTemporaryDestination!(destination);
  if (connection.unsubscribe) watched.unsubscribe = (name) => connection.unsubscribe!(name);
  return watched;
}

function watchSession(session: ProviderSession, telemetry: ClientTelemetry): ProviderSession {
  const watched: ProviderSession = {
    send: (destination, envelope) => session.send(destination, envelope),
    subscribe: (spec, sink) => session.subscribe(spec, sink),
    acknowledge: (deliveries) => session.acknowledge(deliveries).then(() => telemetry.acknowledged(deliveries)),
    close: () => session.close(),
  };
  if (session.commit) watched.commit = () => session.commit!();
  if (session.rollback) watched.rollback = () => session.rollback!();
  if (session.browse) watched.browse = (queue, selector) => session.browse!(queue, selector);
  return watched;
}
