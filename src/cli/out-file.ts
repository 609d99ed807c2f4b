// Files a command writes outside the build (score --xlsx/--csv, template): never into the content
// folder, never over a folder; written to a temporary file in the same folder and renamed over
// the target, so an existing file is only ever replaced by a complete one.
import { closeSync, constants, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { access, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { relationToContent } from "../build/output-dir.ts";
import { errnoWords } from "../text/errno.ts";
import { randomHex } from "../text/random-hex.ts";
import { IoError, UsageError } from "./io.ts";

/** One Chinese line: `what` cannot be written into `folder`. */
function cannotWrite(what: string, folder: string, e: unknown): IoError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? "";
  return new IoError(`无法把${what}写入文件夹“${folder}”：${errnoWords(code)}。未生成${what}。`);
}

/**
 * Checks an output file before anything is computed: not in the content folder, not a folder
 * (exit 2), and its folder exists and is writable (exit 3). `option` names the flag (--xlsx).
 */
export async function checkOutFile(
  out: string,
  contentDir: string,
  option: string,
  what: string,
): Promise<void> {
  const relation = await relationToContent(out, contentDir);
  if (relation === "same" || relation === "inside")
    throw new UsageError(
      `${option} ${out} 在内容目录 ${resolve(contentDir)} 之内，不能把${what}写进内容目录。未做任何改动。请指定内容目录以外的文件，例如 ${option} ${basename(out)}`,
    );
  if ((await stat(out).catch(() => null))?.isDirectory())
    throw new UsageError(`${option} ${out} 是一个文件夹，请指定文件的路径。`);
  const folder = dirname(out);
  const info = await stat(folder).catch((e: unknown) => {
    throw cannotWrite(what, folder, e);
  });
  if (!info.isDirectory())
    throw cannotWrite(what, folder, Object.assign(new Error(), { code: "ENOTDIR" }));
  await access(folder, constants.W_OK | constants.X_OK).catch((e: unknown) => {
    throw cannotWrite(what, folder, e);
  });
}

/**
 * Writes `bytes` to `file` atomically: into a temporary file in the same folder, flushed, then
 * renamed over `file`. On any failure the temporary file is removed, `file` is as it was, and
 * `fail(error)` says what went wrong. `afterWrite` runs between writing and renaming (tests make
 * it fail).
 */
export async function writeAtomically(
  file: string,
  bytes: Uint8Array,
  fail: (e: unknown) => Error,
  afterWrite: (temporary: string) => Promise<void> = async () => {},
): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}-${randomHex(4)}.tmp`);
  // blocking calls: nothing else goes on while a command writes its file
  try {
    const fd = openSync(temporary, "wx");
    try {
      for (let at = 0; at < bytes.length;)
        at += writeSync(fd, bytes, at, Math.min(bytes.length - at, 1 << 30));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    await afterWrite(temporary);
    renameSync(temporary, file);
  } catch (e) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // the failure reported is the first one
    }
    throw fail(e);
  }
}

/** Writes `bytes` to `file` through a temporary file in the same folder and a rename. */
export async function writeOutFile(file: string, bytes: Uint8Array, what: string): Promise<void> {
  await writeAtomically(file, bytes, (e) => cannotWrite(what, dirname(file), e));
}
