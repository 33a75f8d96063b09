import { decodeModifiedUtf8 } from '../../src/spi/public.js';

const JAVA_NUL = Buffer.from([0xc0, 0x80]);

/**
 * ActiveMQ keeps a STOMP text body as a Java TextMessage, which Java clients read as modified
 * UTF-8: a 4-byte UTF-8 character (an emoji) makes their getText() throw. So text travels in
 * Java's form, each character beyond the BMP as its two surrogates of 3 bytes (CESU-8) and NUL as
 * C0 80, which is also how Java clients' own text arrives. With no raw NUL, the frame needs no
 * content-length (which would make a BytesMessage). Other text is the same in both forms.
 */
export function toJavaText(body: Buffer): Buffer {
  const withNul = body.includes(0);
  if (!withNul && !/[\xf0-\xf4]/.test(body.toString('latin1'))) return body; // already Java's form
  const text = body.toString('utf8');
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) {
      parts.push(Buffer.from(text.slice(start, i), 'utf8'), JAVA_NUL);
      start = i + 1;
    }
    if (unit < 0xd800 || unit > 0xdfff) continue;
    parts.push(Buffer.from(text.slice(start, i), 'utf8'), Buffer.from([0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]));
    start = i + 1;
  }
  parts.push(Buffer.from(text.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** Text in Java's form (NUL as C0 80, surrogates as 3-byte pairs) as UTF-8; any other body as it is. */
export function fromJavaText(body: Buffer): Buffer {
  // Neither pattern is valid UTF-8, so finding one means the body is in Java's form.
  const javaForm = body.includes(JAVA_NUL) || (body.includes(0xed) && /\xed[\xa0-\xbf]/.test(body.toString('latin1')));
  return javaForm ? Buffer.from(decodeModifiedUtf8(body), 'utf8') : body;
}
