import { context, type Attributes } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { DataPointType, MeterProvider, MetricReader, type HistogramMetricData, type SumMetricData } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** A metric reader the test collects from when it wants (no timer). */
class CollectingReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

let contextManagerInstalled = false;

/**
 * An OpenTelemetry SDK for one test: in-memory spans and metrics, handed to a factory through
 * `telemetry: { tracerProvider, meterProvider }`, and the AsyncLocalStorage context manager an
 * application's SDK setup registers (so a listener's own spans nest under jms-ts's span).
 */
export function testTelemetry() {
  if (!contextManagerInstalled) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    contextManagerInstalled = true;
  }
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracerProvider,
    meterProvider,
    options: { tracerProvider, meterProvider },
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    /** Sum of a counter's points whose attributes include `match`. */
    async counter(name: string, match: Attributes = {}): Promise<number> {
      let total = 0;
      for (const point of await points(reader, name, DataPointType.SUM)) if (matches(point.attributes, match)) total += point.value as number;
      return total;
    },
    /** Number of values a histogram recorded whose attributes include `match`. */
    async histogramCount(name: string, match: Attributes = {}): Promise<number> {
      let total = 0;
      for (const point of await points(reader, name, DataPointType.HISTOGRAM)) if (matches(point.attributes, match)) total += (point.value as { count: number }).count;
      return total;
    },
    /** Every attribute set a metric was recorded with. */
    async attributeSets(name: string): Promise<Attributes[]> {
      const metric = await find(reader, name);
      return metric === undefined ? [] : metric.dataPoints.map((point) => point.attributes);
    },
    async shutdown(): Promise<void> {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

async function find(reader: MetricReader, name: string) {
  const { resourceMetrics } = await reader.collect();
  for (const scope of resourceMetrics.scopeMetrics) for (const metric of scope.metrics) if (metric.descriptor.name === name) return metric;
  return undefined;
}

async function points(reader: MetricReader, name: string, type: DataPointType) {
  const metric = await find(reader, name);
  if (metric === undefined) return [];
  if (metric.dataPointType !== type) throw new Error(`${name} is not a ${DataPointType[type]}`);
  return (metric as SumMetricData | HistogramMetricData).dataPoints;
}

function matches(attributes: Attributes, match: Attributes): boolean {
  return Object.entries(match).every(([key, value]) => attributes[key] === value);
}

/** A logger that keeps its records, for assertions. */
export function recordingLogger() {
  const records: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const waiting: { text: string; resolve(): void }[] = [];
  const at = (level: string) => (fields: object, message: string) => {
    records.push({ level, fields: fields as Record<string, unknown>, message });
    for (const wait of waiting.filter((w) => message.includes(w.text))) wait.resolve();
  };
  /** Resolves once a record's message includes `text`. */
  const logged = (text: string) =>
    records.some((r) => r.message.includes(text)) ? Promise.resolve() : new Promise<void>((resolve) => void waiting.push({ text, resolve }));
  return { records, logged, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

/** A promise settled by the callback `register` is handed (a listener's first call, say). */
export function calledBack<T>(register: (done: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve) => register(resolve));
}

export type TestTelemetry = ReturnType<typeof testTelemetry>;

/**
 * Inside a describe: a fresh SDK for each test (handed to `use`), shut down after it together with
 * the connection the test left open (`opened`).
 */
export function telemetryPerTest(use: (otel: TestTelemetry) => void, opened: () => { close(): Promise<void> } | undefined): void {
  let otel: TestTelemetry;
  beforeEach(() => use((otel = testTelemetry())));
  afterEach(async () => {
    await opened()?.close();
    await otel.shutdown();
  });
}
