import { expect } from 'chai';
import { MessageFormatException } from '../../../src/api/exceptions.js';
import { decodeObjectBody } from '../../../src/codec/bodies.js';
import { bodyKindForContentType } from '../../../src/codec/message-codec.js';
import { decodeModifiedUtf8, encodeModifiedUtf8 } from '../../../src/message/modified-utf8.js';

describe('codec boundaries', () => {
  it('chooses text or bytes for a foreign message by each content type', () => {
    for (const type of ['text/plain', 'application/json; charset=utf-8', 'application/xml', 'application/vnd.x+json', 'image/svg+xml']) {
      expect(bodyKindForContentType(type, 'bytes'), type).to.equal('text');
    }
    for (const type of ['application/octet-stream', 'image/png', 'application/jsonl']) {
      expect(bodyKindForContentType(type, 'text'), type).to.equal('bytes');
    }
    expect(bodyKindForContentType(null, 'bytes')).to.equal('bytes');
    expect(bodyKindForContentType(undefined, 'text')).to.equal('text');
  });

  it('writes Java modified UTF-8 lengths at each boundary (U+0000, U+0001, U+007F, U+0080, U+07FF, U+0800, a surrogate pair)', () => {
    const cases: [string, number][] = [['\u0000', 2], ['\u0001', 1], ['\u007f', 1], ['\u0080', 2], ['\u07ff', 2], ['\u0800', 3], ['\u{1f600}', 6]];
    for (const [text, length] of cases) {
      const bytes = encodeModifiedUtf8(text);
      expect(bytes.length, `U+${text.codePointAt(0)!.toString(16)}`).to.equal(length);
      expect(decodeModifiedUtf8(bytes)).to.equal(text);
    }
  });

  it('refuses an ObjectMessage body with an unknown tag instead of reading it as undefined', () => {
    const body = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
    expect(() => decodeObjectBody(body(['o', 'k', ['q', 1]]))).to.throw(MessageFormatException, 'unknown tag');
    expect(decodeObjectBody(body(['o', 'k', ['a', 1, 'x']]))).to.deep.equal({ k: [1, 'x'] });
  });
});
