/** One benchmark figure; raw_per_s and ratio when the raw client was measured in the same run. */
export interface BenchResult {
  name: string;
  ours_per_s?: number;
  raw_per_s?: number;
  ratio?: number;
  /** What raw_per_s measured: which client, written how (e.g. "kafkajs eachMessage, default auto-commit"). */
  anchor?: string;
  /** CPU microseconds per message (this process, user + system), where a row measures it. */
  ours_cpu_us_per_msg?: number;
  raw_cpu_us_per_msg?: number;
  /** For latency rows: the delivery mode of the messages timed. */
  delivery_mode?: 'PERSISTENT' | 'NON_PERSISTENT';
  /** Memory rows: heap kept alive, the payload it holds, and their ratio. */
  heap_bytes?: number;
  payload_bytes?: number;
  heap_per_payload?: number;
  /** Slow-consumer rows: the process's RSS when the listener starts and its peak while it runs. */
  rss_start_bytes?: number;
  rss_peak_bytes?: number;
  p50_ms?: number;
  p99_ms?: number;
  /** Latency rows: the raw client's request/reply in the same delivery mode. */
  raw_p50_ms?: number;
  raw_p99_ms?: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function printTable(adapter: string, results: BenchResult[]): void {
  console.log(`\njms-ts benchmarks on ${adapter}`);
  for (const r of results) {
    const parts = [r.name.padEnd(44)];
    if (r.ours_per_s !== undefined) parts.push(`ours ${Math.round(r.ours_per_s).toLocaleString('en-US').padStart(10)} msg/s`);
    if (r.raw_per_s !== undefined) parts.push(`raw ${Math.round(r.raw_per_s).toLocaleString('en-US').padStart(10)} msg/s`);
    if (r.ratio !== undefined) parts.push(`ours/raw ${r.ratio.toFixed(2)}`);
    if (r.ours_cpu_us_per_msg !== undefined) parts.push(`cpu ${r.ours_cpu_us_per_msg.toFixed(1)} vs ${r.raw_cpu_us_per_msg!.toFixed(1)} us/msg`);
    if (r.anchor !== undefined) parts.push(`vs ${r.anchor}`);
    if (r.p50_ms !== undefined) parts.push(`p50 ${r.p50_ms.toFixed(3)} ms  p99 ${r.p99_ms!.toFixed(3)} ms`);
    if (r.raw_p50_ms !== undefined) parts.push(`raw p50 ${r.raw_p50_ms.toFixed(3)} ms  p99 ${r.raw_p99_ms!.toFixed(3)} ms`);
    if (r.heap_per_payload !== undefined) {
      parts.push(`heap ${(r.heap_bytes! / 2 ** 20).toFixed(1)} MiB for ${(r.payload_bytes! / 2 ** 20).toFixed(1)} MiB payload: ${r.heap_per_payload.toFixed(2)}x`);
    }
    if (r.rss_peak_bytes !== undefined) {
      const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
      parts.push(`RSS ${mib(r.rss_start_bytes!)} MiB at start, peak ${mib(r.rss_peak_bytes)} MiB (+${mib(r.rss_peak_bytes - r.rss_start_bytes!)}), backlog ${mib(r.payload_bytes!)} MiB`);
    }
    console.log(parts.join('  '));
  }
}
