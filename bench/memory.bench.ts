/**
 * The embedded broker's memory: the heap a backlog of 100,000 1 KiB TextMessages costs, against
 * their payload bytes (the target is at most 2.5 times). Measured with the garbage collector run
 * before and after, so the figure is what the backlog keeps alive.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AcknowledgeMode, createConnectionFactory } from '../src/index.js';
import type { BenchResult } from './results.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}

export async function runMemoryBacklogBench(url: string, count = 100_000, size = 1024): Promise<BenchResult[]> {
  // Each message its own text, as in real traffic: a shared string would cost the backlog nothing.
  const bodyOf = (i: number) => `${i}:`.padEnd(size, 'x');
  const connection = await createConnectionFactory(url).createConnection();
  try {
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(`bench.backlog.${process.pid}.${Date.now()}`);
    const producer = await session.createProducer(queue);
    const before = heapUsed();
    for (let i = 0; i < count; i++) await producer.send(session.createTextMessage(bodyOf(i)));
    const held = heapUsed() - before;
    // Drain it, so the figure is the backlog's and the run leaves nothing behind.
    const consumer = await session.createConsumer(queue);
    await connection.start();
    for (let i = 0; i < count; i++) if ((await consumer.receive(5000)) === null) throw new Error(`backlog message ${i} never arrived`);
    const payload = count * size;
    return [{ name: `backlog of ${count.toLocaleString('en-US')} ${size}-byte texts: heap / payload`, heap_bytes: held, payload_bytes: payload, heap_per_payload: held / payload }];
  } finally {
    await connection.close();
  }
}
