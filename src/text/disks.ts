// Which file system (disk, partition, share) a path is on, for the writers that move folders by
// renaming them: a rename works only within one file system, and never onto a folder another
// file system is mounted on.
import { stat } from "node:fs/promises";
import type { Stats } from "node:fs";
import { dirname } from "node:path";

/** The device number of the file system `path` is on, or would be on: that of its nearest folder. */
export async function deviceOf(path: string): Promise<number> {
  for (let p = path; ; p = dirname(p)) {
    const s = await stat(p).catch(() => null);
    if (s || dirname(p) === p) return s?.dev ?? -1;
  }
}

/**
 * Whether the folder `dir` (`info`: its stat) is a disk's own: a file system is mounted on it (its
 * parent is on another one), or it is a root. No folder can be renamed onto it.
 */
export async function isDiskFolder(dir: string, info: Stats): Promise<boolean> {
  const parent = dirname(dir);
  return parent === dir || (await stat(parent)).dev !== info.dev;
}
