// The entries of a zip archive (an XLSX workbook), read from memory with bounds: the central
// directory is trusted for nothing but names and offsets, every entry inflates with a cap on its
// output (a zip bomb stops at the cap, never fills memory) and is checked against its CRC-32.
import type { TransformOptions } from "node:stream";
import type { ZlibOptions } from "node:zlib";

// zlib is loaded when a workbook is first read (~5 ms of a cold start that reads none)
const zlib = () => process.getBuiltinModule("node:zlib");

export type ZipProblem =
  /** Not a zip archive at all (no end-of-central-directory record, wrong signature). */
  | { kind: "not-zip" }
  /** A zip whose structure or an entry is broken (truncated, bad offsets, bad deflate, CRC). */
  | { kind: "damaged"; entry: string | null }
  /** An entry is encrypted (a password set on the archive). */
  | { kind: "encrypted"; entry: string }
  /** Inflating would exceed the budget. */
  | { kind: "too-large"; entry: string; limit: number }
  /** An entry uses a compression method other than stored or deflate. */
  | { kind: "method"; entry: string; method: number };

export class ZipError extends Error {
  readonly problem: ZipProblem;
  constructor(problem: ZipProblem) {
    super(problem.kind);
    this.problem = problem;
  }
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipArchive {
  private readonly bytes: Buffer;
  private readonly entries = new Map<string, ZipEntry>();
  /** Bytes inflated so far, against `budget`. */
  private used = 0;
  private readonly budget: number;

  constructor(bytes: Uint8Array, budget: number) {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.budget = budget;
    const b = this.bytes;
    // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the end.
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
      if (b.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd === -1) {
      const damaged = b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;
      throw new ZipError(damaged ? { kind: "damaged", entry: null } : { kind: "not-zip" });
    }
    const count = b.readUInt16LE(eocd + 10);
    const cdSize = b.readUInt32LE(eocd + 12);
    let p = b.readUInt32LE(eocd + 16);
    if (p + cdSize > eocd) throw new ZipError({ kind: "damaged", entry: null });
    for (let i = 0; i < count; i++) {
      if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50)
        throw new ZipError({ kind: "damaged", entry: null });
      const nameLen = b.readUInt16LE(p + 28);
      const extraLen = b.readUInt16LE(p + 30);
      const commentLen = b.readUInt16LE(p + 32);
      const name = b.toString("utf8", p + 46, p + 46 + nameLen);
      this.entries.set(name.replace(/^\/+/, ""), {
        name,
        flags: b.readUInt16LE(p + 8),
        method: b.readUInt16LE(p + 10),
        crc: b.readUInt32LE(p + 16),
        compressedSize: b.readUInt32LE(p + 20),
        size: b.readUInt32LE(p + 24),
        localOffset: b.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The size entry `name` declares it inflates to (0 when there is no such entry). */
  declaredSize(name: string): number {
    return this.entries.get(name)?.size ?? 0;
  }

  /** Entry `name`'s stored bytes and how many bytes it may inflate to, or null when none. */
  private stored(name: string): { e: ZipEntry; raw: Buffer; room: number } | null {
    const e = this.entries.get(name);
    if (!e) return null;
    if (e.flags & 1) throw new ZipError({ kind: "encrypted", entry: name });
    const b = this.bytes;
    const at = e.localOffset;
    if (at + 30 > b.length || b.readUInt32LE(at) !== 0x04034b50)
      throw new ZipError({ kind: "damaged", entry: name });
    const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
    const end = start + e.compressedSize;
    if (end > b.length) throw new ZipError({ kind: "damaged", entry: name });
    const room = this.budget - this.used;
    // The declared size is checked first (no work for an honest bomb); the cap on inflating
    // catches one that lies.
    if (e.size > room) throw new ZipError({ kind: "too-large", entry: name, limit: this.budget });
    if (e.method !== 0 && e.method !== 8)
      throw new ZipError({ kind: "method", entry: name, method: e.method });
    return { e, raw: b.subarray(start, end), room };
  }

  /** The inflated bytes of entry `name`, or null when there is no such entry. */
  read(name: string): Buffer | null {
    const found = this.stored(name);
    if (!found) return null;
    const { e, raw, room } = found;
    let out: Buffer;
    if (e.method === 0) {
      if (raw.length > room)
        throw new ZipError({ kind: "too-large", entry: name, limit: this.budget });
      out = raw;
    } else {
      try {
        // One output chunk a byte larger than the declared size: an honest entry inflates into
        // it without concatenating chunks; a lying one spills into further chunks and fails the
        // size check below.
        out = zlib().inflateRawSync(raw, {
          maxOutputLength: Math.max(1, room),
          chunkSize: Math.max(64, e.size + 1),
        });
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === "ERR_BUFFER_TOO_LARGE")
          throw new ZipError({ kind: "too-large", entry: name, limit: this.budget });
        throw new ZipError({ kind: "damaged", entry: name });
      }
    }
    this.used += out.length;
    if (out.length !== e.size || zlib().crc32(out) !== e.crc)
      throw new ZipError({ kind: "damaged", entry: name });
    return out;
  }

  /**
   * Entry `name` inflated a piece at a time: `onPiece` gets each piece (at most `pieceSize`
   * bytes: a new array each time, or a view of the archive for a stored entry) in order, so a
   * 600 MB worksheet never sits in memory whole. zlib inflates on a thread of its own, up to
   * `ahead` bytes ahead of `onPiece` (which reads a sheet meanwhile). The same checks as read()
   * — the budget while inflating, then size and CRC-32 — throw ZipError after the pieces read so
   * far (the caller drops what it made of them); what `onPiece` throws passes through. Resolves
   * false when there is no such entry.
   */
  async inflateEach(
    name: string,
    onPiece: (piece: Uint8Array) => void,
    pieceSize = 1 << 20,
    ahead = 32 << 20,
  ): Promise<boolean> {
    const found = this.stored(name);
    if (!found) return false;
    const { e, raw, room } = found;
    let total = 0;
    let crc = 0;
    let inPiece = false;
    const take = (bytes: Uint8Array) => {
      for (let at = 0; at < bytes.length; at += pieceSize) {
        const piece = bytes.subarray(at, Math.min(bytes.length, at + pieceSize));
        total += piece.length;
        if (total > room)
          throw new ZipError({ kind: "too-large", entry: name, limit: this.budget });
        crc = zlib().crc32(piece, crc);
        inPiece = true;
        onPiece(piece);
        inPiece = false;
      }
    };
    if (e.method === 0) take(raw);
    else {
      // zlib's smallest output chunk is 64 bytes; take() cuts smaller pieces from it
      const options: ZlibOptions & TransformOptions = {
        chunkSize: Math.max(64, pieceSize),
        readableHighWaterMark: ahead,
      };
      const inflater = zlib().createInflateRaw(options);
      inflater.end(raw);
      try {
        for await (const chunk of inflater) take(chunk as Buffer);
      } catch (err) {
        // whatever the inflater itself throws on bad data is a damaged entry
        if (err instanceof ZipError || inPiece) throw err;
        throw new ZipError({ kind: "damaged", entry: name });
      } finally {
        inflater.destroy();
      }
    }
    this.used += total;
    if (total !== e.size || crc !== e.crc) throw new ZipError({ kind: "damaged", entry: name });
    return true;
  }
}
