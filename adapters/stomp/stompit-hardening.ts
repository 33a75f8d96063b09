import stompit from 'stompit';

/**
 * Two fixes to stompit's frame parser (1.0.0, unmaintained since 2020), installed once when the
 * STOMP adapter loads, so frames from a broker are data and never crash the process:
 * - headers are stored with `headers[name] = value` after `headers.hasOwnProperty(name)`: a header
 *   named `hasOwnProperty` made the next header line throw a TypeError out of a stream callback (an
 *   uncaught exception), and one named `__proto__` was lost. Headers are now own properties whatever
 *   their names;
 * - any error while parsing (not only stompit's ParseError) fails the stream, as a parse error does,
 *   instead of escaping as an uncaught exception.
 */

interface ParserState {
  _headers: Record<string, unknown>;
  _numHeaders: number;
  _maxHeaders: number;
  _paused: boolean;
  _chunk: Buffer;
  _transformCallback: ((error?: Error) => void) | null;
  _decode(text: string): string;
  _parse(): void;
  _parseLine(): string | null;
  _beginBody(): void;
}

type Parser = { prototype: ParserState & { _parseHeaderLine(): void; _continueTransform(): void } };

const parser = (stompit as unknown as { IncomingFrameStream: Parser }).IncomingFrameStream.prototype;

// stompit's own _parseHeaderLine, with the header table written safely (errors: see _continueTransform below).
parser._parseHeaderLine = function (this: ParserState): void {
  const line = this._parseLine();
  if (line === null) return;
  if (line.length === 0) return this._beginBody();
  const separator = line.indexOf(':');
  if (separator === -1) throw new Error('header parse error');
  const name = this._decode(line.substring(0, separator));
  const value = this._decode(line.substring(separator + 1));
  if (Object.hasOwn(this._headers, name)) return; // STOMP: the first of repeated headers counts
  if (this._numHeaders === this._maxHeaders) throw new Error('too many headers');
  Object.defineProperty(this._headers, name, { value, enumerable: true, writable: true, configurable: true });
  this._numHeaders += 1;
};

parser._continueTransform = function (this: ParserState): void {
  this._paused = false;
  while (!this._paused && this._chunk.length > 0) {
    try {
      this._parse();
    } catch (error) {
      this._transformCallback?.(error instanceof Error ? error : new Error(String(error)));
      return;
    }
  }
  if (this._chunk.length === 0 && this._transformCallback && !this._paused) {
    const callback = this._transformCallback;
    this._transformCallback = null;
    callback();
  }
};
