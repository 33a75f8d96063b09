/**
 * A slow consumer on a real broker: a backlog of 1 KiB messages waits on the broker while a
 * listener takes about a millisecond per message with `prefetch=1000`. The process's RSS should
 * grow by about the prefetch window at most, not by the backlog: the row gives the RSS when the
 * listener starts (after a garbage collection) and its peak over 3 s (sampled every 50 ms),
 * against the backlog's payload.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AcknowledgeMode, createConnectionFactory } from '../src/index.js';
import { BODY_1KIB, countdown } from './adapter-bench.js';
import type { BenchResult } from './results.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PREFETCH = 1000;

export async function runSlowConsumerBench(url: string, backlog = 30_000, slowMs = 3000): Promise<BenchResult[]> {
  const connection = await createConnectionFactory(`${url}${url.includes('?') ? '&' : '?'}prefetch=${PREFETCH}`).createConnection();
  try {
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(`bench.slow.${process.pid}.${Date.now()}`);
    const producer = await session.createProducer(queue);
    // Sent a thousand at a time, so sending does not itself grow the heap by the backlog.
    for (let start = 0; start < backlog; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, backlog - start) }, () => producer.send(session.createTextMessage(BODY_1KIB)));
      await Promise.all(batch);
    }

    gc();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const receiving = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await receiving.createConsumer(queue);
    let taken = 0;
    const all = countdown(backlog);
    let slow = true;
    consumer.setMessageListener(async () => {
      taken++;
      all.done();
      if (slow) await new Promise((resolve) => setTimeout(resolve, 1));
    });
    await connection.start();
    await new Promise((resolve) => setTimeout(resolve, slowMs));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const takenSlowly = taken;
    slow = false; // drain the rest quickly, so the run leaves nothing behind
    await all.finished;
    await consumer.close();
    return [
      {
        name: `slow consumer, prefetch ${PREFETCH}, backlog of ${backlog.toLocaleString('en-US')}`,
        ours_per_s: takenSlowly / (slowMs / 1000),
        rss_start_bytes: before,
        rss_peak_bytes: peak,
        payload_bytes: backlog * BODY_1KIB.length,
      },
    ];
  } finally {
    await connection.close();
  }
}
