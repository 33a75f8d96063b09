import { PublishingMessage, SendReceipt, type Producer } from 'rocketmq-client-nodejs';
// The generated protobuf module is CommonJS that Node cannot name-import.
import service from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/service_pb.js';
import type { OutgoingMessage } from './message-mapping.js';

/** The most messages one SendMessage request carries, and their most bytes (the proxy's default limit is 4 MiB). */
const MAX_BATCH = 64;
const MAX_BATCH_BYTES = 2 * 1024 * 1024;
/** Permission values of a message queue that allow writing (the proto's WRITE and READ_WRITE). */
const WRITABLE = new Set([3, 4]);
const NOT_FOUND = 40402;
/** How long a new topic may take to appear in the name server's routes (the broker registers it asynchronously). */
const ROUTE_WAIT_MS = 10000;

interface Queued {
  readonly message: OutgoingMessage;
  /** Resolves once the topic exists (made by the broker admin). */
  readonly ready: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

type Route = { messageQueues: Parameters<PublishingMessage['toProtobuf']>[1][] };
interface Internals {
  getRouteData(topic: string): Promise<Route>;
}
interface SendRequest {
  addMessages(message: unknown): void;
}
const { SendMessageRequest } = service as unknown as { SendMessageRequest: new () => SendRequest };

/** Runs `fn` again while the proxy says the topic has no route yet, for up to ROUTE_WAIT_MS. */
export async function onceRouted<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ROUTE_WAIT_MS;
  for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
    try {
      return await fn();
    } catch (error) {
      if ((error as { code?: unknown }).code !== NOT_FOUND || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

const batchable = (message: OutgoingMessage): boolean => message.messageGroup === undefined && message.deliveryTimestamp === undefined;

/**
 * A connection's sends, in call order. The proxy runs concurrent requests in parallel and could
 * store them out of order, so one request is in flight at a time; the sends that queued up behind
 * it go together in the next one (a SendMessage request takes several messages of one topic, which
 * the broker stores in order). rocketmq-client-nodejs sends one message per request, so batches are
 * built from its PublishingMessage and sent through its RPC client; grouped and timed messages go
 * alone through `Producer.send`.
 */
export class OrderedSender {
  private readonly queue: Queued[] = [];
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private settle: (() => void) | null = null;

  constructor(
    private readonly producer: Producer,
    private readonly timeoutMs: number,
  ) {}

  send(message: OutgoingMessage, ready: Promise<void>): Promise<void> {
    ready.catch(() => undefined); // awaited by the pump when its turn comes; its failure fails this send there
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ message, ready, resolve, reject });
      if (!this.running) {
        this.running = true;
        this.idle = new Promise((done) => (this.settle = done));
        void this.pump();
      }
    });
  }

  /** Resolves once every send queued so far has settled. */
  drained(): Promise<void> {
    return this.idle;
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.take();
      try {
        await Promise.all(batch.map((entry) => entry.ready));
        if (batch.length === 1 && !batchable(batch[0]!.message)) await onceRouted(() => this.producer.send(batch[0]!.message));
        else await onceRouted(() => this.sendBatch(batch.map((entry) => entry.message)));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.running = false;
    this.settle?.();
  }

  /** The head of the queue, with the batchable sends of the same topic right behind it. */
  private take(): Queued[] {
    const head = this.queue.shift()!;
    const batch = [head];
    if (!batchable(head.message)) return batch;
    let bytes = head.message.body.length;
    while (this.queue.length > 0 && batch.length < MAX_BATCH) {
      const next = this.queue[0]!;
      if (next.message.topic !== head.message.topic || !batchable(next.message)) break;
      bytes += next.message.body.length;
      if (bytes > MAX_BATCH_BYTES) break;
      batch.push(this.queue.shift()!);
    }
    return batch;
  }

  private async sendBatch(messages: readonly OutgoingMessage[]): Promise<void> {
    const topic = messages[0]!.topic;
    const route = await (this.producer as unknown as Internals).getRouteData(topic);
    const queue = route.messageQueues.find((mq) => WRITABLE.has((mq as unknown as { permission: number }).permission));
    if (!queue) throw new Error(`topic ${topic} has no writable queue`);
    const request = new SendMessageRequest();
    for (const message of messages) request.addMessages(new PublishingMessage({ ...message }, this.producer.publishingSettings, false).toProtobuf('', queue));
    const endpoints = (queue as unknown as { broker: { endpoints: Parameters<ReturnType<Producer['getRpcClientManager']>['sendMessage']>[0] } }).broker.endpoints;
    const response = await this.producer.getRpcClientManager().sendMessage(endpoints, request as never, this.timeoutMs);
    SendReceipt.processResponseInvocation(queue, response); // throws on a refused message
  }
}
