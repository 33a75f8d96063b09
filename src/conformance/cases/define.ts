import type { Session } from '../../api/connection.js';
import { AcknowledgeMode } from '../../api/constants.js';
import type { Destination } from '../../api/destination.js';
import type { Message } from '../../api/message.js';
import type { Capabilities } from '../../spi/capabilities.js';
import type { CaseContext } from '../suite/context.js';
import type { ConformanceCase, Group } from '../suite/types.js';

type Run = (ctx: CaseContext) => Promise<void>;

/** A case maker for one group: `make('what-it-checks', capability, run, unsupportedCheck?)`. */
export function group(name: Group, prefix: string) {
  return (id: string, capability: keyof Capabilities | null, run: Run, unsupported?: Run): ConformanceCase => ({
    id: `${prefix}.${id}`,
    group: name,
    capability,
    run,
    unsupported,
  });
}

/** Sends the message `build` makes to a fresh queue and receives it back. */
export async function roundTrip(
  ctx: CaseContext,
  build: (session: Session) => Message,
  send?: (session: Session, destination: Destination, message: Message) => Promise<void>,
): Promise<Message> {
  const { session } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE);
  const queue = session.createQueue(ctx.name('q'));
  const consumer = await session.createConsumer(queue);
  const message = build(session);
  if (send) await send(session, queue, message);
  else await (await session.createProducer(queue)).send(message);
  return ctx.receive(consumer);
}
