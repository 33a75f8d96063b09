import { expect } from 'chai';
import { FeatureNotSupportedException, InvalidSelectorException, MessageFormatException } from '../../src/api/exceptions.js';
import type { Envelope, PropertyValue } from '../../src/spi/envelope.js';
import { ACTIVEMQ, RABBITMQ } from '../../adapters/stomp/dialect.js';
import { envelopeToFrame, frameToEnvelope } from '../../adapters/stomp/frames.js';
import { translateSelector } from '../../adapters/stomp/selector-translation.js';

const UNKNOWN = 'jmsts_t_ = 0';
const LONG_3 = '(3 + 2147483648 - 2147483648)';

function refused(selector: string): FeatureNotSupportedException {
  try {
    translateSelector(selector);
  } catch (error) {
    expect(error).to.be.instanceOf(FeatureNotSupportedException);
    return error as FeatureNotSupportedException;
  }
  throw new Error(`"${selector}" was translated`);
}

describe('STOMP selector translation for ActiveMQ', () => {
  describe('typed properties', () => {
    it('compares integer types by Long bounds, guarded by the type header, and never a plain String', () => {
      const text = translateSelector('qty = 3');
      expect(text).to.contain("(jmsts_t_qty IS NOT NULL AND jmsts_t_qty IN ('byte', 'short', 'int', 'long'))");
      expect(text).to.contain(`AND qty = ${LONG_3})`);
      expect(text).to.contain("(jmsts_t_qty IS NOT NULL AND jmsts_t_qty IN ('float', 'double'))");
      expect(text).to.contain('AND qty = 3.0))');
      expect(text).not.to.contain("AND qty LIKE '%')"); // an untyped String '3' never matches
      expect(text).to.contain(`(qty IS NULL AND ${UNKNOWN})`);
    });

    it('solves arithmetic into bounds, including the values where long arithmetic wraps around', () => {
      const text = translateSelector('qty * 2 + 1 = 7');
      expect(text).to.contain(`jmsts_t_qty IN ('byte', 'short', 'int')) AND qty = ${LONG_3}`);
      expect(text).to.contain(`AND (qty = (-9223372036854775805) OR qty = ${LONG_3})`);
      expect(text).not.to.contain('*'); // the broker never computes with the value
    });

    it('bounds floats by the double their Java string reads as, and doubles exactly', () => {
      const text = translateSelector('price < 9.99');
      expect(text).to.contain("jmsts_t_price = 'float') AND price <= 9.99)");
      expect(text).to.contain('AND price <= 9.989999999999998))');
    });

    it('keeps NaN out of ranges that end at the largest double', () => {
      expect(translateSelector('v > 2')).to.contain('AND (v >= 2.0000000000000004 AND v <= (1.0 / 0.0))');
    });

    it("compares booleans with the strings 'true' and 'false' only when typed", () => {
      const text = translateSelector('urgent = TRUE');
      expect(text).to.contain("jmsts_t_urgent = 'boolean') AND urgent = 'true'");
      expect(text).not.to.contain("urgent = 'false'");
    });
  });

  describe("a Java producer's typed properties", () => {
    it('are told apart as integers (long arithmetic wraps 2^64 back) or floating point, and solved as long or double', () => {
      const text = translateSelector('v / 2 = 1');
      const integral = "v = (((v + 9223372036854775807) + 9223372036854775807) + 2)";
      expect(text).to.contain(`${integral} AND v >= (-9223372036854775807 - 1) AND v <= 9223372036854775807))) AND (v >= (2 + 2147483648 - 2147483648) AND v <= (3 + 2147483648 - 2147483648))`);
      expect(text).to.contain(`(NOT ((${integral}`);
      expect(text).to.contain('v = 2.0');
    });
  });

  describe('strings, NULL and logic', () => {
    it('uses string operations on untyped Strings only', () => {
      expect(translateSelector("color = 'red'")).to.equal(
        `((color IS NULL AND ${UNKNOWN}) OR ((jmsts_t_color IS NULL AND color IS NOT NULL AND color LIKE '%') AND color = 'red'))`,
      );
    });

    it('parenthesises NOT, which binds tighter than LIKE in ActiveMQ', () => {
      expect(translateSelector("code NOT LIKE 'EU%'")).to.contain("(NOT (code LIKE 'EU%'))");
      expect(translateSelector('NOT (missing = 1)')).to.match(/^\(NOT \(/);
    });

    it("rewrites LIKE escapes with '!', which ActiveMQ reads as JMS does", () => {
      expect(translateSelector("code LIKE 'a#_b%' ESCAPE '#'")).to.contain("code LIKE 'a!_b%' ESCAPE '!'");
      expect(translateSelector("code LIKE 'x!%'")).to.contain("code LIKE 'x!!%' ESCAPE '!'");
    });

    it('folds constant comparisons to TRUE, FALSE or unknown', () => {
      expect(translateSelector('1 = 1')).to.equal('TRUE');
      expect(translateSelector('1 = 2')).to.equal('FALSE');
      expect(translateSelector('1 / 0 = 1')).to.equal(UNKNOWN);
      expect(translateSelector('1 = 1 OR 1 / 0 = 1')).to.equal('TRUE');
    });

    it("treats the adapter's own headers as absent, as a jms-ts consumer sees them", () => {
      expect(translateSelector("jmsts_types = 'x'")).to.equal(UNKNOWN);
      expect(translateSelector('destination IS NULL')).to.equal('TRUE');
    });
  });

  describe('headers', () => {
    it('maps header identifiers onto what ActiveMQ stores for jms-ts frames', () => {
      expect(translateSelector("JMSDeliveryMode = 'PERSISTENT'")).to.equal("JMSDeliveryMode = 'PERSISTENT'");
      expect(translateSelector('JMSPriority > 4')).to.equal('JMSPriority >= (5 + 2147483648 - 2147483648)');
      expect(translateSelector('JMSTimestamp > 0')).to.contain('(jmsts_timestamp IS NOT NULL AND jmsts_timestamp >= (1 + 2147483648 - 2147483648))');
      expect(translateSelector("JMSMessageID = 'ID:1'")).to.contain("(jmsts_message_id IS NULL AND JMSMessageID = 'ID:1')");
      expect(translateSelector("JMSType = 'order'")).to.equal(`((JMSType IS NULL AND ${UNKNOWN}) OR (JMSType IS NOT NULL AND JMSType = 'order'))`);
    });
  });

  describe('refusals', () => {
    const cases: [string, string][] = [
      ['a = b', 'comparison between identifiers (a, b)'],
      ['x * x > 4', 'using "x" more than once'],
      ['x BETWEEN 1 AND x', 'using "x" more than once'],
      ['10 / x > 1', '"x" is a divisor'],
      ['x * 0.0 > 1', 'can make "x" NaN'],
      ['x * 1000000000 > 5', 'wraps around too often'],
      ['größe = 1', 'ASCII identifiers only'],
      ['xpath = 1', "a keyword in ActiveMQ's selectors"],
      ['JMSXDeliveryCount > 1', 'identifier "JMSXDeliveryCount"'],
    ];
    for (const [selector, reason] of cases) {
      it(`refuses ${selector}`, () => expect(refused(selector).message).to.contain(reason));
    }

    it('refuses a selector longer than ActiveMQ reads in a header', () => {
      const long = Array.from({ length: 60 }, (_, i) => `p${i} = ${i}`).join(' OR ');
      expect(refused(long).message).to.contain('bytes once translated');
    });

    it('leaves invalid selectors to InvalidSelectorException', () => {
      expect(() => translateSelector('qty >')).to.throw(InvalidSelectorException);
    });
  });
});

describe('STOMP type headers', () => {
  const envelope = (properties: [string, PropertyValue][]): Envelope => ({
    messageId: 'ID:1', correlationId: null, replyTo: null, type: null, persistent: true, priority: 4, timestamp: 5,
    expiration: 0, deliveryTime: 5, bodyKind: 'text', contentType: null, properties: new Map(properties),
    body: Buffer.from('x'), connectionId: null,
  });
  const typed: [string, PropertyValue][] = [['qty', { type: 'int', value: 3 }], ['name', { type: 'string', value: 'a' }]];

  it('are sent for typed properties where ActiveMQ filters, and never become properties', () => {
    const { headers, body } = envelopeToFrame(envelope(typed), '/queue/q', ACTIVEMQ, 0);
    expect(headers.jmsts_t_qty).to.equal('int');
    expect(headers).not.to.have.property('jmsts_t_name');
    expect([...frameToEnvelope(headers, body, ACTIVEMQ).properties.keys()].sort()).to.deep.equal(['name', 'qty']);
  });

  it('are not sent to RabbitMQ, which does not filter', () => {
    expect(envelopeToFrame(envelope(typed), '/queue/q', RABBITMQ, 0).headers).not.to.have.property('jmsts_t_qty');
  });

  it('keep their prefix from application properties', () => {
    expect(() => envelopeToFrame(envelope([['jmsts_t_x', { type: 'int', value: 1 }]]), '/queue/q', ACTIVEMQ, 0)).to.throw(MessageFormatException);
  });
});
