// The one way a content file is read from disk. Only regular files are read: the path is opened
// without blocking and the open descriptor is examined, so a directory, named pipe, socket or
// device is refused (never read, never waited on) with a diagnostic at the file, as are broken or
// looping symlinks and files too large to hold. Symlinks to regular files are followed. What
// cannot be read for lack of permission or a disk fault is an I/O error (ContentReadError), not
// a content problem. Bytes become text in decode.ts (a workbook: its sheet text, xlsx.ts).
import { isUtf8 } from "node:buffer";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  readdirSync,
} from "node:fs";
import type { Stats } from "node:fs";
import { lstat, open, readlink, stat } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { EntryKind, NotAFile } from "../diagnostics/codes/files.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { errnoWords } from "../text/errno.ts";
import { decodeContent, utf8File } from "./decode.ts";
import { utf8TextOf } from "./byte-source.ts";
import type { ByteSource, Utf8Content } from "./byte-source.ts";
import type { LedgerSheetKind } from "./ledger-columns.ts";
import { readXlsx } from "./xlsx.ts";
import type { SheetData } from "./sheet-data.ts";

/**
 * The largest content file read, in bytes (384 MiB). A petitions CSV of 2,000,000 rows is about
 * 300 MB; the limit stays well below V8's longest string (2^29 − 24 UTF-16 units), which a file
 * of this size cannot exceed in any encoding read here.
 */
export const MAX_CONTENT_FILE_BYTES = 384 * 1024 * 1024;

// O_NONBLOCK: opening a named pipe for reading returns at once instead of waiting for a writer.
// (Windows has no such flag and no named pipes in the file system.)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * A content file or folder exists but cannot be read (permissions, disk fault): not a problem of
 * the content's text, so not a diagnostic. Carries the fs error's `code` and the absolute
 * `path`; the CLI ends with exit code 3 and this message.
 */
export class ContentReadError extends Error {
  readonly code: string;
  readonly path: string;
  readonly rel: string;

  constructor(rel: string, path: string, code: string) {
    super(`无法读取内容目录中的“${rel}”（${path}）：${errnoWords(code)}。`);
    this.name = "ContentReadError";
    this.code = code;
    this.path = path;
    this.rel = rel;
  }
}

function errnoOf(e: unknown): string | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : null;
}

function ioError(rel: string, abs: string, e: unknown): unknown {
  const code = errnoOf(e);
  return code === null ? e : new ContentReadError(rel, abs, code);
}

export type FileRead =
  /**
   * Decoded text (or, when asked for with `utf8`, a UTF-8 file as its bytes; with `sheet`, a
   * workbook's ledger sheet as its rows); diagnostics may hold a file/legacy-encoding warning.
   */
  | { status: "read"; text: string | Utf8Content | SheetData; diagnostics: Diagnostic[] }
  /** The path exists but holds no text this tool can use; diagnostics say why (errors). */
  | { status: "unreadable"; diagnostics: Diagnostic[] }
  /** Nothing at the path. */
  | { status: "absent" };

function kindOf(s: Stats): EntryKind {
  if (s.isDirectory()) return "directory";
  if (s.isFIFO()) return "fifo";
  if (s.isSocket()) return "socket";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "device";
  return "special";
}

/** What stands at `abs` instead of a regular file: its kind, and the link leading there. */
async function describe(abs: string, target: Stats): Promise<NotAFile> {
  const kind = kindOf(target);
  const link = await lstat(abs).catch(() => null);
  if (link?.isSymbolicLink()) {
    const to = await readlink(abs).catch(() => null);
    return { kind, link: { target: to } };
  }
  return { kind };
}

function notAFile(rel: string, what: NotAFile): FileRead {
  return {
    status: "unreadable",
    diagnostics: [
      makeDiagnostic("file/not-a-file", {
        position: { file: rel, line: 1, col: 1 },
        path: "",
        params: { file: rel, what },
      }),
    ],
  };
}

function tooLarge(rel: string, size: number | null, max: number): FileRead {
  return {
    status: "unreadable",
    diagnostics: [
      makeDiagnostic("file/too-large", {
        position: { file: rel, line: 1, col: 1 },
        path: "",
        params: { file: rel, size, max },
      }),
    ],
  };
}

/** Why `abs` could not be opened: a diagnostic for what is not a regular file, else throws. */
async function openFailed(rel: string, abs: string, e: unknown): Promise<FileRead> {
  const code = errnoOf(e);
  if (code === "ENOENT") {
    // Listed but not there: a symlink whose target is missing, or a file deleted meanwhile.
    const link = await lstat(abs).catch(() => null);
    if (!link) return { status: "absent" };
    if (link.isSymbolicLink()) {
      const to = await readlink(abs).catch(() => null);
      return notAFile(rel, { kind: "broken-link", target: to });
    }
    throw ioError(rel, abs, e);
  }
  if (code === "ELOOP") return notAFile(rel, { kind: "link-loop" });
  if (code === "EISDIR") return notAFile(rel, { kind: "directory" });
  // ENXIO (a socket), ENODEV, EACCES on a device …: refuse what is not a regular file by what
  // it is; a regular file that cannot be opened is an I/O error.
  const target = await stat(abs).catch(() => null);
  if (target && !target.isFile()) return notAFile(rel, await describe(abs, target));
  throw ioError(rel, abs, e);
}

/**
 * A CSV ledger read as UTF-8 bytes at least this large stays on the disk: it is checked a part at
 * a time here and read a window at a time by csv.ts, never held whole.
 */
export const STREAMED_CSV_BYTES = 32 * 1024 * 1024;

/** Bytes checked at once by utf8Start. */
const CHECK_BYTES = 4 * 1024 * 1024;

/** Bytes at the end of `b[0..n]` that begin a UTF-8 character whose other bytes come later. */
function unfinishedTail(b: Buffer, n: number): number {
  for (let p = n - 1; p >= 0 && p >= n - 4; p--) {
    const c = b[p] as number;
    if ((c & 0xc0) === 0x80) continue;
    const length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return p + length > n ? n - p : 0;
  }
  return 0;
}

/**
 * Where the text of a file of `size` bytes starts (3 after a UTF-8 BOM, else 0) when it is UTF-8
 * without NUL, checked a part at a time; -1 otherwise (it is then read whole and decodeContent
 * says what is wrong, or reads it as GB18030).
 */
async function utf8Start(fh: FileHandle, size: number): Promise<number> {
  const buf = Buffer.allocUnsafe(CHECK_BYTES + 4);
  let kept = 0;
  let bom = -1;
  for (let at = 0; at < size;) {
    const { bytesRead } = await fh.read(buf, kept, Math.min(CHECK_BYTES, size - at), at);
    if (bytesRead === 0) return -1;
    at += bytesRead;
    const n = kept + bytesRead;
    if (bom === -1) bom = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    kept = at < size ? unfinishedTail(buf, n) : 0;
    const part = buf.subarray(0, n - kept);
    if (!isUtf8(part) || part.indexOf(0) !== -1) return -1;
    buf.copy(buf, 0, n - kept, n);
  }
  return Math.max(bom, 0);
}

/**
 * A UTF-8 file on the disk (checked by utf8Start), its bytes from `start` read when asked for: a
 * window at a time by the CSV reader, whole only for its text.
 */
class Utf8DiskFile implements Utf8Content, ByteSource {
  readonly size: number;
  readonly #rel: string;
  readonly #path: string;
  readonly #start: number;
  #text: string | undefined;
  constructor(rel: string, path: string, start: number, fileSize: number) {
    this.#rel = rel;
    this.#path = path;
    this.#start = start;
    this.size = fileSize - start;
  }
  get bytes(): ByteSource {
    return this;
  }
  get text(): string {
    return (this.#text ??= utf8TextOf(this));
  }
  read(into: Buffer, offset: number, length: number, at: number): number {
    const want = Math.max(0, Math.min(length, this.size - at));
    let got = 0;
    let fd: number | null = null;
    try {
      fd = openSync(this.#path, OPEN_FLAGS);
      while (got < want) {
        const n = readSync(fd, into, offset + got, want - got, this.#start + at + got);
        if (n === 0) break;
        got += n;
      }
    } catch (e) {
      throw ioError(this.#rel, this.#path, e);
    } finally {
      if (fd !== null) closeSync(fd);
    }
    // Shorter than when it was checked: never read as a shorter ledger.
    if (got < want) throw new ContentReadError(this.#rel, this.#path, "ECHANGED");
    return got;
  }
}

/** Files at least this large are read in slices at once (see readSlices). */
export const SLICED_READ_BYTES = 8 * 1024 * 1024;
const SLICES = 4;

/**
 * Reads bytes [0, size) of `fh` into `buf` as SLICES positioned reads under way together: the
 * kernel's copy into fresh memory (a province's 300 MB ledger: about 0.9 s on one thread) is then
 * shared by the thread pool's threads, which halves it on two cores. Returns how many bytes from
 * the start were read without a gap (less than `size` when the file shrank meanwhile).
 */
async function readSlices(fh: FileHandle, buf: Buffer, size: number): Promise<number> {
  const step = Math.ceil(size / SLICES / 65536) * 65536;
  const slice = async (from: number): Promise<number> => {
    const to = Math.min(from + step, size);
    let at = from;
    while (at < to) {
      const { bytesRead } = await fh.read(buf, at, to - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at;
  };
  const starts: number[] = [];
  for (let from = 0; from < size; from += step) starts.push(from);
  const ends = await Promise.all(starts.map(slice));
  // the first slice that stopped short ends what was read in one piece
  for (let i = 0; i < ends.length; i++)
    if ((ends[i] as number) < Math.min((starts[i] as number) + step, size))
      return ends[i] as number;
  return size;
}

/** Reads at most `max` bytes; null when the file holds more (it grew after fstat, or /proc). */
async function readAll(fh: FileHandle, size: number, max: number): Promise<Uint8Array | null> {
  let buf = Buffer.allocUnsafe(Math.min(size, max) + 1);
  // Reads are positioned (the file's own position is never moved): a regular file, from 0.
  let len = size >= SLICED_READ_BYTES && size <= max ? await readSlices(fh, buf, size) : 0;
  for (;;) {
    if (len === buf.length) {
      if (len > max) return null;
      const bigger = Buffer.allocUnsafe(Math.min(max + 1, Math.max(buf.length * 2, 64 * 1024)));
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    }
    const { bytesRead } = await fh.read(buf, len, buf.length - len, len);
    if (bytesRead === 0) break;
    len += bytesRead;
  }
  return len > max ? null : buf.subarray(0, len);
}

export interface ReadOptions {
  /** Size limit in bytes; MAX_CONTENT_FILE_BYTES unless given (tests use small limits). */
  maxBytes?: number;
  /** The file is an XLSX workbook holding this ledger: its sheet is read as sheet text. */
  sheet?: LedgerSheetKind;
  /** A UTF-8 file is given as its bytes (a Utf8File), not decoded (a CSV ledger). */
  utf8?: boolean;
}

/**
 * Reads the content file `rel` (content-relative, forward slashes) of the folder `dir` and
 * decodes it. Never blocks on a pipe or device; throws ContentReadError only for I/O failures.
 */
export async function readContentFile(
  dir: string,
  rel: string,
  options: ReadOptions = {},
): Promise<FileRead> {
  const max = options.maxBytes ?? MAX_CONTENT_FILE_BYTES;
  const abs = join(dir, rel);
  if (!options.sheet && !options.utf8) {
    const small = readSmallFile(abs, max);
    if (small) return decodedRead(rel, small);
  }
  let fh: FileHandle;
  try {
    fh = await open(abs, OPEN_FLAGS);
  } catch (e) {
    return openFailed(rel, abs, e);
  }
  let bytes: Uint8Array | null;
  try {
    const st = await fh.stat();
    if (!st.isFile()) return notAFile(rel, await describe(abs, st));
    if (st.size > max) return tooLarge(rel, st.size, max);
    if (options.utf8 && !options.sheet && st.size >= STREAMED_CSV_BYTES) {
      const start = await utf8Start(fh, st.size);
      if (start >= 0)
        return {
          status: "read",
          text: new Utf8DiskFile(rel, abs, start, st.size),
          diagnostics: [],
        };
    }
    bytes = await readAll(fh, st.size, max);
  } catch (e) {
    throw ioError(rel, abs, e);
  } finally {
    await fh.close().catch(() => undefined);
  }
  if (bytes === null) return tooLarge(rel, null, max);
  const kept = options.utf8 && !options.sheet ? utf8File(bytes) : null;
  if (kept) return { status: "read", text: kept, diagnostics: [] };
  if (options.sheet) {
    const read = await readXlsx(rel, bytes, options.sheet);
    return read.sheet === null
      ? { status: "unreadable", diagnostics: read.diagnostics }
      : { status: "read", text: read.sheet, diagnostics: read.diagnostics };
  }
  return decodedRead(rel, bytes);
}

/** A text file's bytes, decoded: the text, or why it cannot be read. */
function decodedRead(rel: string, bytes: Uint8Array): FileRead {
  const decoded = decodeContent(rel, bytes);
  return decoded.text === null
    ? { status: "unreadable", diagnostics: decoded.diagnostics }
    : { status: "read", text: decoded.text, diagnostics: decoded.diagnostics };
}

/** Files up to this size (bytes) may be read with blocking calls (readSmallFile). */
const SMALL_FILE_BYTES = 1024 * 1024;

/**
 * The bytes of `abs` when it is a regular file of at most SMALL_FILE_BYTES (and `max`), read with
 * blocking calls: four system calls, where the promise API makes five trips through the thread
 * pool (a folder of twenty plans: ~5 ms of a cold `pdf`). Undefined for anything else — not
 * there, not a regular file, larger, any error — which readContentFile then reads (or refuses)
 * the usual way, with the usual messages.
 */
function readSmallFile(abs: string, max: number): Uint8Array | undefined {
  let fd: number;
  try {
    fd = openSync(abs, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > SMALL_FILE_BYTES || st.size > max) return undefined;
    // one byte more than the size: a file that grew meanwhile is read the usual way
    const buf = Buffer.allocUnsafe(st.size + 1);
    let len = 0;
    for (;;) {
      const n = readSync(fd, buf, len, buf.length - len, len);
      if (n === 0) break;
      len += n;
      if (len === buf.length) return undefined;
    }
    return buf.subarray(0, len);
  } catch {
    return undefined;
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing was written: a descriptor that will not close loses nothing
    }
  }
}

export interface FolderEntry {
  name: string;
  /** A directory itself (not a symlink to one): only used to word messages. */
  directory: boolean;
}

export type FolderListing =
  | { status: "ok"; entries: FolderEntry[] }
  | { status: "absent" }
  /** Something that is not a folder stands where a folder is expected. */
  | { status: "not-a-folder" };

/** Lists a folder of the content (`rel` content-relative); throws ContentReadError on I/O errors. */
export async function listContentFolder(dir: string, rel: string): Promise<FolderListing> {
  const abs = join(dir, rel);
  try {
    const entries = readdirSync(abs, { withFileTypes: true });
    return {
      status: "ok",
      entries: entries
        .map((e) => ({ name: e.name, directory: e.isDirectory() }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    };
  } catch (e) {
    const code = errnoOf(e);
    if (code === "ENOENT") {
      // A broken symlink where the folder should be is not "no folder".
      let link;
      try {
        link = lstatSync(abs, { throwIfNoEntry: false });
      } catch {
        link = undefined;
      }
      return link ? { status: "not-a-folder" } : { status: "absent" };
    }
    if (code === "ENOTDIR" || code === "ELOOP") return { status: "not-a-folder" };
    throw ioError(rel, abs, e);
  }
}
