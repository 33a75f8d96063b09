import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { expect } from 'chai';
import { JMSException, createConnectionFactory, type Connection } from '../../src/index.js';
import { random } from './secrets.js';

/**
 * Hostile peers: generated malformed, truncated, oversized and random frames, and a fake broker on
 * loopback that plays them to the real adapters.
 */

/** What a fake broker does on one connection: answers each chunk the client sends with the next reply, then closes or goes silent. */
export interface Script {
  readonly replies: readonly Buffer[];
  readonly then: 'close' | 'hang';
}

/** A loopback server that plays one script per accepted connection, in order. */
export class FakeBroker {
  private readonly server: Server;
  private readonly scripts: Script[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly answer: (request: Buffer, socket: Socket, reply: Buffer) => Buffer = (_request, _socket, reply) => reply) {
    this.server = createServer((socket) => this.play(socket));
  }

  /** `answer` may adapt a reply to the request it answers (e.g. Kafka's correlation id). */
  static async start(answer?: (request: Buffer, socket: Socket, reply: Buffer) => Buffer): Promise<FakeBroker> {
    const broker = new FakeBroker(answer);
    await new Promise<void>((resolve) => broker.server.listen(0, '127.0.0.1', resolve));
    return broker;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The script the next connection plays (connections beyond the queue are closed at once). */
  push(script: Script): void {
    this.scripts.push(script);
  }

  private play(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const script = this.scripts.shift();
    if (script === undefined) {
      socket.destroy();
      return;
    }
    let index = 0;
    socket.on('data', (request: Buffer) => {
      if (index < script.replies.length) {
        socket.write(this.answer(request, socket, script.replies[index++]!));
        if (index === script.replies.length && script.then === 'close') socket.end();
      }
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Generates hostile variants of valid frames: truncated, bit-flipped, resized, spliced, oversized and random bytes. */
export class Mutator {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = random(seed);
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  bytes(length: number): Buffer {
    const buffer = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i++) buffer[i] = this.int(256);
    return buffer;
  }

  /** One hostile variant of `sample`; `kind` says which mutation, for messages. */
  mutate(sample: Buffer): { kind: string; bytes: Buffer } {
    const copy = Buffer.from(sample);
    switch (this.int(7)) {
      case 0:
        return { kind: 'truncated', bytes: copy.subarray(0, this.int(Math.max(1, copy.length))) };
      case 1: {
        for (let flips = 1 + this.int(4); flips > 0 && copy.length > 0; flips--) copy[this.int(copy.length)] ^= 1 << this.int(8);
        return { kind: 'bit-flipped', bytes: copy };
      }
      case 2: {
        // A size or count field (any 4 bytes) set to a huge or negative value.
        if (copy.length >= 4) copy.writeUInt32BE([0xffffffff, 0x7fffffff, 0x80000000, this.int(0xffffffff)][this.int(4)]!, this.int(copy.length - 3));
        return { kind: 'resized', bytes: copy };
      }
      case 3:
        return { kind: 'spliced', bytes: Buffer.concat([copy.subarray(0, this.int(copy.length + 1)), this.bytes(1 + this.int(32)), copy.subarray(this.int(copy.length + 1))]) };
      case 4:
        return { kind: 'doubled', bytes: Buffer.concat([copy, copy.subarray(0, this.int(copy.length + 1))]) };
      case 5:
        return { kind: 'random', bytes: this.bytes(1 + this.int(64)) };
      default: {
        const at = this.int(copy.length + 1);
        copy.fill(this.int(256), at, Math.min(copy.length, at + 1 + this.int(8)));
        return { kind: 'overwritten', bytes: copy };
      }
    }
  }
}

/** How long a hostile case may take before it counts as a hang. */
export const HOSTILE_BOUND_MS = 15000;

/**
 * Connects through the real adapter to a fake broker playing `script`, runs `action` on the open
 * connection, and returns the JMSException that must end the case: from connect, from the action, or
 * at the ExceptionListener. Anything else (another error type, success with no exception, no
 * answer within HOSTILE_BOUND_MS) fails the test.
 */
export async function hostileOutcome(url: string, action: (connection: Connection) => Promise<unknown>): Promise<JMSException> {
  let timer: NodeJS.Timeout | undefined;
  let connection: Connection | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no JMSException within ${HOSTILE_BOUND_MS} ms: the case hangs`)), HOSTILE_BOUND_MS);
  });
  try {
    const outcome = (async (): Promise<JMSException> => {
      try {
        connection = await createConnectionFactory(url).createConnection();
      } catch (error) {
        return expectJms(error, 'connect');
      }
      const lost = new Promise<JMSException>((resolve) => connection!.setExceptionListener(resolve));
      const acted = action(connection).then(
        () => lost,
        (error: unknown) => expectJms(error, 'the pending call'),
      );
      return Promise.race([acted, lost]);
    })();
    return await Promise.race([outcome, hang]);
  } finally {
    clearTimeout(timer);
    await connection?.close().catch(() => undefined);
  }
}

function expectJms(error: unknown, where: string): JMSException {
  expect(error, `${where} fails with a JMSException, not ${String(error)}`).to.be.instanceOf(JMSException);
  return error as JMSException;
}

/** Heap in use after a collection when exposed (--expose-gc), for the bounded-memory checks. */
export function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}
