import type { Attributes } from '@opentelemetry/api';
import type { Destination } from '../../api/destination.js';
import type { ServerAddress } from './types.js';

/** The OpenTelemetry `messaging.system` of each built-in adapter; others report their adapter name. */
const SYSTEMS: Readonly<Record<string, string>> = {
  kafka: 'kafka',
  'kafka+share': 'kafka',
  'kafka+group': 'kafka',
  rocketmq: 'rocketmq',
  amqp: 'rabbitmq',
  'stomp+activemq': 'activemq',
  'stomp+rabbitmq': 'rabbitmq',
  redis: 'redis',
  memory: 'jms',
};

export function messagingSystem(adapter: string): string {
  return SYSTEMS[adapter] ?? adapter;
}

/** Destination names a factory's metrics keep apart; later ones are reported as `(other)`. */
export const MAX_METRIC_DESTINATIONS = 200;
/** The metric name of every temporary destination: their names are unique per connection. */
export const TEMPORARY_DESTINATION = '(temporary)';
export const OTHER_DESTINATION = '(other)';


/**
 * The attribute sets of one factory, made once per destination and kept, so recording a metric
 * or starting a span allocates no attribute object per message. Temporary destinations share
 * one metric name, and past MAX_METRIC_DESTINATIONS names the rest share `(other)`: a metric's
 * series stay bounded whatever names an application uses.
 */
export class AttributeSets {
  private readonly metricSets = new Map<string, Attributes>();
  private readonly spanSets = new Map<string, Attributes>();
  readonly system: string;
  readonly base: Attributes;

  constructor(
    private readonly adapter: string,
    server: ServerAddress | undefined,
  ) {
    this.system = messagingSystem(adapter);
    this.base = Object.freeze({
      'messaging.system': this.system,
      'jms.adapter': adapter,
      ...(server ? { 'server.address': server.host, ...(server.port !== null ? { 'server.port': server.port } : {}) } : {}),
    });
  }

  /** Metric attributes: system and destination name (guarded); `operation` when given. */
  metric(destination: Destination, operation?: string): Attributes {
    let name = destination.temporary ? TEMPORARY_DESTINATION : destination.name;
    const key = `${operation ?? ''}\0${destination.kind}\0${name}`;
    let set = this.metricSets.get(key);
    if (set !== undefined) return set;
    if (this.metricSets.size >= MAX_METRIC_DESTINATIONS && name !== TEMPORARY_DESTINATION) {
      name = OTHER_DESTINATION;
      const other = `${operation ?? ''}\0${destination.kind}\0${name}`;
      set = this.metricSets.get(other);
      if (set !== undefined) return set;
    }
    set = Object.freeze({
      'messaging.system': this.system,
      'jms.adapter': this.adapter,
      'messaging.destination.name': name,
      'jms.destination.kind': destination.kind,
      ...(destination.temporary ? { 'messaging.destination.temporary': true } : {}),
      ...(operation !== undefined ? { 'messaging.operation.name': operation } : {}),
    });
    this.metricSets.set(key, set);
    return set;
  }

  /** Span attributes of an operation on a destination (copied by the span, so shared). */
  span(destination: Destination, operation: 'send' | 'receive' | 'process'): Attributes {
    const key = `${operation}\0${destination.kind}\0${destination.name}`;
    let set = this.spanSets.get(key);
    if (set === undefined) {
      if (this.spanSets.size >= MAX_METRIC_DESTINATIONS) this.spanSets.clear(); // a cache, not a registry
      set = Object.freeze({
        ...this.base,
        'messaging.destination.name': destination.name,
        'jms.destination.kind': destination.kind,
        'messaging.operation.name': operation,
        'messaging.operation.type': operation,
        ...(destination.temporary ? { 'messaging.destination.temporary': true, 'messaging.destination.anonymous': false } : {}),
        ...(this.system === 'rabbitmq' && operation === 'send' ? { 'messaging.rabbitmq.destination.routing_key': destination.name } : {}),
      });
      this.spanSets.set(key, set);
    }
    return set;
  }
}
