// A new folder written all at once: the files go into a temporary sibling folder, which is
// renamed to the target when every file is written. A failure (or a kill) before the rename
// leaves the target as it was; the temporary folder is removed on failure.
import { mkdir, mkdtemp, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

/** A file to write, relative to the new folder (`/`-separated). */
export interface FolderFile {
  path: string;
  data: string | Uint8Array;
}

/** Why the target cannot be used: it holds files, or it is a file. */
export class TargetNotEmptyError extends Error {
  readonly target: string;
  readonly kind: "not-empty" | "not-a-folder";
  constructor(target: string, kind: "not-empty" | "not-a-folder") {
    super(`${target}: ${kind}`);
    this.target = target;
    this.kind = kind;
  }
}

/** Throws TargetNotEmptyError unless `target` is missing or an empty folder. */
async function checkTarget(target: string): Promise<"missing" | "empty"> {
  const info = await stat(target).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    throw e;
  });
  if (!info) return "missing";
  if (!info.isDirectory()) throw new TargetNotEmptyError(target, "not-a-folder");
  if ((await readdir(target)).length > 0) throw new TargetNotEmptyError(target, "not-empty");
  return "empty";
}

/**
 * Writes `files` as the folder `target`, which must be missing or empty; its parent folders are
 * created. Paths must be relative and stay inside the folder.
 */
export async function writeNewFolder(target: string, files: readonly FolderFile[]): Promise<void> {
  const dir = resolve(target);
  for (const f of files)
    if (f.path.startsWith("/") || f.path.split("/").includes(".."))
      throw new Error(`file outside the new folder: ${f.path}`);
  await checkTarget(dir);
  await mkdir(dirname(dir), { recursive: true });
  const staged = await mkdtemp(join(dirname(dir), `.${basename(dir)}.init-`));
  try {
    for (const f of files) {
      const path = join(staged, ...f.path.split("/"));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, f.data, { flag: "wx" });
    }
    // Checked again just before the rename: the folder may have been filled meanwhile.
    if ((await checkTarget(dir)) === "empty") await rmdir(dir);
    await rename(staged, dir);
  } catch (e) {
    await rm(staged, { recursive: true, force: true });
    throw e;
  }
}
