import type { MessageView, SimpleConsumer } from 'rocketmq-client-nodejs';
// The generated protobuf modules are CommonJS that Node cannot name-import.
import definitions from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition_pb.js';
import service from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/service_pb.js';

const OK = 20000;

interface Status {
  code: number;
  message: string;
}
interface AckRequest {
  setGroup(resource: unknown): AckRequest;
  setTopic(resource: unknown): AckRequest;
  addEntries(): { setMessageId(id: string): { setReceiptHandle(handle: string): unknown } };
}
interface Protobuf {
  Resource: new () => { setName(name: string): unknown };
}
interface Service {
  AckMessageRequest: new () => AckRequest;
}
interface AckResponse {
  toObject(): { status?: Status; entriesList: { messageId: string; status?: Status }[] };
}

const { Resource } = definitions as unknown as Protobuf;
const { AckMessageRequest } = service as unknown as Service;

function resource(name: string): unknown {
  return new Resource().setName(name);
}

/**
 * Acknowledges messages of one topic in one AckMessage request (the gRPC protocol takes several
 * entries; rocketmq-client-nodejs's `ack` sends one per message). Fails when the proxy refuses
 * the request or any entry.
 */
export async function ackAll(consumer: SimpleConsumer, group: string, views: readonly MessageView[], timeoutMs: number): Promise<void> {
  if (views.length === 0) return;
  const first = views[0]!;
  const request = new AckMessageRequest().setGroup(resource(group)).setTopic(resource(first.topic));
  for (const view of views) request.addEntries().setMessageId(view.messageId).setReceiptHandle(view.receiptHandle);
  const response = (await consumer.ackMessageViaRpc(first.endpoints, request as never, timeoutMs)) as unknown as AckResponse;
  const { status, entriesList } = response.toObject();
  const refused = [status, ...entriesList.map((entry) => entry.status)].find((entry) => entry !== undefined && entry.code !== OK);
  if (refused) throw Object.assign(new Error(`the proxy refused an acknowledgement: ${refused.code} ${refused.message}`), { code: refused.code });
}
