import type { ProviderSession } from '../spi/provider.js';
import type { AsyncSends } from './async-sends.js';
import type { BrowserHost, ProducerHost } from './hosts.js';
import type { SessionOwner } from './session.js';
import type { SessionTransaction } from './transaction.js';

/** What a session's producers see of it: sends go through the session's transaction. */
export function producerHost(
  connection: SessionOwner,
  checkOpen: () => void,
  transaction: SessionTransaction,
  asyncSends: AsyncSends,
  producers: Set<object>,
): ProducerHost {
  return {
    features: connection.features,
    connectionId: connection.connectionId,
    checkOpen,
    send: (destination, envelope) => {
      try {
        checkOpen();
      } catch (error) {
        return Promise.reject(error);
      }
      const telemetry = connection.telemetry;
      return telemetry === null ? transaction.send(destination, envelope) : telemetry.send(destination, envelope, transaction);
    },
    trackAsyncSend: (producer, completion) => asyncSends.track(producer, completion),
    nextMessageId: () => connection.nextMessageId(),
    reportError: (error) => connection.reportError(error),
    producerClosed: (producer) => void producers.delete(producer),
  };
}

/** What a session's browsers see of it: the selector goes to the broker only where it is native. */
export function browserHost(connection: SessionOwner, checkOpen: () => void, provider: ProviderSession, browsers: Set<object>): BrowserHost {
  return {
    features: connection.features,
    checkOpen,
    browse: (queue, selector) => provider.browse!(queue, connection.features.isNative('queueSelectors') ? selector : null),
    browserClosed: (browser) => void browsers.delete(browser),
  };
}
