/**
 * JMS destinations. Destinations are plain values: two destinations with the same kind and
 * name are equal (`equals`). Temporary destinations are created by a Connection and can be
 * deleted through it.
 */
export type DestinationKind = 'queue' | 'topic';

/** Where messages are sent to and received from: a queue or a topic. */
export interface Destination {
  readonly kind: DestinationKind;
  /** The queue or topic name as the application gave it (or the broker assigned it). */
  readonly name: string;
  readonly temporary: boolean;
  equals(other: Destination | null | undefined): boolean;
  toString(): string;
}

/** A point-to-point destination: each message goes to one consumer. */
export interface Queue extends Destination {
  readonly kind: 'queue';
  getQueueName(): string;
}

/** A publish/subscribe destination: each message goes to every subscription. */
export interface Topic extends Destination {
  readonly kind: 'topic';
  getTopicName(): string;
}

/** A queue that lives as long as the connection that created it; for replies. */
export interface TemporaryQueue extends Queue {
  /** Deletes the temporary queue; fails with IllegalStateException while a consumer uses it. */
  delete(): Promise<void>;
}

/** A topic that lives as long as the connection that created it. */
export interface TemporaryTopic extends Topic {
  delete(): Promise<void>;
}

abstract class DestinationValue implements Destination {
  abstract readonly kind: DestinationKind;

  constructor(
    readonly name: string,
    readonly temporary: boolean = false,
  ) {}

  equals(other: Destination | null | undefined): boolean {
    return !!other && other.kind === this.kind && other.name === this.name;
  }

  toString(): string {
    return `${this.kind}://${this.name}`;
  }
}

/** A queue named by the application (Session.createQueue returns one). */
export class QueueValue extends DestinationValue implements Queue {
  readonly kind = 'queue' as const;
  getQueueName(): string {
    return this.name;
  }
}

/** A topic named by the application (Session.createTopic returns one). */
export class TopicValue extends DestinationValue implements Topic {
  readonly kind = 'topic' as const;
  getTopicName(): string {
    return this.name;
  }
}

/** A queue or topic value with the given kind and name (temporary when a connection created it). */
export function destinationOf(kind: DestinationKind, name: string, temporary = false): Queue | Topic {
  return kind === 'queue' ? new QueueValue(name, temporary) : new TopicValue(name, temporary);
}
