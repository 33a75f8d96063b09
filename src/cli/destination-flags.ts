import type { Destination, Session } from '../api/index.js';
import { UsageError, type Options } from './args.js';

export const DESTINATION_OPTIONS: Options = {
  queue: { type: 'string', short: 'q' },
  topic: { type: 'string', short: 't' },
};

/** Exactly one of --queue or --topic. */
export function destinationFlag(session: Session, values: Record<string, unknown>): Destination {
  const queue = values.queue as string | undefined;
  const topic = values.topic as string | undefined;
  if ((queue === undefined) === (topic === undefined)) throw new UsageError('give exactly one of --queue NAME or --topic NAME');
  return queue !== undefined ? session.createQueue(queue) : session.createTopic(topic!);
}
