import { destinationOf, type Destination, type DestinationKind, type Queue, type TemporaryQueue, type TemporaryTopic, type Topic } from '../api/destination.js';
import { InvalidDestinationException } from '../api/exceptions.js';
import type { Message } from '../api/message.js';
import { JmsBytesMessage, JmsMapMessage, JmsObjectMessage, JmsStreamMessage, JmsTextMessage, PlainMessage } from '../message/index.js';

/** The session's factory methods for messages and destinations: no state of their own. */
export abstract class SessionFactory {
  protected abstract readonly connection: { createTemporary(kind: DestinationKind): Promise<Destination> };
  abstract checkOpen(): void;

  createMessage(): Message { this.checkOpen(); return new PlainMessage(); }
  createTextMessage(text: string | null = null): JmsTextMessage { this.checkOpen(); return new JmsTextMessage(text); }
  createBytesMessage(): JmsBytesMessage { this.checkOpen(); return new JmsBytesMessage(); }
  createMapMessage(): JmsMapMessage { this.checkOpen(); return new JmsMapMessage(); }
  createStreamMessage(): JmsStreamMessage { this.checkOpen(); return new JmsStreamMessage(); }
  createObjectMessage(object: unknown = null): JmsObjectMessage { this.checkOpen(); return new JmsObjectMessage(object); }

  createQueue(name: string): Queue {
    this.checkOpen();
    return destinationOf('queue', checkDestinationName(name, 'queue')) as Queue;
  }

  createTopic(name: string): Topic {
    this.checkOpen();
    return destinationOf('topic', checkDestinationName(name, 'topic')) as Topic;
  }

  createTemporaryQueue(): Promise<TemporaryQueue> {
    this.checkOpen();
    return this.connection.createTemporary('queue') as Promise<TemporaryQueue>;
  }

  createTemporaryTopic(): Promise<TemporaryTopic> {
    this.checkOpen();
    return this.connection.createTemporary('topic') as Promise<TemporaryTopic>;
  }
}

function checkDestinationName(name: string, kind: string): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new InvalidDestinationException(`A ${kind} name must be a non-empty string, got ${name === '' ? 'an empty string' : String(name)}`);
  }
  return name;
}
