import type { Attributes, Counter, Histogram, Meter, UpDownCounter } from '@opentelemetry/api';

/**
 * The instruments of one factory. Names follow the OpenTelemetry messaging semantic conventions
 * where they define one (`messaging.client.*`, `messaging.process.duration`); the JMS-specific
 * ones are `jms.client.*`. Durations are in seconds, as the conventions ask.
 */
export class MessagingMetrics {
  /** Sends that succeeded (in a transacted session: made within the transaction). */
  readonly sent: Counter;
  /** Messages handed to the application (receive, iteration or listener). */
  readonly consumed: Counter;
  /** Messages handed to the application whose acknowledgement or commit reached the broker. */
  readonly acknowledged: Counter;
  /** Messages handed to the application again (JMSRedelivered true). */
  readonly redelivered: Counter;
  /** Messages moved to a dead-letter queue, or dropped because the policy has none. */
  readonly deadLettered: Counter;
  /** send and commit durations (`messaging.operation.name` tells which). */
  readonly operationDuration: Histogram;
  /** How long message listeners ran. */
  readonly processDuration: Histogram;
  /** From hand-out to the application until its acknowledgement reached the broker. */
  readonly receiveToAck: Histogram;
  /** Open connections, by `jms.connection.state` (open, lost). */
  readonly connections: UpDownCounter;

  constructor(meter: Meter) {
    const count = (name: string, description: string) => meter.createCounter(name, { description, unit: '{message}' });
    const seconds = (name: string, description: string) => meter.createHistogram(name, { description, unit: 's' });
    this.sent = count('messaging.client.sent.messages', 'Messages sent');
    this.consumed = count('messaging.client.consumed.messages', 'Messages handed to the application');
    this.acknowledged = count('jms.client.acknowledged.messages', 'Messages acknowledged to the broker after the application had them');
    this.redelivered = count('jms.client.redelivered.messages', 'Messages handed to the application again');
    this.deadLettered = count('jms.client.dead_lettered.messages', 'Messages that ran out of redeliveries');
    this.operationDuration = seconds('messaging.client.operation.duration', 'Duration of send and commit operations');
    this.processDuration = seconds('messaging.process.duration', 'Duration of message listeners');
    this.receiveToAck = seconds('jms.client.receive_to_ack.duration', 'From hand-out to the application until the broker has the acknowledgement');
    this.connections = meter.createUpDownCounter('jms.client.connections', { description: 'Connections by state', unit: '{connection}' });
  }
}

/** Seconds since `start` (a performance.now() reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

