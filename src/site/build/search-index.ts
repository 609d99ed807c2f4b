// The site's search index: Pagefind, a process of its own, fed one page at a time as Astro writes
// them and written into `<site>/pagefind` once the last page is in.
//
// Pagefind numbers pages in the order they are added, and the numbers are in its files. Given
// the whole folder at once (`addDirectory` on the site) it adds pages in the order the file
// system lists them, which differs between file systems (ext4 lists by a hash seeded per file
// system, tmpfs by creation): the same site gave different index files on two machines. Here
// every page is added on its own, in an order that depends on the site alone: the order Astro
// generates the pages in (one at a time, in the order of its routes and their paths), then any
// page it did not report, by path. Each page is added as soon as it is complete, so Pagefind
// reads and segments the pages while Astro is still generating the rest.

/**
 * Wax glob (Pagefind's) matching `file`: its metacharacters escaped; a backslash, which wax
 * cannot escape (and no Windows name has), is matched by `?`.
 */
export function literalGlob(file: string): string {
  return file.replace(/[?*$:<>()[\]{},\\]/g, (c) => (c === "\\" ? "?" : `\\${c}`));
}

export interface SearchIndexer {
  /** A page, relative to the site folder with forward slashes, that is completely written. */
  add(file: string): void;
  /** Pages asked for so far, in order (one asked for again, not found the first time, twice). */
  readonly added: readonly string[];
  /**
   * Adds the HTML files of `files` not added yet (by path), waits for every page, writes the
   * index and ends the process; throws what Pagefind reports as a problem.
   */
  finish(files: readonly string[]): Promise<void>;
  /** Ends the process without writing (after a failure); waits for pages being read. */
  close(): Promise<void>;
}

/** Starts Pagefind on the site folder `siteDir` (which need not hold any page yet). */
export async function startSearchIndex(siteDir: string): Promise<SearchIndexer> {
  const pagefind = await import("pagefind");
  const { index, errors } = await pagefind.createIndex({}).catch(async (e: unknown) => {
    await pagefind.close();
    throw e;
  });
  if (!index) {
    await pagefind.close();
    throw new Error(errors.join("\n"));
  }
  const order: string[] = [];
  // each page asked for, whether it was found, and its problems (a failed request is one, so that
  // none is left unhandled)
  const requests = new Map<string, Promise<{ found: boolean; problems: string[] }>>();
  const add = (file: string) => {
    if (requests.has(file) || !file.endsWith(".html")) return;
    order.push(file);
    requests.set(
      file,
      index.addDirectory({ path: siteDir, glob: literalGlob(file) }).then(
        (r) => ({ found: r.page_count > 0, problems: r.errors }),
        (e: unknown) => ({ found: false, problems: [e instanceof Error ? e.message : String(e)] }),
      ),
    );
  };
  const settled = async () => {
    const out = new Map<string, { found: boolean; problems: string[] }>();
    for (const [file, r] of requests) out.set(file, await r);
    return out;
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await settled();
    await pagefind.close();
  };
  return {
    add,
    added: order,
    async finish(files) {
      try {
        const html = [...files].filter((f) => f.endsWith(".html")).sort();
        for (const file of html) add(file);
        let results = await settled();
        // a page reported before it could be found (none should be) goes in again, by path
        const missed = html.filter((f) => results.get(f)?.found === false);
        for (const file of missed) {
          requests.delete(file);
          add(file);
        }
        if (missed.length) results = await settled();
        const problems = [...results.values()].flatMap((r) => r.problems);
        if (problems.length) throw new Error(problems.join("\n"));
        const written = await index.writeFiles({ outputPath: `${siteDir}/pagefind` });
        if (written.errors.length) throw new Error(written.errors.join("\n"));
      } finally {
        await close();
      }
    },
    close,
  };
}
