// The unpacked copies of WOFF fonts, kept between processes in the OS temp folder (as Node keeps
// its compile cache). A WOFF font's glyph records are one zlib stream: a process that sets a
// single character of the shipped 楷体 has to read 9.7 MB and inflate 15 MB (~100 ms and 25 MB of
// memory). The first process that inflates a WOFF font writes the sfnt it holds to a file; later
// processes read from that file only the records they need, as from any TrueType file. The copy
// is the same bytes the WOFF reader builds in memory, so no output changes.
//
// A copy is named after the font file's path, size, modification time and inode, and used only
// when it is a regular file of this user, of exactly the unpacked size, beginning with the table
// directory rebuilt from the WOFF file; anything else is ignored (and replaced when the font is
// next inflated). Copies are written to a temporary file and renamed, so a reader never sees half
// a copy. Nothing here can fail a command: a folder that cannot be written means no copy.
// XINFANG_FONT_CACHE names another folder, or `off`.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { mkdir, readdir, rename, unlink, writeFile } from "node:fs/promises";
import type { Stats } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { FontFormatError } from "./truetype.ts";
import type { ByteSource, UnpackedStore } from "./truetype.ts";

export const FONT_CACHE_VARIABLE = "XINFANG_FONT_CACHE";

/** The folder of the copies, or null when switched off. */
export function fontCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const set = env[FONT_CACHE_VARIABLE]?.trim();
  if (set === "off") return null;
  return set || join(tmpdir(), "xinfang-font-cache");
}

/** Reads a font file's bytes through its descriptor (FontFormatError when it is cut short). */
export function fontFileReader(fd: number): ByteSource {
  return (offset, length) => {
    const b = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, b, done, length - done, offset + done);
      if (n === 0) throw new FontFormatError("字体文件被截断");
      done += n;
    }
    return b;
  };
}

/** Copies being written; see fontCacheSettled. */
const writing = new Set<Promise<void>>();

/** Resolves when every copy this process started writing is written (or given up). */
export async function fontCacheSettled(): Promise<void> {
  while (writing.size) await Promise.all(writing);
}

const uid = process.getuid?.();

/** Names of copies begin with this; copies named otherwise by earlier versions are removed. */
const VERSION = "v2";
const EARLIER_VERSIONS = ["v1"];

/**
 * Eight hex digits standing for a font file's path in a copy's name (FNV-1a over its UTF-16
 * units): only to keep copies of equally named fonts in different folders apart, which the size,
 * time and inode in the name and the check of the table directory do anyway. Not node:crypto,
 * which takes ~5 ms to load on a cold start.
 */
export function pathTag(path: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** A font file's name as it begins the names of its copies. */
const fileStem = (path: string) =>
  basename(path)
    .replace(/[^\w.-]/g, "_")
    .slice(0, 60);

/**
 * The store of unpacked copies for the WOFF font at `path` (`info` its fstat), or undefined when
 * the cache is switched off. `used()` tells whether the font was read from a copy.
 */
export function unpackedStore(
  path: string,
  info: Stats,
  dir: string | null = fontCacheDir(),
): (UnpackedStore & { used(): boolean }) | undefined {
  if (dir === null) return undefined;
  const stem = `${VERSION}-${fileStem(path)}-${pathTag(path)}-`;
  const name = `${stem}${info.size}-${Math.trunc(info.mtimeMs * 1000)}-${info.ino}.ttf`;
  const file = join(dir, name);
  let used = false;
  let kept = false;
  return {
    used: () => used,
    find(directory, size) {
      let fd: number;
      try {
        fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
      } catch {
        return null;
      }
      try {
        const s = fstatSync(fd);
        if (!s.isFile() || s.size !== size || (uid !== undefined && s.uid !== uid))
          throw new Error("not a copy");
        const start = new Uint8Array(directory.length);
        if (readSync(fd, start, 0, start.length, 0) !== start.length) throw new Error("short");
        for (let i = 0; i < start.length; i++)
          if (start[i] !== directory[i]) throw new Error("another font");
      } catch {
        closeSync(fd);
        return null;
      }
      used = true;
      return fontFileReader(fd); // kept open for the process, as font files are (fonts.ts)
    },
    keep(parts) {
      if (kept) return;
      kept = true;
      let bytes: Uint8Array[];
      try {
        bytes = parts();
      } catch {
        return; // a table that does not inflate: the font's own reads report it
      }
      const earlier = EARLIER_VERSIONS.map((v) => `${v}-${fileStem(path)}-`);
      const job = writeCopy(dir, name, [stem, ...earlier], bytes).finally(() =>
        writing.delete(job),
      );
      writing.add(job);
    },
  };
}

/**
 * Writes `parts` to `name` in `dir` through a temporary file, then removes the copies of earlier
 * versions of the same font file, and those an earlier version of this program named (names
 * beginning with one of `stems`); never rejects.
 */
async function writeCopy(
  dir: string,
  name: string,
  stems: readonly string[],
  parts: Uint8Array[],
): Promise<void> {
  const file = join(dir, name);
  // worker_threads is loaded only when a copy is written
  const { threadId } = process.getBuiltinModule("node:worker_threads");
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // writeFile writes every part, in order, however many writes that takes
    await writeFile(temporary, parts, { flag: "wx", mode: 0o600 });
    await rename(temporary, file);
    for (const other of await readdir(dir))
      if (stems.some((s) => other.startsWith(s)) && other.endsWith(".ttf") && other !== name)
        await unlink(join(dir, other)).catch(() => {});
  } catch {
    await unlink(temporary).catch(() => {});
  }
}
