// Bytes of a content file → its text. UTF-8 (with or without BOM) and UTF-16 with a BOM are read
// as they are; a file that is not UTF-8 is tried as GB18030 (what Excel, WPS and Notepad write on
// Chinese Windows: "ANSI", GBK) and read with a warning naming the encoding; anything else is an
// error at the first byte that cannot be decoded. Never guesses silently, never returns mojibake
// without saying so.
import { isUtf8 } from "node:buffer";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { BadEncoding } from "../diagnostics/codes/files.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { bufferOf } from "./byte-source.ts";
import type { Utf8Content } from "./byte-source.ts";

export type Encoding = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "GB18030";

export interface DecodeResult {
  /** The text (BOM removed); null when the bytes cannot be read as text. */
  text: string | null;
  /** The encoding the text was read with; null when it could not be decoded. */
  encoding: Encoding | null;
  /** file/legacy-encoding (warning) or file/encoding (error), located in `file`. */
  diagnostics: Diagnostic[];
}

const LABEL: Record<Encoding, string> = {
  "UTF-8": "utf-8",
  "UTF-16LE": "utf-16le",
  "UTF-16BE": "utf-16be",
  GB18030: "gb18030",
};

function fatal(encoding: Encoding, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM false: a leading BOM of this encoding is consumed, not returned.
    return new TextDecoder(LABEL[encoding], { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Bytes that are UTF-8 as text, a leading BOM removed, as the UTF-8 TextDecoder (fatal) reads
 * them; null when they are not UTF-8. Checked, then converted by Buffer: a quarter faster than the
 * TextDecoder on a province's 285 MB ledger.
 */
export function utf8Text(bytes: Uint8Array): string | null {
  if (!isUtf8(bytes)) return null;
  return bufferOf(bytes).toString("utf8", utf8BomLength(bytes));
}

/** Length of a UTF-8 byte order mark at the start of `bytes`: 3, or 0 for none. */
const utf8BomLength = (bytes: Uint8Array): number =>
  bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;

function lenient(encoding: Encoding, bytes: Uint8Array): string {
  return new TextDecoder(LABEL[encoding], { ignoreBOM: true }).decode(bytes);
}

/** 1-based line and column (UTF-16 units) just after `before`. */
function endOf(before: string): { line: number; col: number } {
  let line = 1;
  let at = before.indexOf("\n");
  let lastStart = 0;
  while (at !== -1) {
    line++;
    lastStart = at + 1;
    at = before.indexOf("\n", lastStart);
  }
  return { line, col: before.length - lastStart + 1 };
}

/** Length of the well-formed UTF-8 sequence at `i`, or 0 when the bytes there are not one. */
function utf8Sequence(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const n = b.length;
  const cont = (k: number) => k < n && ((b[k] as number) & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const c1 = b[i + 1] ?? 0;
    if (c === 0xe0 && c1 < 0xa0) return 0;
    if (c === 0xed && c1 > 0x9f) return 0; // surrogates
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const c1 = b[i + 1] ?? 0;
    if (c === 0xf0 && c1 < 0x90) return 0;
    if (c === 0xf4 && c1 > 0x8f) return 0;
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

interface Utf8Scan {
  /** Byte offset of the first ill-formed sequence. */
  firstBad: number;
  /** Well-formed multi-byte characters in the whole file. */
  multibyte: number;
  /** Ill-formed positions in the whole file (resynchronising one byte after each). */
  bad: number;
}

function scanUtf8(b: Uint8Array, from: number): Utf8Scan {
  let firstBad = -1;
  let multibyte = 0;
  let bad = 0;
  for (let i = from; i < b.length;) {
    if ((b[i] as number) < 0x80) {
      i++;
      continue;
    }
    const len = utf8Sequence(b, i);
    if (len === 0) {
      if (firstBad === -1) firstBad = i;
      bad++;
      i++;
    } else {
      multibyte++;
      i += len;
    }
  }
  return { firstBad, multibyte, bad };
}

/** Byte offset of the first unpaired surrogate (or odd trailing byte) of UTF-16 text, or -1. */
function firstBadUtf16(b: Uint8Array, bigEndian: boolean): number {
  const unit = (i: number) =>
    bigEndian
      ? ((b[i] as number) << 8) | (b[i + 1] as number)
      : (b[i] as number) | ((b[i + 1] as number) << 8);
  let i = 2;
  for (; i + 1 < b.length; i += 2) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 < b.length) {
        const next = unit(i + 2);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i += 2;
          continue;
        }
      }
      return i;
    }
    if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return i < b.length ? i : -1;
}

function encodingError(
  file: string,
  bytes: Uint8Array,
  at: number,
  before: string,
  encoding: BadEncoding,
): DecodeResult {
  const pos = endOf(before);
  return {
    text: null,
    encoding: null,
    diagnostics: [
      makeDiagnostic("file/encoding", {
        position: { file, ...pos },
        path: "",
        params: {
          file,
          ...pos,
          problem: "bad-bytes",
          encoding,
          bytes: [...bytes.subarray(at, Math.min(bytes.length, at + 4))],
        },
      }),
    ],
  };
}

/** A NUL character means a binary file or UTF-16 without BOM: refuse it rather than parse it. */
function checkNul(file: string, bytes: Uint8Array, text: string, encoding: Encoding): DecodeResult {
  // In UTF-8 and GB18030 a NUL is a zero byte and nothing else has one: looked for in the bytes.
  const single = encoding === "UTF-8" || encoding === "GB18030";
  if (single && bufferOf(bytes).indexOf(0) === -1) return { text, encoding, diagnostics: [] };
  const nul = text.indexOf("\0");
  if (nul === -1) return { text, encoding, diagnostics: [] };
  const pos = endOf(text.slice(0, nul));
  return {
    text: null,
    encoding: null,
    diagnostics: [
      makeDiagnostic("file/encoding", {
        position: { file, ...pos },
        path: "",
        params: {
          file,
          ...pos,
          problem: "nul",
          utf16: bytes.length > 1 && (bytes[0] === 0 || bytes[1] === 0),
        },
      }),
    ],
  };
}

/**
 * A content file that is UTF-8 (and holds no NUL), kept as its bytes (a leading BOM excluded):
 * the table readers read a CSV ledger from them, and its text, the bytes decoded, is made only
 * when asked for (a code frame, a search). A province's ledger is 300 MB of bytes, and 450 MB more
 * as one string.
 */
export class Utf8File implements Utf8Content {
  readonly bytes: Buffer;
  #text: string | undefined;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }
  /** The text, as decodeContent gives it. */
  get text(): string {
    return (this.#text ??= this.bytes.toString("utf8"));
  }
}

/** The bytes as a Utf8File when they are UTF-8 without NUL, else null (decodeContent explains). */
export function utf8File(bytes: Uint8Array): Utf8File | null {
  const buf = bufferOf(bytes);
  if (!isUtf8(buf) || buf.indexOf(0) !== -1) return null;
  return new Utf8File(buf.subarray(utf8BomLength(bytes)));
}

/**
 * Decodes a content file. `file` is its content-relative path (for the diagnostics' positions).
 * Lines and columns of an error are counted on the text decoded before the bad byte.
 */
export function decodeContent(file: string, bytes: Uint8Array): DecodeResult {
  // UTF-16 with a byte order mark (Excel's "Unicode text", Notepad's "UTF-16").
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return decodeUtf16(file, bytes, "UTF-16LE");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return decodeUtf16(file, bytes, "UTF-16BE");

  const utf8 = utf8Text(bytes);
  if (utf8 !== null) return checkNul(file, bytes, utf8, "UTF-8");

  const bom = utf8BomLength(bytes);
  const scan = scanUtf8(bytes, bom);
  const firstBad = scan.firstBad === -1 ? bom : scan.firstBad;
  const before = lenient("UTF-8", bytes.subarray(bom, firstBad));
  // A UTF-8 file damaged in a few places (more well-formed multi-byte characters than bad bytes)
  // is not re-read as GB18030: that would turn every Chinese character into a wrong one.
  if (bom === 0 && scan.multibyte <= scan.bad) {
    const decoded = fatal("GB18030", bytes);
    if (decoded !== null) {
      // GB18030 has a byte order mark too (0x84 0x31 0x95 0x33): U+FEFF, removed like the others.
      const gb = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
      const checked = checkNul(file, bytes, gb, "GB18030");
      if (checked.text === null) return checked;
      return {
        text: gb,
        encoding: "GB18030",
        diagnostics: [
          makeDiagnostic("file/legacy-encoding", {
            position: { file, line: 1, col: 1 },
            path: "",
            params: { file },
          }),
        ],
      };
    }
  }
  return encodingError(
    file,
    bytes,
    firstBad,
    before,
    bom === 0 && scan.multibyte <= scan.bad ? "UTF-8 or GB18030" : "UTF-8",
  );
}

function decodeUtf16(
  file: string,
  bytes: Uint8Array,
  encoding: "UTF-16LE" | "UTF-16BE",
): DecodeResult {
  const text = fatal(encoding, bytes);
  if (text !== null) return checkNul(file, bytes, text, encoding);
  const found = firstBadUtf16(bytes, encoding === "UTF-16BE");
  const at = found === -1 ? 2 : found;
  const before = lenient(encoding, bytes.subarray(2, at));
  return encodingError(file, bytes, at, before, encoding);
}
