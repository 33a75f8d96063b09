import { JMSException } from '../../src/api/exceptions.js';
import { encodeFrame } from './frame-encoder.js';
import { readBody, type IncomingFrame } from './incoming.js';

/** Where frames go once connected: the socket itself (stompit's writer costs three writes a frame). */
export interface FrameOutput {
  write(frame: Buffer): unknown;
  cork(): void;
  uncork(): void;
}

/** A burst of sends asks for a receipt at least this often, so completions flow during long bursts. */
const RECEIPT_EVERY = 1000;
/** Our receipt ids; stompit's own (DISCONNECT, UNSUBSCRIBE) are plain numbers. */
const RECEIPT_PREFIX = 'jms-';

interface Waiter {
  resolve(): void;
  reject(error: JMSException): void;
}

interface PendingSend extends Waiter {
  /** The send's number on this connection, counted from 0 in write order. */
  readonly seq: number;
}

/** What a receipt confirms: one request, or every send written up to (not including) `upTo`. */
type Receipt = { readonly request: Waiter } | { readonly upTo: number };

/**
 * Writes a connection's frames in call order and matches the broker's RECEIPTs to them. The
 * frames of one event-loop turn leave corked, as one write.
 *
 * Sends are coalesced: the latest SEND is held until the end of the event-loop turn (or until
 * another frame must go out, or RECEIPT_EVERY sends went without one) and only it asks for a
 * receipt. The broker handles a connection's frames in order, so that receipt confirms every send
 * before it. A failed SEND without a receipt gets an ERROR without `receipt-id` while the
 * connection stays open (BROKERS.md): such an ERROR fails every send written since the last
 * receipt, so that a later receipt never confirms a send that failed.
 */
export class FrameWriter {
  private readonly receipts = new Map<string, Receipt>();
  private readonly sends: PendingSend[] = [];
  private sendsHead = 0;
  private held: { headers: Record<string, string>; body: Buffer } | null = null;
  private written = 0;
  private sinceReceipt = 0;
  private flushQueued = false;
  private corked = false;
  private nextReceipt = 0;
  private failure: JMSException | null = null;
  /** SENDs asked for so far, in call order (which is wire order): ActiveMQ numbers them so. */
  sendCount = 0;

  constructor(private readonly output: FrameOutput) {}

  /** A frame that waits for nothing (ACK, NACK, BEGIN, UNSUBSCRIBE, a SEND inside an ActiveMQ transaction). */
  post(command: string, headers: Record<string, string>, body?: Buffer): void {
    if (this.failure !== null) return;
    if (command === 'SEND') this.sendCount++;
    this.writeHeld();
    this.write(command, headers, body);
  }

  private write(command: string, headers: Record<string, string>, body?: Buffer): void {
    if (!this.corked) {
      this.corked = true;
      this.output.cork();
      this.scheduleFlush();
    }
    this.output.write(encodeFrame(command, headers, body));
  }

  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(this.flush);
  }

  /** A frame that resolves when its own RECEIPT arrives; `forget` drops a wait for one that will never come. */
  request(command: string, headers: Record<string, string>, body?: Buffer): { received: Promise<void>; forget(): void } {
    if (this.failure !== null) return { received: Promise.reject(this.failure), forget: () => undefined };
    if (command === 'SEND') this.sendCount++;
    this.writeHeld();
    const id = this.receiptId();
    const received = new Promise<void>((resolve, reject) => this.receipts.set(id, { request: { resolve, reject } }));
    this.write(command, { ...headers, receipt: id }, body);
    return { received, forget: () => this.receipts.delete(id) };
  }

  /** A SEND that resolves when a receipt of it or of a later send arrives (coalesced receipts). */
  send(headers: Record<string, string>, body: Buffer): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    this.sendCount++;
    return new Promise<void>((resolve, reject) => {
      if (this.held !== null) this.writeHeldSend(false);
      this.held = { headers, body };
      this.sends.push({ seq: this.written, resolve, reject });
      if (this.sinceReceipt + 1 >= RECEIPT_EVERY) this.writeHeldSend(true);
      else this.scheduleFlush();
    });
  }

  private readonly flush = (): void => {
    this.flushQueued = false;
    this.writeHeld();
    if (this.corked) {
      this.corked = false;
      this.output.uncork();
    }
  };

  private writeHeld(): void {
    if (this.held !== null) this.writeHeldSend(true);
  }

  private writeHeldSend(withReceipt: boolean): void {
    const { headers, body } = this.held!;
    this.held = null;
    this.written++;
    if (withReceipt) {
      const id = this.receiptId();
      this.receipts.set(id, { upTo: this.written });
      this.sinceReceipt = 0;
      this.write('SEND', { ...headers, receipt: id }, body);
    } else {
      this.sinceReceipt++;
      this.write('SEND', headers, body);
    }
  }

  private receiptId(): string {
    return `${RECEIPT_PREFIX}${++this.nextReceipt}`;
  }

  /** True when the RECEIPT is one of ours (the caller hands the others to stompit). */
  isOurs(frame: IncomingFrame): boolean {
    return frame.headers['receipt-id']?.startsWith(RECEIPT_PREFIX) === true;
  }

  /** Handles one of our RECEIPT frames. A receipt of a forgotten request is dropped. */
  onReceipt(frame: IncomingFrame, done: () => void): void {
    const id = frame.headers['receipt-id']!;
    void readBody(frame).then(() => {
      const receipt = this.receipts.get(id);
      this.receipts.delete(id);
      if (receipt !== undefined) {
        if ('request' in receipt) receipt.request.resolve();
        else this.confirmSends(receipt.upTo);
      }
      done();
    }, done);
  }

  private confirmSends(upTo: number): void {
    while (this.sendsHead < this.sends.length && this.sends[this.sendsHead]!.seq < upTo) this.sends[this.sendsHead++]!.resolve();
    this.compact();
  }

  private compact(): void {
    if (this.sendsHead === this.sends.length) {
      this.sends.length = 0;
      this.sendsHead = 0;
    } else if (this.sendsHead > 1024 && this.sendsHead * 2 > this.sends.length) {
      this.sends.splice(0, this.sendsHead);
      this.sendsHead = 0;
    }
  }

  /**
   * An ERROR from the broker. When it belongs to sends (it names one of their receipts, or none
   * while sends are unconfirmed), every send written since the last receipt fails with `error` and
   * true is returned: the connection stays usable. Otherwise false: the caller ends the connection.
   */
  failSends(receiptId: string | undefined, error: JMSException): boolean {
    const receipt = receiptId === undefined ? undefined : this.receipts.get(receiptId);
    if (receipt !== undefined && 'request' in receipt) return false;
    const unconfirmed = this.sends.length - this.sendsHead - (this.held === null ? 0 : 1);
    if (receiptId === undefined && unconfirmed === 0) return false;
    if (receiptId !== undefined && receipt === undefined) return false;
    if (receiptId !== undefined) this.receipts.delete(receiptId);
    while (this.sendsHead < this.sends.length && this.sends[this.sendsHead]!.seq < this.written) this.sends[this.sendsHead++]!.reject(error);
    this.compact();
    return true;
  }

  /** The connection is gone: everything still waiting fails, later frames are refused. */
  failAll(error: JMSException): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.held = null;
    for (const receipt of this.receipts.values()) if ('request' in receipt) receipt.request.reject(error);
    this.receipts.clear();
    for (let i = this.sendsHead; i < this.sends.length; i++) this.sends[i]!.reject(error);
    this.sends.length = 0;
    this.sendsHead = 0;
  }
}
