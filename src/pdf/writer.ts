// The PDF file writer: numbered objects → PDF 1.7 bytes with object streams and a cross-reference
// stream. It writes what pdf-lib 1.17 (the writer before it) wrote for the same objects, byte for
// byte: the same spacing of dictionaries and arrays, the same number and name syntax, streams in
// object-number order, every other object in object streams of 50, each of those and the
// cross-reference stream deflated as pdf-lib's pako does (zlib level 6). No clock, no randomness.
import { createRequire } from "node:module";

/** pako's zlib port: the reference zlib's output, which node:zlib's differs from at level 6. */
interface PakoStream {
  input: Uint8Array;
  next_in: number;
  avail_in: number;
  output: Uint8Array;
  next_out: number;
  avail_out: number;
  state: { window: Uint8Array; prev: Uint16Array };
}
const require = createRequire(import.meta.url);
const zlib = require("pako/lib/zlib/deflate.js") as {
  deflateInit2(strm: PakoStream, ...settings: number[]): number;
  deflateReset(strm: PakoStream): number;
  deflate(strm: PakoStream, flush: number): number;
};
const ZStream = require("pako/lib/zlib/zstream.js") as new () => PakoStream;
const Z_OK = 0;
const Z_FINISH = 4;
const Z_STREAM_END = 1;

let stream: PakoStream | undefined;

/**
 * What `pako.deflate(data)` returns (zlib level 6, window 32 KiB, memory level 8), from one
 * compressor reset between streams instead of a new one each time: a new one allocates and
 * zero-fills some 400 KB, which cost about as much as the compression of an object stream. The
 * window and chain tables are cleared on reset too, so that no byte of an earlier stream can
 * reach this one's matches (pako, unlike zlib, does not clear what lies past the data).
 */
export function deflateLikePako(data: Uint8Array): Uint8Array {
  if (stream) {
    zlib.deflateReset(stream);
    stream.state.window.fill(0);
    stream.state.prev.fill(0);
  } else {
    stream = new ZStream();
    zlib.deflateInit2(stream, 6, 8, 15, 8, 0);
  }
  const s = stream;
  s.input = data;
  s.next_in = 0;
  s.avail_in = data.length;
  let out = new Uint8Array(data.length + (data.length >> 3) + 64);
  s.output = out;
  s.next_out = 0;
  s.avail_out = out.length;
  for (let r = zlib.deflate(s, Z_FINISH); r !== Z_STREAM_END; r = zlib.deflate(s, Z_FINISH)) {
    if (r !== Z_OK) throw new Error(`pako deflate failed (${r})`);
    // not enough room (data that does not compress): continue into a larger buffer
    const more = new Uint8Array(out.length * 2);
    more.set(out.subarray(0, s.next_out));
    out = more;
    s.output = out;
    s.avail_out = out.length - s.next_out;
  }
  const packed = out.slice(0, s.next_out);
  s.input = EMPTY;
  s.output = EMPTY;
  return packed;
}
const EMPTY = new Uint8Array(0);

/** An indirect reference. */
export class Ref {
  readonly n: number;
  constructor(n: number) {
    this.n = n;
  }
}
/** A text string written in hex (UTF-16BE after a byte order mark). */
export class Hex {
  readonly hex: string;
  constructor(hex: string) {
    this.hex = hex;
  }
  static text(text: string): Hex {
    let hex = "FEFF";
    for (let i = 0; i < text.length; i++)
      hex += text.charCodeAt(i).toString(16).padStart(4, "0").toUpperCase();
    return new Hex(hex);
  }
}
/** A literal string, written as it is between parentheses (ASCII without parentheses). */
export class Literal {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** A PDF value: a string is a name, an object a dictionary (its keys in order). */
export type PdfValue =
  | number
  | boolean
  | string
  | Ref
  | Hex
  | Literal
  | PdfValue[]
  | { [key: string]: PdfValue | undefined };

/** A number in decimal, never in exponent notation. */
export function pdfNumber(v: number): string {
  const s = String(v);
  if (!s.includes("e")) return s;
  if (Math.abs(v) < 1) {
    const e = Number(s.split("e-")[1]);
    const digits = String(Math.abs(v) * 10 ** (e - 1)).slice(2);
    return `${v < 0 ? "-" : ""}0.${"0".repeat(e - 1)}${digits}`;
  }
  const e = Number(s.split("+")[1]);
  if (e <= 20) return s;
  return String(v / 10 ** (e - 20)) + "0".repeat(e - 20);
}

/** Delimiters and whitespace, written as #xx in a name. */
const IRREGULAR = new Set([..."()<>[]{}/%#"].map((c) => c.charCodeAt(0)));

function pdfName(name: string): string {
  let s = "/";
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    s +=
      c >= 0x21 && c <= 0x7e && !IRREGULAR.has(c)
        ? name[i]
        : `#${c.toString(16).padStart(2, "0").toUpperCase()}`;
  }
  return s;
}

export function serialize(v: PdfValue): string {
  switch (typeof v) {
    case "number":
      return pdfNumber(v);
    case "boolean":
      return v ? "true" : "false";
    case "string":
      return pdfName(v);
  }
  if (v instanceof Ref) return `${v.n} 0 R`;
  if (v instanceof Hex) return `<${v.hex}>`;
  if (v instanceof Literal) return `(${v.text})`;
  if (Array.isArray(v)) {
    let s = "[ ";
    for (const x of v) s += `${serialize(x)} `;
    return `${s}]`;
  }
  let s = "<<\n";
  for (const key in v) {
    const x = v[key];
    if (x !== undefined) s += `${pdfName(key)} ${serialize(x)}\n`;
  }
  return `${s}>>`;
}

interface Stream {
  /** The dictionary without /Length (the writer appends it). */
  dict: string;
  bytes: Uint8Array;
}

const latin1 = (s: string) => Buffer.from(s, "latin1");
/** Bytes a number takes in a cross-reference entry (at least one). */
const width = (n: number) => Math.ceil(n.toString(2).length / 8);

export class PdfFile {
  /** Object n at index n - 1: its serialization, or a stream. */
  private readonly objects: (string | Stream | undefined)[] = [];

  /** A new object number, its object assigned later. */
  ref(): Ref {
    this.objects.push(undefined);
    return new Ref(this.objects.length);
  }
  set(ref: Ref, value: PdfValue): void {
    this.objects[ref.n - 1] = serialize(value);
  }
  add(value: PdfValue): Ref {
    const ref = this.ref();
    this.set(ref, value);
    return ref;
  }
  /** A stream of bytes already encoded as its dictionary says. */
  setStream(ref: Ref, dict: Record<string, PdfValue>, bytes: Uint8Array): void {
    const d = serialize(dict);
    this.objects[ref.n - 1] = { dict: d.slice(0, -2), bytes };
  }

  /** The file, its trailer naming `root`, `info` and the file identifier `id` (hex). */
  save(root: Ref, info: Ref, id: string): Uint8Array {
    const parts: Uint8Array[] = [latin1("%PDF-1.7\n%\x81\x81\x81\x81\n\n")];
    let size = parts[0]?.length ?? 0;
    const push = (b: Uint8Array) => {
      parts.push(b);
      size += b.length;
    };
    // cross-reference entries: [type, field 2, field 3] for objects 0 … n
    const entries: [number, number, number][] = [[0, 0, 65535]];
    const writeStream = (n: number, s: Stream) => {
      entries[n] = [1, size, 0];
      push(latin1(`${n} 0 obj\n${s.dict}/Length ${s.bytes.length}\n>>\nstream\n`));
      push(s.bytes);
      push(latin1("\nendstream\nendobj\n\n"));
    };
    const chunks: { n: number; text: string }[][] = [];
    let next = this.objects.length + 1;
    const streamNumbers: number[] = [];
    this.objects.forEach((o, i) => {
      const n = i + 1;
      if (o === undefined) throw new Error(`PDF object ${n} was never written`);
      if (typeof o !== "string") return writeStream(n, o);
      let chunk = chunks[chunks.length - 1];
      if (!chunk || chunk.length === 50) {
        chunk = [];
        chunks.push(chunk);
        streamNumbers.push(next++);
      }
      entries[n] = [2, streamNumbers[chunks.length - 1] as number, chunk.length];
      chunk.push({ n, text: o });
    });
    chunks.forEach((chunk, k) => {
      let head = "";
      let body = "";
      for (const { n, text } of chunk) {
        head += `${n} ${body.length} `;
        body += `${text}\n`;
      }
      writeStream(streamNumbers[k] as number, {
        dict: `<<\n/Filter /FlateDecode\n/Type /ObjStm\n/N ${chunk.length}\n/First ${head.length}\n`,
        bytes: deflateLikePako(latin1(head + body)),
      });
    });
    const xref = next;
    const count = xref + 1;
    const xrefAt = size;
    entries[xref] = [1, xrefAt, 0];
    const w = [0, 0, 0];
    for (const e of entries)
      for (let k = 0; k < 3; k++) w[k] = Math.max(w[k] as number, width(e[k] as number));
    const table = new Uint8Array(((w[0] as number) + (w[1] as number) + (w[2] as number)) * count);
    let at = 0;
    for (const e of entries)
      for (let k = 0; k < 3; k++)
        for (let b = (w[k] as number) - 1; b >= 0; b--)
          table[at++] = ((e[k] as number) >> (8 * b)) & 0xff;
    const packed = deflateLikePako(table);
    push(
      latin1(
        `${xref} 0 obj\n<<\n/Size ${count}\n/Root ${root.n} 0 R\n/Info ${info.n} 0 R\n` +
          `/ID [ <${id}> <${id}> ]\n/Filter /FlateDecode\n/Type /XRef\n/Length ${packed.length}\n` +
          `/W [ ${w.join(" ")} ]\n/Index [ 0 ${count} ]\n>>\nstream\n`,
      ),
    );
    push(packed);
    push(latin1(`\nendstream\nendobj\n\nstartxref\n${xrefAt}\n%%EOF`));
    const out = new Uint8Array(size);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}
