import { RemotingClient, RemotingError, type RemotingCredentials } from './remoting.js';

/** Request and response codes of RocketMQ's remoting protocol used here. */
const CODE = {
  queryConsumerOffset: 14,
  updateConsumerOffset: 15,
  createTopic: 17,
  getMaxOffset: 30,
  getMinOffset: 31,
  createGroup: 200,
  listGroups: 201,
  consumerConnections: 203,
  deleteGroup: 207,
  deleteTopic: 215,
  getTopicConfig: 351,
} as const;
const SUCCESS = 0;
const TOPIC_NOT_EXIST = 17;
const QUERY_NOT_FOUND = 22;
const SUBSCRIPTION_GROUP_NOT_EXIST = 26;
const CONSUMER_NOT_ONLINE = 206;
/** Read and write permission. */
const PERM_READ_WRITE = 6;

/**
 * Topic and group administration on the broker's remoting port (the proxy's gRPC protocol has
 * none). Topics jms-ts creates have one queue, so a queue's messages keep their order, as JMS
 * wants between one producer and one consumer; a topic that exists is left as it is.
 */
export class RocketAdmin {
  private readonly client: RemotingClient;
  private readonly known = new Set<string>();
  private readonly creating = new Map<string, Promise<void>>();

  constructor(host: string, port: number, timeoutMs: number, credentials: RemotingCredentials | null, private readonly maxRetries = 16) {
    this.client = new RemotingClient(host, port, timeoutMs, credentials);
  }

  /** Creates the topic unless it exists (asked once per name per connection). */
  ensureTopic(topic: string): Promise<void> {
    if (this.known.has(topic)) return Promise.resolve();
    let creating = this.creating.get(topic);
    if (!creating) {
      creating = this.createIfMissing(topic).then(
        () => {
          this.known.add(topic);
          this.creating.delete(topic);
        },
        (error: unknown) => {
          this.creating.delete(topic);
          throw error;
        },
      );
      this.creating.set(topic, creating);
    }
    return creating;
  }

  private async createIfMissing(topic: string): Promise<void> {
    const existing = await this.client.request(CODE.getTopicConfig, { topic });
    if (existing.code === SUCCESS) return;
    if (existing.code !== TOPIC_NOT_EXIST) throw new RemotingError(`cannot read topic ${topic}: code ${existing.code} ${existing.remark ?? ''}`, existing.code);
    const fields = {
      topic,
      defaultTopic: 'TBW102',
      readQueueNums: '1',
      writeQueueNums: '1',
      perm: String(PERM_READ_WRITE),
      topicFilterType: 'SINGLE_TAG',
      topicSysFlag: '0',
      order: 'false',
    };
    // One topic takes normal, timed (delivery delay) and grouped (JMSXGroupID) messages alike; a broker
    // without enableMixedMessageType refuses MIXED, and then gets a normal topic (timed and grouped sends fail there, saying why).
    const mixed = await this.client.request(CODE.createTopic, { ...fields, attributes: '+message.type=MIXED' });
    if (mixed.code === SUCCESS) return;
    await this.client.call(CODE.createTopic, fields);
  }

  /**
   * Sets where a group that has never consumed `topic` starts: at the first message kept
   * (`earliest`, a queue's one group) or after the last one (`latest`, a new topic subscriber).
   * A group that has an offset keeps it.
   */
  async startGroup(group: string, topic: string, from: 'earliest' | 'latest'): Promise<void> {
    await this.createGroup(group);
    const current = await this.client.request(CODE.queryConsumerOffset, { consumerGroup: group, topic, queueId: '0', setZeroIfNotFound: 'false' });
    if (current.code === SUCCESS) return;
    if (current.code !== QUERY_NOT_FOUND) throw new RemotingError(`cannot read the offset of ${group}: code ${current.code} ${current.remark ?? ''}`, current.code);
    const bound = await this.client.call(from === 'earliest' ? CODE.getMinOffset : CODE.getMaxOffset, { topic, queueId: '0' });
    await this.client.call(CODE.updateConsumerOffset, { consumerGroup: group, topic, queueId: '0', commitOffset: bound.extFields.offset ?? '0' });
  }

  /** Creates (or updates) a consumer group with jms-ts's retry limit. */
  async createGroup(group: string): Promise<void> {
    await this.client.call(CODE.createGroup, {}, Buffer.from(JSON.stringify({ groupName: group, consumeEnable: true, retryMaxTimes: this.maxRetries }), 'utf8'));
  }

  /** True when some client is connected to the broker as a consumer of `group`. */
  async groupOnline(group: string): Promise<boolean> {
    const response = await this.client.call(CODE.consumerConnections, { consumerGroup: group }, undefined, [SUCCESS, CONSUMER_NOT_ONLINE]);
    if (response.code === CONSUMER_NOT_ONLINE) return false;
    const connections = (JSON.parse(response.body.toString('utf8')) as { connectionSet?: unknown[] }).connectionSet ?? [];
    return connections.length > 0;
  }

  /** Removes a group and its offsets; a group that does not exist is fine. */
  async deleteGroup(group: string): Promise<void> {
    await this.client.call(CODE.deleteGroup, { groupName: group, cleanOffset: 'true' }, undefined, [SUCCESS, SUBSCRIPTION_GROUP_NOT_EXIST]);
  }

  /** The names of the broker's consumer groups starting with `prefix`. */
  async groupsStartingWith(prefix: string): Promise<string[]> {
    const response = await this.client.call(CODE.listGroups, {});
    const table = (JSON.parse(response.body.toString('utf8')) as { subscriptionGroupTable?: Record<string, unknown> }).subscriptionGroupTable ?? {};
    return Object.keys(table).filter((name) => name.startsWith(prefix));
  }

  async deleteTopic(topic: string): Promise<void> {
    this.known.delete(topic);
    await this.client.call(CODE.deleteTopic, { topic }, undefined, [SUCCESS, TOPIC_NOT_EXIST]);
  }

  close(): void {
    this.client.close();
  }
}
