// Reading a built site's text files: a few at a time (a county's site is a thousand files and some
// 30 MB), each handed over in the order the files are listed.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** How many files are read at once. */
const AT_ONCE = 8;

/**
 * Reads each of `files` (relative to `root`) as UTF-8 and calls `visit` with its text, in the
 * order of `files` (a file's text waits for those before it). Returns what `visit` returned.
 */
export async function mapTexts<T>(
  root: string,
  files: readonly string[],
  visit: (file: string, text: string) => T,
): Promise<T[]> {
  const texts: (string | undefined)[] = [];
  const out: T[] = [];
  let next = 0;
  let done = 0;
  const reader = async () => {
    for (let k; (k = next++) < files.length;) {
      texts[k] = await readFile(join(root, files[k] as string), "utf8");
      // hand over every file read so far in order; a text is dropped once visited
      for (; done < files.length && texts[done] !== undefined; done++) {
        out.push(visit(files[done] as string, texts[done] as string));
        texts[done] = undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, files.length) }, reader));
  return out;
}
