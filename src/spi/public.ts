/**
 * `jms-ts/spi`: everything an adapter needs, in one entry. The Provider interfaces and their
 * data (Envelope, Delivery, SubscriptionSpec, DeliverySink, Capabilities, option specs), the
 * error vocabulary, the selector parser for brokers that filter in their own dialect, and the
 * codec toolkit. Built-in adapters import only this entry and src/api, like a third party's;
 * an adapter is registered with `registerProvider` from the main entry.
 * @module jms-ts/spi
 */
export * from './capabilities.js';
export * from './envelope.js';
export * from './options.js';
export * from './provider.js';
export * from './selector.js';
export * from './toolkit.js';
export { ErrorCode, RETRIABLE_ERROR_CODES } from '../api/error-codes.js';
export * from '../api/exceptions.js';
export { scopedLogger, adapterLogger, forwardEvents, type LoggedEvent, SILENT_LOGGER, redactFields, redactText, type ScopedLogger } from './logging.js';
export type { Logger, LogLevel } from '../api/logging.js';
export * from './tls.js';
export * from './socket-screen.js';
