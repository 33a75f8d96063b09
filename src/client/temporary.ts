import { QueueValue, TopicValue, type Destination, type TemporaryQueue, type TemporaryTopic } from '../api/destination.js';

/** What a temporary destination needs from the connection that created it. */
export interface TemporaryOwner {
  deleteTemporary(destination: Destination): Promise<void>;
}

export class ClientTemporaryQueue extends QueueValue implements TemporaryQueue {
  constructor(name: string, private readonly owner: TemporaryOwner) {
    super(name, true);
  }
  delete(): Promise<void> {
    return this.owner.deleteTemporary(this);
  }
}

export class ClientTemporaryTopic extends TopicValue implements TemporaryTopic {
  constructor(name: string, private readonly owner: TemporaryOwner) {
    super(name, true);
  }
  delete(): Promise<void> {
    return this.owner.deleteTemporary(this);
  }
}
