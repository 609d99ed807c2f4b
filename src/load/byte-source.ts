// A file's bytes read a part at a time (a large CSV ledger is read a window at a time, never held
// whole), and a content file kept as UTF-8 bytes whose text is decoded only when asked for.

export interface ByteSource {
  /** Bytes in all. */
  readonly size: number;
  /** Copies up to `length` bytes from `at` into `into` at `offset`; returns how many. */
  read(into: Buffer, offset: number, length: number, at: number): number;
}

/**
 * A content file that is UTF-8 (without NUL), kept as bytes (a leading BOM excluded): `bytes` in
 * memory, or a ByteSource read from the disk as needed. `text` is the bytes decoded, made when
 * first asked for.
 */
export interface Utf8Content {
  readonly bytes: Buffer | ByteSource;
  readonly text: string;
}

/** Bytes as a Buffer over the same memory (no copy). */
export const bufferOf = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The text of UTF-8 bytes, in memory or read whole from a source. */
export function utf8TextOf(bytes: Uint8Array | ByteSource): string {
  if (bytes instanceof Uint8Array) return bufferOf(bytes).toString("utf8");
  const all = Buffer.allocUnsafe(bytes.size);
  return all.toString("utf8", 0, bytes.read(all, 0, bytes.size, 0));
}
