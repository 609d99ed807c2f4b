// UTF-8 bytes written straight into chunks and handed out as they fill. A large output (the
// 450 MB of a province's score JSON) is then made without a string for each piece of it, a
// filter pass over each, and a conversion of each to bytes: those took most of writing it.
import { printable } from "./printable.ts";

/** Bytes of a chunk, as a rule; a chunk is handed out early when a text would not fit. */
export const CHUNK_BYTES = 1 << 16;

/** Texts up to this length are written in place; longer ones are converted apart. */
const LONG_TEXT = CHUNK_BYTES >> 3;

export class Utf8Chunks {
  private buf: Buffer = Buffer.alloc(0);
  private at = 0;
  private ready: Uint8Array[] = [];
  /** Chunks given back (reuse), to be written over: fresh memory costs more than filling it. */
  private readonly spare: Buffer[] = [];
  private readonly size: number;

  constructor(size: number = CHUNK_BYTES) {
    this.size = size;
  }

  /** Makes room for `n` more bytes: the chunk is handed out and a new one begun when it lacks it. */
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    if (this.at > 0) this.ready.push(this.buf.subarray(0, this.at));
    // A chunk handed out is written again only once given back (reuse).
    this.buf =
      n <= this.size
        ? (this.spare.pop() ?? Buffer.allocUnsafeSlow(this.size))
        : Buffer.allocUnsafeSlow(n);
    this.at = 0;
  }

  /**
   * Gives back a chunk handed out, once nothing holds it any more: it will be written over. A
   * chunk given back twice is kept once.
   */
  reuse(chunk: Uint8Array): void {
    const whole = chunk.buffer;
    if (whole.byteLength !== this.size || this.spare.length >= 4) return;
    if (whole === this.buf.buffer || this.spare.some((b) => b.buffer === whole)) return;
    this.spare.push(Buffer.from(whole));
  }

  /** Bytes (copied). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    const buf = this.buf;
    let at = this.at;
    if (n <= 24) for (let i = 0; i < n; i++) buf[at++] = b[i] as number;
    else {
      buf.set(b, at);
      at += n;
    }
    this.at = at;
  }

  /** One byte (an ASCII character's code). */
  byte(c: number): void {
    this.room(1);
    this.buf[this.at++] = c;
  }

  /** A text's UTF-8 bytes, as it is (the caller has made it printable where that matters). */
  text(s: string): void {
    const n = s.length;
    if (n > LONG_TEXT) {
      this.bytes(Buffer.from(s, "utf8"));
      return;
    }
    // A UTF-16 unit takes at most 3 bytes (a surrogate pair: 4 for two).
    this.room(3 * n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.at += buf.write(s, this.at, "utf8");
        return;
      }
      buf[at++] = c;
    }
    this.at = at;
  }

  /** `printable(s)`'s UTF-8 bytes: text from content, made safe for a terminal. */
  printableText(s: string): void {
    this.text(printable(s));
  }

  /**
   * `printable(JSON.stringify(s))`: a text as a JSON string, any terminal control character in it
   * replaced as the command line replaces it. Printable ASCII with nothing to escape (ids,
   * dates, files) is written as it is, in place.
   */
  jsonString(s: string): void {
    const n = s.length;
    if (n <= LONG_TEXT) {
      this.room(n + 2);
      const buf = this.buf;
      let at = this.at;
      buf[at++] = 34;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x20 || c > 0x7e || c === 34 || c === 92) break;
        buf[at++] = c;
      }
      if (i === n) {
        buf[at++] = 34;
        this.at = at;
        return;
      }
    }
    this.printableText(JSON.stringify(s));
  }

  /** A whole number's digits (`String(n)`). */
  integer(n: number): void {
    if (!(n >= 0 && Number.isSafeInteger(n))) {
      this.text(String(n));
      return;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    this.room(digits);
    const buf = this.buf;
    let x = n;
    for (let k = this.at + digits - 1; k >= this.at; k--) {
      buf[k] = 48 + (x % 10);
      x = Math.floor(x / 10);
    }
    this.at += digits;
  }

  /** The chunks filled since the last call (each to be used once; none is written again). */
  take(): Uint8Array[] {
    const r = this.ready;
    if (r.length > 0) this.ready = [];
    return r;
  }

  /** Every chunk not yet taken, the last one as far as it is filled. */
  end(): Uint8Array[] {
    if (this.at > 0) {
      this.ready.push(this.buf.subarray(0, this.at));
      this.buf = Buffer.alloc(0);
      this.at = 0;
    }
    return this.take();
  }
}
