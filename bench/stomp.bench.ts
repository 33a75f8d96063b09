/**
 * jms-ts against raw stompit on the same STOMP broker in the same run, 1 KiB messages:
 * (a) persistent send waiting for each receipt, (b) pipelined persistent sends (receipts awaited
 * together), (c) consuming with an ack per message (JMS AUTO_ACKNOWLEDGE acks each message too).
 * Both sides set TCP_NODELAY, as the adapter does. Raw stompit runs twice: with the headers a
 * plain stompit user sends, and with the JMS headers jms-ts carries. On ActiveMQ the rows also
 * compare with ActiveMQ's own Java JMS client (bench/java-anchor.ts), what a Java user would run.
 *
 *   npx tsx bench/stomp.bench.ts stomp://127.0.0.1:61613
 */
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import stompit from 'stompit';
import { BODY_1KIB, compareSides, countdown, measureOurs, rate, type Counts, type Figures, type Row, type Side } from './adapter-bench.js';
import { javaAnchor } from './java-anchor.js';
import { latencyOf, warmupOf, type Latency } from './client.bench.js';
import { printTable, type BenchResult } from './results.js';

function rawConnect(url: string): Promise<stompit.Client> {
  const { hostname, port, username, password, protocol } = new URL(url);
  const rabbit = protocol === 'stomp+rabbitmq:';
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) || (rabbit ? 61614 : 61613) }, () => {
      socket.setNoDelay(true);
      const client = new stompit.Client(socket);
      client.setMaxListeners(0); // stompit adds an 'error' listener per send awaiting its receipt
      const headers: Record<string, string> = { host: '/', 'heart-beat': '0,0' };
      if (username) Object.assign(headers, { login: decodeURIComponent(username), passcode: decodeURIComponent(password) });
      client.connect(headers, (error: Error | null) => (error ? reject(error) : resolve(client)));
    });
    socket.once('error', reject);
  });
}

/** On RabbitMQ the adapter's queues are priority queues (slower on the broker): raw declares the same. */
function queueHeaders(url: string): Record<string, string> {
  return url.startsWith('stomp+rabbitmq:') ? { 'x-max-priority': '9' } : {};
}

/** The headers jms-ts puts on a persistent TextMessage (adapters/stomp/frames.ts), written out by hand. */
function jmsHeaders(url: string): () => Record<string, string> {
  const rabbit = url.startsWith('stomp+rabbitmq:');
  const connection = `ID:bench-${process.pid}`;
  let sequence = 0;
  return () => {
    const now = String(Date.now());
    const headers: Record<string, string> = {
      priority: '4',
      jmsts_message_id: `${connection}:${++sequence}`,
      'content-type': 'text/plain; charset=utf-8',
    };
    if (rabbit) Object.assign(headers, { jmsts_conn: connection, jmsts_timestamp: now });
    else headers.timestamp = now;
    return headers;
  };
}

async function raw(url: string, queue: string, counts: Counts, extraHeaders: () => Record<string, string> = () => ({})): Promise<Figures> {
  const client = await rawConnect(url);
  const declare = queueHeaders(url);
  try {
    const send = () =>
      new Promise<void>((resolve, reject) => {
        const headers = { destination: queue, persistent: 'true', 'content-type': 'text/plain', ...declare, ...extraHeaders() };
        const frame = client.send(headers, { onReceipt: resolve, onError: reject });
        frame.end(BODY_1KIB);
      });
    let started = performance.now();
    for (let i = 0; i < counts.confirmed; i++) await send();
    const confirmed = rate(counts.confirmed, started);
    started = performance.now();
    await Promise.all(Array.from({ length: counts.pipelined }, send));
    const pipelined = rate(counts.pipelined, started);

    const total = counts.confirmed + counts.pipelined;
    const all = countdown(total);
    started = performance.now();
    client.subscribe({ destination: queue, ...declare, ack: 'client-individual', 'activemq.prefetchSize': '1000', 'prefetch-count': '1000' }, (error, message) => {
      if (error) return;
      message.on('data', () => undefined);
      message.on('end', () => {
        client.ack(message);
        all.done();
      });
    });
    await all.finished;
    return { confirmed, pipelined, consumed: rate(total, started) };
  } finally {
    client.disconnect();
  }
}

/**
 * Request/reply in raw stompit, as its users write it: the responder answers on `reply-to` and
 * acks each request; persistent messages wait for their receipt. ActiveMQ replies go to a
 * `/temp-queue/`, RabbitMQ's implicit `/temp-queue/` subscription as its plugin documents.
 */
export async function rawRequestReply(url: string, persistent: boolean, roundTrips: number, size = 100): Promise<Latency> {
  const rabbit = url.startsWith('stomp+rabbitmq:');
  const client = await rawConnect(url);
  try {
    const requests = `/queue/bench.stomp.rr.${process.pid}.${Date.now()}`;
    const declare = queueHeaders(url);
    const mode = { persistent: String(persistent) };
    const body = 'x'.repeat(size);
    const send = (headers: Record<string, string>): Promise<void> =>
      new Promise((resolve, reject) => {
        if (persistent) client.send(headers, { onReceipt: resolve, onError: reject }).end(body);
        else {
          client.send(headers).end(body);
          resolve();
        }
      });
    const readAll = (message: stompit.Client.Message, then: () => void) => {
      message.on('data', () => undefined);
      message.on('end', then);
    };
    await new Promise<void>((resolve, reject) => {
      client.subscribe({ destination: requests, ...declare, ack: 'client-individual' }, (error, request) => {
        if (error) return;
        const { 'reply-to': replyTo, 'correlation-id': correlationId } = (request as unknown as { headers: Record<string, string> }).headers;
        readAll(request, () => {
          if (replyTo !== undefined) void send({ destination: replyTo, 'correlation-id': correlationId!, ...mode, 'content-type': 'text/plain' });
          client.ack(request);
        });
      });
      // A receipt of a later frame says the subscription is in place.
      client.send({ destination: requests, ...declare, 'content-type': 'text/plain', persistent: 'false' }, { onReceipt: resolve, onError: reject }).end('');
    });
    const waiting = new Map<string, () => void>();
    const replyTo = rabbit ? '/temp-queue/replies' : `/temp-queue/bench.${process.pid}.${Date.now()}`;
    const onReply = (error: Error | null, reply: stompit.Client.Message) => {
      if (error) return;
      const id = (reply as unknown as { headers: Record<string, string> }).headers['correlation-id']!;
      readAll(reply, () => waiting.get(id)?.());
    };
    if (rabbit) (client as unknown as { setImplicitSubscription(id: string, ack: string, cb: typeof onReply): void }).setImplicitSubscription('/temp-queue/replies', 'auto', onReply);
    else client.subscribe({ destination: replyTo, ack: 'auto' }, onReply);
    const latencies: number[] = [];
    // The first round trips warm up the JIT and the connection: run, not counted.
    const warmup = warmupOf(roundTrips);
    for (let i = -warmup; i < roundTrips; i++) {
      const correlationId = String(i);
      const t0 = performance.now();
      const replied = new Promise<void>((resolve) => waiting.set(correlationId, resolve));
      await Promise.all([send({ destination: requests, ...declare, 'reply-to': replyTo, 'correlation-id': correlationId, ...mode, 'content-type': 'text/plain' }), replied]);
      if (i >= 0) latencies.push(performance.now() - t0);
      waiting.delete(correlationId);
    }
    return latencyOf(latencies);
  } finally {
    client.disconnect();
  }
}

export function runStompBench(url: string, counts: Counts = { confirmed: 1000, pipelined: 10000 }): Promise<BenchResult[]> {
  const tag = `bench.stomp.${process.pid}.${Date.now()}`;
  let run = 0;
  const sides: Record<string, Side> = {
    stompit: { anchor: 'stompit, a receipt per send, client-individual ack each', run: () => raw(url, `/queue/${tag}.raw${++run}`, counts) },
    stompitJms: {
      anchor: 'stompit with the JMS headers jms-ts carries',
      run: () => raw(url, `/queue/${tag}.raw${++run}`, counts, jmsHeaders(url)),
    },
  };
  const rows: Row[] = [
    { key: 'confirmed', name: 'stomp: persistent send, wait for each receipt', against: 'stompit' },
    { key: 'pipelined', name: 'stomp: pipelined persistent sends', against: 'stompit' },
    { key: 'pipelined', name: 'stomp: pipelined persistent sends', against: 'stompitJms' },
    { key: 'consumed', name: 'stomp: consume AUTO_ACK', against: 'stompit' },
  ];
  if (!url.startsWith('stomp+rabbitmq:')) {
    const java = javaAnchor(url, tag, counts);
    if ('missing' in java) console.error(`No Java client rows: ${java.missing}`);
    else {
      sides.java = { anchor: 'ActiveMQ Java client (OpenWire); async rows: jms.useAsyncSend=true', run: java.run };
      rows.push(
        { key: 'confirmed', name: 'stomp: persistent send, wait for each', against: 'java' },
        { key: 'pipelined', name: 'stomp: pipelined (async) persistent sends', against: 'java' },
        { key: 'consumed', name: 'stomp: consume AUTO_ACK', against: 'java' },
      );
    }
  }
  return compareSides(() => measureOurs(url, `${tag}.ours${++run}`, counts), sides, rows);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'stomp://127.0.0.1:61613';
  runStompBench(url)
    .then((results) => printTable(url.replace(/:[^:@/]*@/, ':***@'), results))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
