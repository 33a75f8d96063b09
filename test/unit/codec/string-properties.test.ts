import { expect } from 'chai';
import { MessageFormatException } from '../../../src/api/exceptions.js';
import { propertiesFromStrings, propertiesToStrings } from '../../../src/codec/string-properties.js';
import type { PropertyValue } from '../../../src/spi/envelope.js';

function roundTrip(properties: Map<string, PropertyValue>): Map<string, PropertyValue> {
  return propertiesFromStrings(propertiesToStrings(properties));
}

describe('typed properties as string headers (STOMP, AMQP, Kafka)', () => {
  it('keeps every Java type, short and byte included', () => {
    const properties = new Map<string, PropertyValue>([
      ['s', { type: 'short', value: -32768 }],
      ['b', { type: 'byte', value: 127 }],
      ['i', { type: 'int', value: 2147483647 }],
      ['j', { type: 'long', value: -9223372036854775808n }],
      ['f', { type: 'float', value: Math.fround(1.1) }],
      ['d', { type: 'double', value: Number.NaN }],
      ['z', { type: 'boolean', value: false }],
      ['t', { type: 'string', value: '42' }],
    ]);
    const back = roundTrip(properties);
    expect(back.get('s')).to.deep.equal({ type: 'short', value: -32768 });
    expect(back.get('b')).to.deep.equal({ type: 'byte', value: 127 });
    expect(back).to.deep.equal(properties);
  });

  it('writes each value in its plain Java form, with one types header', () => {
    const headers = propertiesToStrings(new Map<string, PropertyValue>([['qty', { type: 'short', value: 3 }], ['name', { type: 'string', value: 'x' }]]));
    expect(headers.qty).to.equal('3');
    expect(headers.name).to.equal('x');
    expect(Object.values(headers)).to.include('qty:s');
  });

  for (const [type, text] of [['byte', '128'], ['short', '-32769'], ['int', '2147483648'], ['long', '9223372036854775808']] as const) {
    it(`refuses a ${type} header out of the ${type} range ("${text}")`, () => {
      const headers = propertiesToStrings(new Map<string, PropertyValue>([['p', { type, value: type === 'long' ? 0n : 0 } as PropertyValue]]));
      expect(() => propertiesFromStrings({ ...headers, p: text })).to.throw(MessageFormatException);
    });
  }
});
