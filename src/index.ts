/**
 * One JMS 2.0-style messaging API over Kafka, ActiveMQ (STOMP), RabbitMQ (AMQP) and an embedded broker.
 * @module jms-ts
 */
export * from './api/index.js';
import './builtins.js';
export {
  createConnectionFactory,
  resolveProvider,
  registerProvider,
  knownSchemes,
  redactUrl,
  JMS_URL_VARIABLE,
  INVALID_CONFIGURATION,
  type JmsConfig,
} from './config/index.js';
/** The adapter SPI itself is the `jms-ts/spi` entry; these names stay here for applications that read capabilities. */
export type { Capabilities, Support, Provider, ProviderDescriptor, OptionSpec } from './spi/index.js';
export { CAPABILITY_NAMES } from './spi/index.js';
