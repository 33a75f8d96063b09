import { createHmac } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A minimal client of RocketMQ's remoting protocol, for the administration the gRPC proxy
 * protocol lacks (creating topics, setting a new group's start offset, removing groups). A frame
 * is a 4-byte length, a 4-byte header length (its top byte the serialisation type, 0 = JSON), the
 * JSON header and the body; responses carry the request's `opaque` and flag bit 0.
 */

const RESPONSE_FLAG = 1;

export interface RemotingCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
}

export interface RemotingResponse {
  readonly code: number;
  readonly remark: string | null;
  readonly extFields: Record<string, string>;
  readonly body: Buffer;
}

export class RemotingError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(response: RemotingResponse): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** One TCP connection to a broker's remoting port; requests may overlap. */
export class RemotingClient {
  private socket: Socket | null = null;
  private opening: Promise<Socket> | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private nextOpaque = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs: number,
    private readonly credentials: RemotingCredentials | null,
  ) {}

  private open(): Promise<Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    this.opening ??= new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => socket.destroy(new Error(`connecting to ${this.host}:${this.port} timed out`)), this.timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        this.opening = null;
        resolve(socket);
      });
      socket.on('data', (chunk: Buffer) => this.read(chunk));
      socket.on('error', (error) => {
        clearTimeout(timer);
        this.opening = null;
        this.failAll(error);
        reject(error);
      });
      socket.on('close', () => {
        this.socket = null;
        this.failAll(new Error(`the connection to ${this.host}:${this.port} closed`));
      });
    });
    return this.opening;
  }

  private failAll(error: Error): void {
    for (const [opaque, entry] of this.pending) {
      clearTimeout(entry.timer);
      this.pending.delete(opaque);
      entry.reject(error);
    }
  }

  private read(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const length = this.buffered.readUInt32BE(0);
      if (this.buffered.length < 4 + length) return;
      const frame = this.buffered.subarray(4, 4 + length);
      this.buffered = this.buffered.subarray(4 + length);
      const headerLength = frame.readUInt32BE(0) & 0xffffff;
      const header = JSON.parse(frame.subarray(4, 4 + headerLength).toString('utf8')) as {
        code: number;
        opaque: number;
        flag: number;
        remark?: string;
        extFields?: Record<string, string>;
      };
      if ((header.flag & RESPONSE_FLAG) === 0) continue; // the broker's own requests are not for us
      const entry = this.pending.get(header.opaque);
      if (!entry) continue;
      this.pending.delete(header.opaque);
      clearTimeout(entry.timer);
      entry.resolve({ code: header.code, remark: header.remark ?? null, extFields: header.extFields ?? {}, body: Buffer.from(frame.subarray(4 + headerLength)) });
    }
  }

  /** Sends one request and answers its response, whatever its code. */
  async request(code: number, fields: Record<string, string>, body?: Buffer): Promise<RemotingResponse> {
    const socket = await this.open();
    const opaque = this.nextOpaque++;
    const extFields = this.credentials ? signed(fields, body, this.credentials) : fields;
    const header = Buffer.from(JSON.stringify({ code, language: 'JAVA', version: 0, opaque, flag: 0, extFields, serializeTypeCurrentRPC: 'JSON' }), 'utf8');
    const payload = body ?? Buffer.alloc(0);
    const frame = Buffer.alloc(8);
    frame.writeUInt32BE(4 + header.length + payload.length, 0);
    frame.writeUInt32BE(header.length, 4); // top byte 0: JSON
    return new Promise<RemotingResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(opaque);
        reject(new RemotingError(`request ${code} to ${this.host}:${this.port} timed out after ${this.timeoutMs} ms`, null));
      }, this.timeoutMs);
      this.pending.set(opaque, { resolve, reject, timer });
      socket.write(Buffer.concat([frame, header, payload]));
    });
  }

  /** As request, failing unless the broker answers one of `accepted` (SUCCESS by default). */
  async call(code: number, fields: Record<string, string>, body?: Buffer, accepted: readonly number[] = [0]): Promise<RemotingResponse> {
    const response = await this.request(code, fields, body);
    if (!accepted.includes(response.code)) throw new RemotingError(`request ${code} refused with code ${response.code}: ${response.remark ?? ''}`, response.code);
    return response;
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
    this.failAll(new Error('closed'));
  }
}

/** RocketMQ's ACL signature: HMAC-SHA1 over the sorted field values (AccessKey included) and the body. */
function signed(fields: Record<string, string>, body: Buffer | undefined, credentials: RemotingCredentials): Record<string, string> {
  const all: Record<string, string> = { ...fields, AccessKey: credentials.accessKey };
  const content = Object.keys(all)
    .sort()
    .map((key) => all[key])
    .join('');
  const mac = createHmac('sha1', credentials.secretKey).update(content, 'utf8');
  if (body) mac.update(body);
  return { ...all, Signature: mac.digest('base64') };
}
