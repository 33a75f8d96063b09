/** The adapter's public pieces; its descriptor (src/builtins.ts registers it) imports no broker client. */
export { stompProviderDescriptor } from './descriptor.js';
export { StompProvider } from './provider.js';
export { ACTIVEMQ as ACTIVEMQ_STOMP, RABBITMQ as RABBITMQ_STOMP } from './dialect.js';

