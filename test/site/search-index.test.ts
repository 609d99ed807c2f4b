// The search index is fed page by page, in an order that depends on the site alone: the same
// pages give the same index files whatever order the file system lists them in; Astro's report
// of each page it has written is read right.
import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { literalGlob, startSearchIndex } from "../../src/site/build/search-index.ts";
import { pageReports } from "../../src/site/build/render-site.ts";
import { fingerprint } from "./support/build.ts";

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><title>${title}</title></head><body>` +
  `<main data-pagefind-body><h1>${title}</h1><p>${body}</p></main></body></html>`;

/** Pages of a small site: the same words on several pages, so that their numbers matter. */
const PAGES: [string, string][] = [
  "index.html",
  "units/andian/index.html",
  "units/baishi/index.html",
  "units/chenjia/index.html",
  "units/dongpo/index.html",
  "documents/plan-2025/index.html",
  "documents/notice-2025-01/index.html",
  "documents/notice-2025-02/index.html",
  "documents/report-2025/index.html",
  "weekly/2025/index.html",
].map((file, i) => [
  file,
  page(`页面${i}`, `信访工作第${i}项，考评扣分${i % 3}分，化解率${90 + i}%。`),
]);

/** Writes the pages under `dir` in the given order (a file system may list them that way). */
async function writeSite(dir: string, pages: readonly [string, string][]): Promise<void> {
  for (const [file, html] of pages) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), html);
  }
}

/** Indexes `dir`, adding `order` as pages written, then the rest by path. */
async function indexed(dir: string, order: readonly string[]): Promise<Map<string, string>> {
  const indexer = await startSearchIndex(dir);
  for (const file of order) indexer.add(file);
  await indexer.finish(PAGES.map(([f]) => f));
  expect(indexer.added.slice(0, order.length)).toEqual(order);
  return fingerprint(join(dir, "pagefind"));
}

// tmpfs lists a folder in the order its entries were made; ext4 by a hash of their names
const SHM = "/dev/shm";
const onTmpfs = existsSync(SHM) && statSync(SHM).isDirectory();
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(onTmpfs ? SHM : tmpdir(), "xinfang-search-index-"));
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("the search index", () => {
  it.skipIf(!onTmpfs)(
    "is the same for the same pages made in another order (Pagefind's own walk is not)",
    async () => {
      const a = join(tmp, "a");
      const b = join(tmp, "b");
      await writeSite(a, PAGES);
      await writeSite(b, [...PAGES].reverse());
      const order = ["units/chenjia/index.html", "index.html", "weekly/2025/index.html"];
      const fromA = await indexed(a, order);
      expect(fromA.size).toBeGreaterThan(3);
      expect(await indexed(b, order)).toEqual(fromA);

      // the control: Pagefind given each folder whole numbers the pages as the folder lists them
      const pagefind = await import("pagefind");
      const whole = async (dir: string) => {
        const { index } = await pagefind.createIndex({});
        await index!.addDirectory({ path: dir });
        await index!.writeFiles({ outputPath: join(dir, "whole") });
        await pagefind.close();
        return fingerprint(join(dir, "whole"));
      };
      expect(await whole(b)).not.toEqual(await whole(a));
    },
    60_000,
  );

  it("numbers pages in the order they are added; the rest follow by path", async () => {
    const dir = join(tmp, "order");
    await writeSite(dir, PAGES);
    const sorted = PAGES.map(([f]) => f).sort();
    const byPath = await indexed(dir, []);
    await rm(join(dir, "pagefind"), { recursive: true });
    expect(await indexed(dir, sorted)).toEqual(byPath);
    await rm(join(dir, "pagefind"), { recursive: true });
    expect(await indexed(dir, [...sorted].reverse())).not.toEqual(byPath);
  }, 60_000);

  it("finds a page whatever characters its path has", async () => {
    const names = [
      "a b",
      "c:d",
      "h#i",
      "l<m>",
      "p!q",
      "q$r",
      "x(1)",
      "y[2]",
      "z{3},w",
      "星*号?",
      "反\\斜",
    ];
    const dir = join(tmp, "names");
    const pages: [string, string][] = names.map((n, i) => [
      `p/${n}/index.html`,
      page(`页${i}`, `内容${i}`),
    ]);
    await writeSite(dir, pages);
    const indexer = await startSearchIndex(dir);
    for (const [file] of pages) indexer.add(file);
    await indexer.finish([]);
    const pagefind = await import("pagefind");
    for (const [file] of pages) {
      const { index } = await pagefind.createIndex({});
      const r = await index!.addDirectory({ path: dir, glob: literalGlob(file) });
      expect([file, r.page_count, r.errors]).toEqual([file, 1, []]);
    }
    await pagefind.close();
    const meta = await fingerprint(join(dir, "pagefind", "fragment"));
    expect(meta.size).toBe(names.length);
  }, 60_000);

  it("takes a page reported before it could be found again, by path", async () => {
    const dir = join(tmp, "late");
    await writeSite(dir, PAGES.slice(1));
    const indexer = await startSearchIndex(dir);
    indexer.add(PAGES[0]![0]); // not there yet: Pagefind finds nothing
    indexer.add(PAGES[1]![0]);
    // Pagefind answers one request after the other: once a later one is answered, so are those
    await (await import("pagefind")).createIndex({});
    await writeSite(dir, PAGES.slice(0, 1));
    await indexer.finish(PAGES.map(([f]) => f));
    expect((await fingerprint(join(dir, "pagefind", "fragment"))).size).toBe(PAGES.length);
  }, 60_000);

  it("writes nothing when closed without finishing", async () => {
    const dir = join(tmp, "closed");
    await writeSite(dir, PAGES);
    const indexer = await startSearchIndex(dir);
    indexer.add("index.html");
    await indexer.close();
    expect(existsSync(join(dir, "pagefind"))).toBe(false);
  }, 60_000);
});

describe("Astro's report of the pages it writes", () => {
  it("gives each page once its time follows it, never one that was not written", () => {
    const written: string[] = [];
    const read = pageReports((f) => written.push(f));
    const lines = [
      "▶ src/site/pages/index.astro",
      "  ├─ /index.html",
      " (+146ms) ",
      "▶ src/site/pages/units/[id].astro",
      "  ├─ /units/andian/index.html",
      "某个提示",
      " (+9ms) ",
      "  ├─ /units/empty/index.html",
      " (+2ms) (file not created, response body was empty)",
      "  └─ /units/baishi/index.html",
      " (+1.2s) ",
      " (+3ms) ",
      "✓ Completed in 3.2s.",
    ];
    const begun = lines.filter((l) => read(l));
    expect(begun).toHaveLength(4);
    expect(written).toEqual(["index.html", "units/andian/index.html", "units/baishi/index.html"]);
  });
});
