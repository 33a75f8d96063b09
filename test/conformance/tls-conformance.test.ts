import { expect } from 'chai';
import { listCases, runCase } from '../../src/conformance/suite/runner.js';
import type { Group } from '../../src/conformance/suite/types.js';
import { describeWithBroker, type TlsBrokerKey } from '../support/brokers.js';

/**
 * A conformance subset over TLS (and Kafka over SASL_SSL) on every broker: the messages, lifecycle
 * and acknowledgement groups, through the same URLs a user would write (scripts/brokers.sh's
 * JMS_TEST_*_TLS_URL). The whole suite runs over plaintext in conformance.test.ts; reports are not
 * written here, so the README's matrix stays the plaintext run's.
 */
const GROUPS: readonly Group[] = ['messages-and-bodies', 'lifecycle-and-errors', 'acknowledgement-and-recover'];
const BROKERS: readonly TlsBrokerKey[] = ['activemqStompTls', 'rabbitmqStompTls', 'rabbitmqAmqps', 'kafkaTls', 'kafkaSasl', 'redisTls'];

const cases = listCases().filter((testCase) => GROUPS.includes(testCase.group));

for (const key of BROKERS) {
  describeWithBroker(key, `conformance over TLS: ${key}`, (url) => {
    for (const testCase of cases) {
      it(testCase.id, async function () {
        const report = await runCase(testCase, url);
        if (report.result === 'unsupported') this.test!.title = `${testCase.id} (unsupported: ${report.error ?? 'FeatureNotSupportedException checked'})`;
        expect(report.result, report.error).to.not.equal('fail');
      });
    }
  });
}
