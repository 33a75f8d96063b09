import { expect } from 'chai';
import { FeatureNotSupportedException, JMSException, MessageFormatException } from '../../../src/api/exceptions.js';
import { decodeMapBody } from '../../../src/codec/index.js';
import { resolveProvider } from '../../../src/index.js';
import { fromJavaText, toJavaText } from '../../../adapters/stomp/java-text.js';
import { decodeXStreamMap, toXStreamMap, xstreamMapToBody } from '../../../adapters/stomp/xstream-map.js';

/** The two Java forms the STOMP adapter meets on ActiveMQ: modified UTF-8 text and XStream's JSON maps. */
describe('stomp adapter: Java text and XStream maps', () => {
  describe('text in Java\'s modified UTF-8', () => {
    it('writes a character beyond the BMP as two 3-byte surrogates and reads it back', () => {
      const java = toJavaText(Buffer.from('a😀é', 'utf8'));
      expect([...java]).to.deep.equal([0x61, 0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80, 0xc3, 0xa9]);
      expect(fromJavaText(java).toString('utf8')).to.equal('a😀é');
    });

    it('writes NUL as C0 80, so the frame needs no content-length, and reads it back', () => {
      const java = toJavaText(Buffer.from('a\u0000b😀', 'utf8'));
      expect([...java.subarray(0, 4)]).to.deep.equal([0x61, 0xc0, 0x80, 0x62]);
      expect(java.includes(0)).to.equal(false);
      expect(fromJavaText(java).toString('utf8')).to.equal('a\u0000b😀');
    });

    it('leaves text without such characters as it is, without a copy', () => {
      const plain = Buffer.from('café ✓', 'utf8');
      expect(toJavaText(plain)).to.equal(plain);
      expect(fromJavaText(plain)).to.equal(plain);
    });

    it('reads Java\'s NUL (C0 80)', () => {
      expect(fromJavaText(Buffer.from([0x61, 0xc0, 0x80, 0x62])).toString('utf8')).to.equal('a\u0000b');
    });
  });

  describe('the transformation option', () => {
    it('takes jms-json on ActiveMQ only', () => {
      expect(resolveProvider('stomp://127.0.0.1:61613?transformation=jms-json').adapter).to.equal('stomp+activemq');
      expect(() => resolveProvider('stomp+rabbitmq://127.0.0.1?transformation=jms-json')).to.throw(FeatureNotSupportedException);
      expect(() => resolveProvider('stomp://127.0.0.1?transformation=jms-map-xml')).to.throw(JMSException, /takes only "jms-json"/);
    });
  });

  describe('jms-map-json bodies', () => {
    const decode = (json: string) => decodeXStreamMap(Buffer.from(json, 'utf8'));

    it('keeps Java types and longs beyond 2^53 exactly', () => {
      const entries = decode('{"map":{"entry":[{"string":"l","long":-9223372036854775808},{"string":"i","int":42},{"string":"s","short":-7},'
        + '{"string":"b","byte":-5},{"string":"f","float":0.1},{"string":"d","double":1.0E300},{"string":"z","boolean":false},'
        + '{"string":"c","char":"x"},{"string":"n","null":""},{"string":"nan","double":"NaN"},{"string":"inf","double":"-Infinity"}]}}');
      expect(Object.fromEntries(entries)).to.deep.equal({
        l: { type: 'long', value: -(2n ** 63n) }, i: { type: 'int', value: 42 }, s: { type: 'short', value: -7 },
        b: { type: 'byte', value: -5 }, f: { type: 'float', value: Math.fround(0.1) }, d: { type: 'double', value: 1e300 },
        z: { type: 'boolean', value: false }, c: { type: 'char', value: 'x' }, n: null,
        nan: { type: 'double', value: NaN }, inf: { type: 'double', value: -Infinity },
      });
    });

    it('gives strings back the text that Jettison turned into numbers and booleans, keys too', () => {
      const entries = decode('{"map":{"entry":[{"string":["zip",12]},{"string":["t",true]},{"string":["lead","0042"]},{"string":[42,"v"]},{"string":["big",12345678901234567890]}]}}');
      expect(Object.fromEntries([...entries].map(([k, v]) => [k, v?.value]))).to.deep.equal({ zip: '12', t: 'true', lead: '0042', 42: 'v', big: '12345678901234567890' });
    });

    it('reads a byte[] entry (XStream writes base64) as bytes', () => {
      const entries = decode('{"map":{"entry":[{"string":"bytes","byte-array":"AQID/w=="},{"string":"none","byte-array":""}]}}');
      expect(entries.get('bytes')).to.deep.equal({ type: 'bytes', value: new Uint8Array([1, 2, 3, 255]) });
      expect(entries.get('none')).to.deep.equal({ type: 'bytes', value: new Uint8Array(0) });
    });

    it('reads a single entry (an object, not an array) and an empty map', () => {
      expect([...decode('{"map":{"entry":{"string":"only","int":1}}}').keys()]).to.deep.equal(['only']);
      expect(decode('{"map":""}').size).to.equal(0);
    });

    it('re-encodes the entries in jms-ts\'s map body', () => {
      const body = xstreamMapToBody(Buffer.from('{"map":{"entry":{"string":"l","long":9007199254740993}}}'));
      expect(decodeMapBody(body).get('l')).to.deep.equal({ type: 'long', value: 9007199254740993n });
    });

    it('writes entries as XStream JSON with every value as text, which reads back with the same types', () => {
      const entries = new Map<string, Parameters<typeof toXStreamMap>[0] extends ReadonlyMap<string, infer V> ? V : never>([
        ['s', { type: 'string', value: '0042' }], ['l', { type: 'long', value: -(2n ** 63n) }], ['f', { type: 'float', value: 1.5 }],
        ['z', { type: 'double', value: -0 }], ['c', { type: 'char', value: 'é' }], ['n', null],
      ]);
      const json = toXStreamMap(entries)!;
      expect(json).to.equal('{"map":{"entry":[{"string":["s","0042"]},{"string":"l","long":"-9223372036854775808"},{"string":"f","float":"1.5"},'
        + '{"string":"z","double":"-0.0"},{"string":"c","char":"é"},{"string":"n","null":""}]}}');
      expect(decode(json)).to.deep.equal(entries);
      expect(toXStreamMap(new Map())).to.equal('{"map":""}');
      expect(toXStreamMap(new Map([['one', { type: 'int', value: 1 }]]))).to.equal('{"map":{"entry":{"string":"one","int":"1"}}}');
    });

    it('writes nothing for maps the broker would not keep intact: byte[] entries, NUL and characters beyond the BMP', () => {
      expect(toXStreamMap(new Map([['b', { type: 'bytes', value: new Uint8Array([1]) }]]))).to.equal(null);
      expect(toXStreamMap(new Map([['s', { type: 'string', value: 'a😀' }]]))).to.equal(null);
      expect(toXStreamMap(new Map([['k\u0000', { type: 'int', value: 1 }]]))).to.equal(null);
    });

    it('refuses what is not an XStream map with MessageFormatException', () => {
      for (const json of ['[]', '{"list":""}', '{"map":{"entry":{"string":"k","date":"2020"}}}', '{"map":{"entry":{"string":"k","int":1.5}}}', '{"map":', '{"map":""} x']) {
        expect(() => decode(json), json).to.throw(MessageFormatException);
      }
    });
  });
});
