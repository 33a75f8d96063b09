/**
 * ActiveMQ's own Java JMS client as the anchor of the ActiveMQ rows: bench/java/ActiveMqAnchor.java,
 * compiled here against Debian's libactivemq-java jars as the interop test does.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { javaClient, openwireUrl } from '../test/support/java-client.js';
import type { Counts, Figures } from './adapter-bench.js';

const SOURCE = fileURLToPath(new URL('./java/ActiveMqAnchor.java', import.meta.url));

/** A run of the Java client against the ActiveMQ behind `stompUrl`, or why it cannot run here. */
export function javaAnchor(stompUrl: string, tag: string, counts: Counts): { run: () => Promise<Figures> } | { missing: string } {
  const client = javaClient();
  if ('missing' in client) return client;
  const dir = mkdtempSync(join(tmpdir(), 'jms-bench-java-'));
  const classpath = client.classpath.join(':');
  const compiled = spawnSync('javac', ['-d', dir, '-cp', classpath, SOURCE], { encoding: 'utf8' });
  if (compiled.status !== 0) return { missing: `javac failed on ${SOURCE}: ${compiled.stderr}` };
  let run = 0;
  return {
    run: () =>
      new Promise<Figures>((resolve, reject) => {
        const args = ['-cp', `${dir}:${classpath}`, 'ActiveMqAnchor', openwireUrl(stompUrl), `${tag}.java${++run}`, String(counts.confirmed), String(counts.pipelined)];
        const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.once('error', reject);
        child.once('close', (code) => {
          if (code !== 0) return reject(new Error(`the Java anchor exited with ${code}: ${err.trim()}`));
          resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Figures);
        });
      }),
  };
}
