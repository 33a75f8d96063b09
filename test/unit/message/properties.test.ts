import { expect } from 'chai';
import {
  IllegalArgumentException,
  MessageFormatException,
  NullPointerException,
  NumberFormatException,
} from '../../../src/api/exceptions.js';
import type { Message, PropertyObject } from '../../../src/api/message.js';
import { PlainMessage } from '../../../src/message/index.js';
import { JmsTextMessage } from '../../../src/message/index.js';

/** The eight JMS property types, in the order of the JMS 2.0 §3.5.4 conversion table. */
const TYPES = ['boolean', 'byte', 'short', 'int', 'long', 'float', 'double', 'string'] as const;
type PropertyType = (typeof TYPES)[number];

function setTyped(message: Message, type: PropertyType, name: string, value: unknown): void {
  switch (type) {
    case 'boolean':
      return message.setBooleanProperty(name, value as boolean);
    case 'byte':
      return message.setByteProperty(name, value as number);
    case 'short':
      return message.setShortProperty(name, value as number);
    case 'int':
      return message.setIntProperty(name, value as number);
    case 'long':
      return message.setLongProperty(name, value as bigint);
    case 'float':
      return message.setFloatProperty(name, value as number);
    case 'double':
      return message.setDoubleProperty(name, value as number);
    case 'string':
      return message.setStringProperty(name, value as string);
  }
}

function getTyped(message: Message, type: PropertyType, name: string): unknown {
  switch (type) {
    case 'boolean':
      return message.getBooleanProperty(name);
    case 'byte':
      return message.getByteProperty(name);
    case 'short':
      return message.getShortProperty(name);
    case 'int':
      return message.getIntProperty(name);
    case 'long':
      return message.getLongProperty(name);
    case 'float':
      return message.getFloatProperty(name);
    case 'double':
      return message.getDoubleProperty(name);
    case 'string':
      return message.getStringProperty(name);
  }
}

/**
 * JMS 2.0 §3.5.4: for each stored type, a sample value and what each allowed getter returns.
 * Getters not listed must throw MessageFormatException.
 */
const CONVERSIONS: { from: PropertyType; value: unknown; reads: Partial<Record<PropertyType, unknown>> }[] = [
  { from: 'boolean', value: true, reads: { boolean: true, string: 'true' } },
  { from: 'byte', value: -7, reads: { byte: -7, short: -7, int: -7, long: -7n, string: '-7' } },
  { from: 'short', value: 300, reads: { short: 300, int: 300, long: 300n, string: '300' } },
  { from: 'int', value: 70000, reads: { int: 70000, long: 70000n, string: '70000' } },
  { from: 'long', value: 9007199254740993n, reads: { long: 9007199254740993n, string: '9007199254740993' } },
  { from: 'float', value: 1.5, reads: { float: 1.5, double: 1.5, string: '1.5' } },
  { from: 'double', value: 2.25, reads: { double: 2.25, string: '2.25' } },
  {
    from: 'string',
    value: '12',
    reads: { boolean: false, byte: 12, short: 12, int: 12, long: 12n, float: 12, double: 12, string: '12' },
  },
];

describe('message properties', () => {
  describe('typed setters and getters', () => {
    it('round-trips a boolean property', () => {
      const m = new PlainMessage();
      m.setBooleanProperty('on', true);
      m.setBooleanProperty('off', false);
      expect(m.getBooleanProperty('on')).to.equal(true);
      expect(m.getBooleanProperty('off')).to.equal(false);
      expect(m.getObjectProperty('on')).to.equal(true);
    });

    it('round-trips byte, short and int properties at the edges of their ranges', () => {
      const m = new PlainMessage();
      m.setByteProperty('bmin', -128);
      m.setByteProperty('bmax', 127);
      m.setShortProperty('smin', -32768);
      m.setShortProperty('smax', 32767);
      m.setIntProperty('imin', -2147483648);
      m.setIntProperty('imax', 2147483647);
      expect(m.getByteProperty('bmin')).to.equal(-128);
      expect(m.getByteProperty('bmax')).to.equal(127);
      expect(m.getShortProperty('smin')).to.equal(-32768);
      expect(m.getShortProperty('smax')).to.equal(32767);
      expect(m.getIntProperty('imin')).to.equal(-2147483648);
      expect(m.getIntProperty('imax')).to.equal(2147483647);
    });

    it('stores a long property as a bigint over the whole Java long range', () => {
      const m = new PlainMessage();
      m.setLongProperty('min', -(2n ** 63n));
      m.setLongProperty('max', 2n ** 63n - 1n);
      m.setLongProperty('fromNumber', 42);
      expect(m.getLongProperty('min')).to.equal(-(2n ** 63n));
      expect(m.getLongProperty('max')).to.equal(2n ** 63n - 1n);
      expect(m.getLongProperty('fromNumber')).to.equal(42n);
      expect(m.getObjectProperty('fromNumber')).to.equal(42n);
    });

    it('rounds a float property to single precision', () => {
      const m = new PlainMessage();
      m.setFloatProperty('f', 1.1);
      expect(m.getFloatProperty('f')).to.equal(Math.fround(1.1));
      expect(m.getFloatProperty('f')).to.not.equal(1.1);
      expect(m.getDoubleProperty('f')).to.equal(Math.fround(1.1));
      // Java's Float.toString: the shortest decimal that reads back as the same float.
      expect(m.getStringProperty('f')).to.equal('1.1');
    });

    it('keeps a double property at full precision, NaN and infinities included', () => {
      const m = new PlainMessage();
      m.setDoubleProperty('d', 1.1);
      m.setDoubleProperty('nan', Number.NaN);
      m.setDoubleProperty('inf', -Infinity);
      expect(m.getDoubleProperty('d')).to.equal(1.1);
      expect(m.getDoubleProperty('nan')).to.be.NaN;
      expect(m.getDoubleProperty('inf')).to.equal(-Infinity);
      expect(m.getStringProperty('nan')).to.equal('NaN');
      expect(m.getStringProperty('inf')).to.equal('-Infinity');
    });

    it('formats doubles as strings the way Java Double.toString does', () => {
      const m = new PlainMessage();
      const cases: [number, string][] = [
        [100, '100.0'],
        [0, '0.0'],
        [-0, '-0.0'],
        [1e21, '1.0E21'],
        [1e7, '1.0E7'],
        [0.0001, '1.0E-4'],
        [0.001, '0.001'],
        [123456.5, '123456.5'],
      ];
      for (const [value, text] of cases) {
        m.setDoubleProperty('d', value);
        expect(m.getStringProperty('d'), String(value)).to.equal(text);
      }
    });

    it('round-trips a String property, including the empty string', () => {
      const m = new PlainMessage();
      m.setStringProperty('s', 'héllo ✓');
      m.setStringProperty('empty', '');
      expect(m.getStringProperty('s')).to.equal('héllo ✓');
      expect(m.getStringProperty('empty')).to.equal('');
      expect(m.propertyExists('empty')).to.equal(true);
    });

    it('replaces an earlier value of another type under the same name', () => {
      const m = new PlainMessage();
      m.setIntProperty('x', 5);
      m.setStringProperty('x', 'five');
      expect(m.getObjectProperty('x')).to.equal('five');
      expect(() => m.getIntProperty('x')).to.throw(NumberFormatException);
    });

    it('removes a property when a String or Object property is set to null', () => {
      const m = new PlainMessage();
      m.setStringProperty('s', 'x');
      m.setStringProperty('s', null);
      m.setIntProperty('o', 1);
      m.setObjectProperty('o', null);
      expect(m.propertyExists('s')).to.equal(false);
      expect(m.propertyExists('o')).to.equal(false);
      expect(m.getPropertyNames()).to.deep.equal([]);
    });
  });

  describe('range checks', () => {
    const bad: [string, (m: Message) => void][] = [
      ['byte 128', (m) => m.setByteProperty('p', 128)],
      ['byte -129', (m) => m.setByteProperty('p', -129)],
      ['byte 1.5', (m) => m.setByteProperty('p', 1.5)],
      ['short 32768', (m) => m.setShortProperty('p', 32768)],
      ['short -32769', (m) => m.setShortProperty('p', -32769)],
      ['int 2^31', (m) => m.setIntProperty('p', 2 ** 31)],
      ['int -2^31-1', (m) => m.setIntProperty('p', -(2 ** 31) - 1)],
      ['int NaN', (m) => m.setIntProperty('p', Number.NaN)],
      ['int 0.5', (m) => m.setIntProperty('p', 0.5)],
      ['int as string', (m) => m.setIntProperty('p', '5' as unknown as number)],
      ['long 2^63', (m) => m.setLongProperty('p', 2n ** 63n)],
      ['long -2^63-1', (m) => m.setLongProperty('p', -(2n ** 63n) - 1n)],
      ['long unsafe number 2^53', (m) => m.setLongProperty('p', 2 ** 53)],
      ['long fractional number', (m) => m.setLongProperty('p', 1.5)],
      ['float as string', (m) => m.setFloatProperty('p', '1' as unknown as number)],
      ['double as bigint', (m) => m.setDoubleProperty('p', 1n as unknown as number)],
      ['boolean as number', (m) => m.setBooleanProperty('p', 1 as unknown as boolean)],
      ['string as number', (m) => m.setStringProperty('p', 1 as unknown as string)],
    ];
    for (const [what, set] of bad) {
      it(`refuses ${what} with MessageFormatException and stores nothing`, () => {
        const m = new PlainMessage();
        expect(() => set(m)).to.throw(MessageFormatException);
        expect(m.propertyExists('p')).to.equal(false);
      });
    }

    it('requires JMSXGroupSeq and JMSXDeliveryCount to be ints', () => {
      const m = new PlainMessage();
      expect(() => m.setStringProperty('JMSXGroupSeq', '1')).to.throw(MessageFormatException);
      expect(() => m.setLongProperty('JMSXDeliveryCount', 1n)).to.throw(MessageFormatException);
      m.setIntProperty('JMSXGroupSeq', 3);
      expect(m.getIntProperty('JMSXGroupSeq')).to.equal(3);
    });
  });

  describe('the JMS property conversion table', () => {
    for (const row of CONVERSIONS) {
      for (const target of TYPES) {
        const allowed = Object.prototype.hasOwnProperty.call(row.reads, target);
        if (allowed) {
          it(`reads a ${row.from} property as ${target}`, () => {
            const m = new PlainMessage();
            setTyped(m, row.from, 'p', row.value);
            expect(getTyped(m, target, 'p')).to.deep.equal(row.reads[target]);
          });
        } else {
          it(`refuses to read a ${row.from} property as ${target} with MessageFormatException`, () => {
            const m = new PlainMessage();
            setTyped(m, row.from, 'p', row.value);
            expect(() => getTyped(m, target, 'p')).to.throw(MessageFormatException);
          });
        }
      }
    }

    it('covers all 64 pairs of the table', () => {
      expect(CONVERSIONS.map((r) => r.from)).to.deep.equal([...TYPES]);
      const allowed = CONVERSIONS.reduce((n, r) => n + Object.keys(r.reads).length, 0);
      // 2 + 5 + 4 + 3 + 2 + 3 + 2 + 8 allowed pairs in JMS 2.0 §3.5.4.
      expect(allowed).to.equal(29);
    });

    it('reads a String as boolean the way Boolean.valueOf does (case-insensitive "true", anything else false)', () => {
      const m = new PlainMessage();
      for (const [text, value] of [['true', true], ['TRUE', true], ['tRuE', true], ['yes', false], ['1', false], ['', false]] as const) {
        m.setStringProperty('b', text);
        expect(m.getBooleanProperty('b'), text).to.equal(value);
      }
    });

    it('parses Strings as numbers like Java valueOf, signs and exponents included', () => {
      const m = new PlainMessage();
      m.setStringProperty('n', '-128');
      expect(m.getByteProperty('n')).to.equal(-128);
      m.setStringProperty('n', '+32767');
      expect(m.getShortProperty('n')).to.equal(32767);
      m.setStringProperty('n', '-9223372036854775808');
      expect(m.getLongProperty('n')).to.equal(-(2n ** 63n));
      m.setStringProperty('n', '1.5e3');
      expect(m.getDoubleProperty('n')).to.equal(1500);
      m.setStringProperty('n', ' 2.5 ');
      expect(m.getDoubleProperty('n')).to.equal(2.5);
      m.setStringProperty('n', '0.1');
      expect(m.getFloatProperty('n')).to.equal(Math.fround(0.1));
    });

    const unparsable: [string, PropertyType][] = [
      ['abc', 'byte'],
      ['128', 'byte'],
      ['1.0', 'short'],
      ['40000', 'short'],
      ['', 'int'],
      [' 1', 'int'],
      ['2147483648', 'int'],
      ['0x10', 'int'],
      ['12abc', 'long'],
      ['9223372036854775808', 'long'],
      ['one', 'float'],
      ['1.2.3', 'double'],
      ['', 'double'],
    ];
    for (const [text, target] of unparsable) {
      it(`throws NumberFormatException reading the String ${JSON.stringify(text)} as ${target}`, () => {
        const m = new PlainMessage();
        m.setStringProperty('n', text);
        const error = captureError(() => getTyped(m, target, 'n'));
        expect(error).to.be.instanceOf(NumberFormatException);
        expect((error as Error).message).to.contain('"n"');
      });
    }
  });

  describe('a missing property reads as Java valueOf(null)', () => {
    it('reads as false with getBooleanProperty', () => {
      expect(new PlainMessage().getBooleanProperty('missing')).to.equal(false);
    });

    it('reads as null with getStringProperty and getObjectProperty', () => {
      const m = new PlainMessage();
      expect(m.getStringProperty('missing')).to.equal(null);
      expect(m.getObjectProperty('missing')).to.equal(null);
      expect(m.propertyExists('missing')).to.equal(false);
    });

    it('throws NumberFormatException for the integer getters (Byte/Short/Integer/Long.valueOf(null))', () => {
      const m = new PlainMessage();
      expect(() => m.getByteProperty('missing')).to.throw(NumberFormatException);
      expect(() => m.getShortProperty('missing')).to.throw(NumberFormatException);
      expect(() => m.getIntProperty('missing')).to.throw(NumberFormatException);
      expect(() => m.getLongProperty('missing')).to.throw(NumberFormatException);
    });

    it('throws NullPointerException for the floating-point getters (Float/Double.valueOf(null))', () => {
      const m = new PlainMessage();
      expect(() => m.getFloatProperty('missing')).to.throw(NullPointerException);
      expect(() => m.getDoubleProperty('missing')).to.throw(NullPointerException);
    });
  });

  describe('property names', () => {
    const invalid: [string, unknown][] = [
      ['null', null],
      ['undefined', undefined],
      ['the empty string', ''],
      ['NOT', 'NOT'],
      ['and (any case)', 'and'],
      ['Between', 'Between'],
      ['OR', 'OR'],
      ['LIKE', 'LIKE'],
      ['in', 'in'],
      ['IS', 'IS'],
      ['NULL', 'NULL'],
      ['TRUE', 'TRUE'],
      ['false', 'false'],
      ['ESCAPE', 'ESCAPE'],
      ['a JMS-prefixed name', 'JMSFoo'],
      ['a header name', 'JMSCorrelationID'],
      ['an undefined JMSX name', 'JMSXFoo'],
      ['a name starting with a digit', '1abc'],
      ['a name with a hyphen', 'a-b'],
      ['a name with a space', 'a b'],
      ['a name with a dot', 'a.b'],
    ];
    for (const [what, name] of invalid) {
      it(`refuses ${what} as a property name with IllegalArgumentException`, () => {
        const m = new PlainMessage();
        expect(() => m.setStringProperty(name as string, 'v')).to.throw(IllegalArgumentException);
        expect(() => m.setIntProperty(name as string, 1)).to.throw(IllegalArgumentException);
        expect(() => m.setObjectProperty(name as string, true)).to.throw(IllegalArgumentException);
        expect(m.getPropertyNames()).to.deep.equal([]);
      });
    }

    it('accepts Java identifiers, defined JMSX names and JMS_ vendor names', () => {
      const m = new PlainMessage();
      const names = ['a', '$dollar', '_under', 'café', 'x1', 'notice', 'ANDY', 'JMSXGroupID', 'JMSXUserID', 'JMS_vendor', 'Jms'];
      for (const name of names) m.setStringProperty(name, name);
      expect(m.getPropertyNames()).to.have.members(names);
      expect(m.getStringProperty('café')).to.equal('café');
    });

    it('treats property names as case-sensitive', () => {
      const m = new PlainMessage();
      m.setIntProperty('qty', 1);
      m.setIntProperty('QTY', 2);
      expect(m.getIntProperty('qty')).to.equal(1);
      expect(m.getIntProperty('QTY')).to.equal(2);
      expect(m.propertyExists('Qty')).to.equal(false);
    });
  });

  describe('getPropertyNames and clearProperties', () => {
    it('lists the properties but none of the headers', () => {
      const m = new JmsTextMessage('body');
      m.setJMSType('t');
      m.setJMSCorrelationID('c');
      m.setJMSPriority(7);
      m.setJMSMessageID('ID:1');
      m.setIntProperty('a', 1);
      m.setStringProperty('b', 'x');
      m.setStringProperty('JMSXGroupID', 'g');
      expect(m.getPropertyNames()).to.have.members(['a', 'b', 'JMSXGroupID']);
      expect(m.getPropertyNames()).to.have.length(3);
      expect(m.propertyExists('JMSType')).to.equal(false);
      expect(m.getStringProperty('JMSPriority')).to.equal(null);
    });

    it('returns a copy that does not change the message', () => {
      const m = new PlainMessage();
      m.setIntProperty('a', 1);
      m.getPropertyNames().push('b');
      expect(m.getPropertyNames()).to.deep.equal(['a']);
    });

    it('clearProperties removes every property and keeps headers and body', () => {
      const m = new JmsTextMessage('body');
      m.setJMSType('t');
      m.setIntProperty('a', 1);
      m.setStringProperty('b', 'x');
      m.clearProperties();
      expect(m.getPropertyNames()).to.deep.equal([]);
      expect(m.propertyExists('a')).to.equal(false);
      expect(m.getStringProperty('b')).to.equal(null);
      expect(m.getJMSType()).to.equal('t');
      expect(m.getText()).to.equal('body');
      m.setIntProperty('a', 2);
      expect(m.getIntProperty('a')).to.equal(2);
    });
  });

  describe('setObjectProperty', () => {
    it('maps boolean, string and bigint to their Java types', () => {
      const m = new PlainMessage();
      m.setObjectProperty('b', true);
      m.setObjectProperty('s', 'x');
      m.setObjectProperty('l', 5n);
      expect(m.getBooleanProperty('b')).to.equal(true);
      expect(m.getStringProperty('s')).to.equal('x');
      expect(m.getLongProperty('l')).to.equal(5n);
      // A long does not narrow to int.
      expect(() => m.getIntProperty('l')).to.throw(MessageFormatException);
    });

    it('stores an integer number in int range as an int and any other number as a double', () => {
      const m = new PlainMessage();
      m.setObjectProperty('i', 7);
      m.setObjectProperty('big', 2 ** 31);
      m.setObjectProperty('frac', 2.5);
      expect(m.getIntProperty('i')).to.equal(7);
      expect(m.getLongProperty('i')).to.equal(7n);
      expect(() => m.getIntProperty('big')).to.throw(MessageFormatException);
      expect(m.getDoubleProperty('big')).to.equal(2 ** 31);
      expect(m.getDoubleProperty('frac')).to.equal(2.5);
      expect(() => m.getFloatProperty('frac')).to.throw(MessageFormatException);
    });

    const others: [string, unknown][] = [
      ['an object', { a: 1 }],
      ['an array', [1]],
      ['a Uint8Array', new Uint8Array([1])],
      ['a Date', new Date(0)],
      ['a function', () => 1],
      ['a symbol', Symbol('s')],
    ];
    for (const [what, value] of others) {
      it(`refuses ${what} with MessageFormatException`, () => {
        const m = new PlainMessage();
        expect(() => m.setObjectProperty('p', value as PropertyObject)).to.throw(MessageFormatException);
        expect(m.propertyExists('p')).to.equal(false);
      });
    }

    it('getObjectProperty returns the stored value with its JavaScript type', () => {
      const m = new PlainMessage();
      m.setByteProperty('b', 1);
      m.setLongProperty('l', 1n);
      m.setFloatProperty('f', 0.5);
      expect(m.getObjectProperty('b')).to.equal(1);
      expect(m.getObjectProperty('l')).to.equal(1n);
      expect(m.getObjectProperty('f')).to.equal(0.5);
    });
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an exception, none was thrown');
}
