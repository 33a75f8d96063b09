import type { SendOptions } from '../api/connection.js';
import { DEFAULT_DELIVERY_DELAY, DEFAULT_PRIORITY, DEFAULT_TIME_TO_LIVE, DeliveryMode } from '../api/constants.js';
import type { Destination } from '../api/destination.js';
import { IllegalArgumentException } from '../api/exceptions.js';
import type { Message } from '../api/message.js';
import type { Features } from './features.js';

/**
 * A producer's send settings, checked when set: the one value a MessageProducer and a
 * JMSProducer both keep. Features the adapter cannot give are refused when asked for.
 */
export class SendSettings {
  private deliveryModeValue: DeliveryMode = DeliveryMode.PERSISTENT;
  private priorityValue = DEFAULT_PRIORITY;
  private timeToLiveValue = DEFAULT_TIME_TO_LIVE;
  private deliveryDelayValue = DEFAULT_DELIVERY_DELAY;
  disableMessageId = false;
  disableTimestamp = false;

  constructor(private readonly features: Features) {}

  get deliveryMode(): DeliveryMode { return this.deliveryModeValue; }
  set deliveryMode(mode: DeliveryMode) { this.deliveryModeValue = checkDeliveryMode(mode); }

  get priority(): number { return this.priorityValue; }
  set priority(priority: number) { this.priorityValue = this.checkPriority(priority); }

  get timeToLive(): number { return this.timeToLiveValue; }
  set timeToLive(ms: number) { this.timeToLiveValue = this.checkTimeToLive(ms); }

  get deliveryDelay(): number { return this.deliveryDelayValue; }
  set deliveryDelay(ms: number) {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new IllegalArgumentException(`Delivery delay must be a whole number of ms >= 0, got ${ms}`);
    if (ms > 0) this.features.require('deliveryDelay', 'delivery delay');
    this.deliveryDelayValue = ms;
  }

  /** Sets the send headers on `message` (as JMS requires), with per-send `options` checked first. */
  stamp(message: Message, destination: Destination, options: SendOptions | undefined, nextMessageId: () => string): void {
    const deliveryMode = options?.deliveryMode === undefined ? this.deliveryModeValue : checkDeliveryMode(options.deliveryMode);
    const priority = options?.priority === undefined ? this.priorityValue : this.checkPriority(options.priority);
    const timeToLive = options?.timeToLive === undefined ? this.timeToLiveValue : this.checkTimeToLive(options.timeToLive);
    const now = Date.now();
    message.setJMSDestination(destination);
    message.setJMSDeliveryMode(deliveryMode);
    message.setJMSPriority(priority);
    message.setJMSExpiration(timeToLive > 0 ? now + timeToLive : 0);
    message.setJMSDeliveryTime(now + this.deliveryDelayValue);
    message.setJMSTimestamp(this.disableTimestamp ? 0 : now);
    message.setJMSMessageID(this.disableMessageId ? null : nextMessageId());
  }

  private checkPriority(priority: number): number {
    if (!Number.isInteger(priority) || priority < 0 || priority > 9) {
      throw new IllegalArgumentException(`Priority must be a whole number from 0 to 9, got ${priority}`);
    }
    if (priority !== DEFAULT_PRIORITY) this.features.require('priority', `message priority ${priority}`);
    return priority;
  }

  private checkTimeToLive(ms: number): number {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new IllegalArgumentException(`Time to live must be a whole number of ms >= 0, got ${ms}`);
    if (ms > 0) this.features.require('timeToLive', 'message time to live');
    return ms;
  }
}

function checkDeliveryMode(mode: DeliveryMode): DeliveryMode {
  if (mode !== DeliveryMode.PERSISTENT && mode !== DeliveryMode.NON_PERSISTENT) {
    throw new IllegalArgumentException(`Delivery mode must be DeliveryMode.PERSISTENT (2) or NON_PERSISTENT (1), got ${String(mode)}`);
  }
  return mode;
}
