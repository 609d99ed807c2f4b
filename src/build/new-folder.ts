// A new folder written all at once: the files go into a temporary sibling folder, which is
// renamed to the target when every file is written. A failure (or a kill) before the rename
// leaves the target as it was; the temporary folder is removed on failure.
import { mkdir, mkdtemp, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { isDiskFolder } from "../text/disks.ts";

/** A file to write, relative to the new folder (`/`-separated). */
export interface FolderFile {
  path: string;
  data: string | Uint8Array;
}

/**
 * Why the target cannot be used: it holds files, it is a file, or it is a disk's own folder (a
 * file system is mounted on it, or it is a root), which the staged folder cannot be renamed onto.
 */
export class TargetUnusableError extends Error {
  readonly target: string;
  readonly kind: "not-empty" | "not-a-folder" | "a-disk";
  constructor(target: string, kind: "not-empty" | "not-a-folder" | "a-disk") {
    super(`${target}: ${kind}`);
    this.target = target;
    this.kind = kind;
  }
}

/** Throws TargetUnusableError unless `target` is missing or an empty folder (not a disk's own). */
async function checkTarget(target: string): Promise<"missing" | "empty"> {
  const info = await stat(target).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    throw e;
  });
  if (!info) return "missing";
  if (!info.isDirectory()) throw new TargetUnusableError(target, "not-a-folder");
  if (await isDiskFolder(target, info)) throw new TargetUnusableError(target, "a-disk");
  if ((await readdir(target)).length > 0) throw new TargetUnusableError(target, "not-empty");
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
