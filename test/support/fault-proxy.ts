import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
import { once } from 'node:events';

/** One client connection through the proxy and its upstream socket to the broker. */
interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
}

/**
 * A loopback TCP proxy between a client and a broker that injects real network faults: it cuts
 * connections (with a reset or a close), cuts in the middle of the next frame, stalls both
 * directions while keeping the sockets open, half-closes, and refuses new connections as a host
 * that is down would. Faults apply to the connections open at the time of the call.
 */
export class FaultProxy {
  private readonly pairs = new Set<Pair>();
  private server: Server | null = null;
  private refusing = false;
  private accepted = 0;
  private readonly acceptWaiters: { count: number; resolve: () => void }[] = [];
  port = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number) {}

  /** Starts listening on 127.0.0.1 (an ephemeral port unless one is given). */
  async start(port = 0): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  /** Connections accepted so far (refused ones not counted). */
  get connectionsAccepted(): number {
    return this.accepted;
  }

  get openConnections(): number {
    return this.pairs.size;
  }

  /** Resolves once `count` connections in all have been accepted. */
  async waitForConnections(count: number): Promise<void> {
    if (this.accepted >= count) return;
    await new Promise<void>((resolve) => this.acceptWaiters.push({ count, resolve }));
  }

  /** Drops every open connection: `reset` sends RST as a crashed peer's kernel would, `close` a FIN. */
  cut(how: 'reset' | 'close' = 'close'): void {
    for (const pair of [...this.pairs]) this.drop(pair, how);
  }

  /**
   * Lets the first `bytes` of the next chunk from the broker through to each open connection, then
   * resets it: the client sees a frame that ends part-way.
   */
  cutMidFrame(bytes = 3): void {
    for (const pair of [...this.pairs]) {
      pair.upstream.unpipe(pair.client);
      pair.upstream.once('data', (chunk: Buffer) => {
        pair.client.write(chunk.subarray(0, Math.min(bytes, Math.max(0, chunk.length - 1))), () => this.drop(pair, 'reset'));
      });
      // unpipe() paused the stream; the listener above needs it flowing.
      pair.upstream.resume();
    }
  }

  /** Stops forwarding in both directions; the sockets stay open, as on a stalled network path. */
  stall(): void {
    for (const { client, upstream } of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** Forwards again after `stall()`. */
  resume(): void {
    for (const { client, upstream } of this.pairs) {
      client.pipe(upstream);
      upstream.pipe(client);
    }
  }

  /** Sends FIN to the client and stops forwarding from the broker, leaving the client's side open. */
  halfClose(): void {
    for (const { client, upstream } of this.pairs) {
      upstream.unpipe(client);
      client.end();
    }
  }

  /** While refusing, new connections are reset at once, as on a host whose broker is down. */
  refuse(refusing: boolean): void {
    this.refusing = refusing;
  }

  async stop(): Promise<void> {
    this.cut();
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private accept(client: Socket): void {
    if (this.refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connectTcp(this.targetPort, this.targetHost);
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      socket.on('error', () => this.drop(pair, 'close'));
      socket.on('close', () => this.drop(pair, 'close'));
    }
    client.pipe(upstream);
    upstream.pipe(client);
    this.accepted++;
    for (const waiter of this.acceptWaiters.filter((w) => this.accepted >= w.count)) {
      this.acceptWaiters.splice(this.acceptWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  private drop(pair: Pair, how: 'reset' | 'close'): void {
    if (!this.pairs.delete(pair)) return;
    for (const socket of [pair.client, pair.upstream]) {
      if (socket.destroyed) continue;
      // A socket still connecting has nothing to reset.
      if (how === 'reset' && !socket.connecting) socket.resetAndDestroy();
      else socket.destroy();
    }
  }
}
