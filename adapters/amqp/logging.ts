import type { LoggedEvent } from '../../src/spi/public.js';

/** amqplib's connection events, as the adapter logs them (the client layer reports the loss itself). */
export const AMQP_EVENTS: Readonly<Record<string, LoggedEvent>> = {
  error: { level: 'error', message: 'amqplib connection error' },
  close: { level: 'info', message: 'amqplib connection closed' },
  blocked: { level: 'warn', message: 'RabbitMQ blocked the connection (a resource alarm): publishes wait' },
  unblocked: { level: 'info', message: 'RabbitMQ unblocked the connection' },
};
