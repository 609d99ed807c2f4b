// `xinfang build` on a fixture office (the example content plus hostile text) under a base path,
// and builds that fail: invalid content, an office page that does not validate, an output folder
// that is not a site, a build killed mid-way. A failed build writes nothing and leaves the previous
// output as it was, and says so only when it is true.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEARCH_INDEX_DIR, SearchIndexBuilder } from "../../src/site/build/search-index.ts";
import { launchChromium, search, watch } from "./support/browser.ts";
import { ROOT, fingerprint, listFiles, readableTexts, runCli } from "./support/build.ts";
import type { CliRun } from "./support/build.ts";
import { serveStatic } from "./support/server.ts";
import { needs } from "../support/tools.ts";

const BASE = "/xinfang/";
const ID = "110101199003071234";
const MOBILE = "13912345678";
const HOSTILE = '<script>alert("xss")</script>';

let tmp: string;
let content: string;
let out: string;
let built: CliRun;

/** The example content without its office pages, plus a hostile plan and page. */
async function writeFixture(dir: string): Promise<void> {
  await cp(join(ROOT, "content"), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${join(ROOT, "content", "pages")}`),
  });
  await writeFile(
    join(dir, "plans", "hostile.yaml"),
    [
      "id: hostile",
      "year: 2025",
      `title: '测试方案${HOSTILE}'`,
      "number: 青政发〔2025〕99号",
      "date: 2025-03-01",
      "preamble: |",
      `  来访人身份证号${ID}，电话${MOBILE}，写有 ${HOSTILE} 与 <img src=x onerror=alert(1)>。`,
      "sections:",
      "  - title: 测试",
      // text that reads like a fetch from another host is only text: check passes, so must build
      "    body: 正文写有 src=//evil.example/a.png 和 url(https://evil.example/b)。",
      "",
    ].join("\n"),
  );
  await mkdir(join(dir, "pages"), { recursive: true });
  await writeFile(
    join(dir, "pages", "说明.mdx"),
    [
      "---",
      "title: 说明",
      "---",
      "",
      `联系电话${MOBILE}，证件${ID}。见[排名](/units/)，外网[链接](https://example.org/a)。`,
      "",
      '<RankChart unit="dongpo" />',
      "",
    ].join("\n"),
  );
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "xinfang-build-"));
  content = join(tmp, "content");
  out = join(tmp, "site");
  await writeFixture(content);
  built = await runCli(["build", "--content", content, "--out", out, "--base", BASE]);
}, 180_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("a build with hostile text under a base path", () => {
  it("succeeds", () => {
    expect(built.stderr).toContain(`网站路径 ${BASE}`);
    expect(built.status).toBe(0);
  });

  it("escapes user text: the <script> of a YAML field is text, not markup", async () => {
    const html = await readFile(join(out, "documents/plan-hostile/index.html"), "utf8");
    expect(html).toContain("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;");
    expect(html).not.toContain('<script>alert("xss")');
    expect(html).not.toMatch(/<img src=x/);
  });

  it("masks ID and mobile numbers in every file, search index included", async () => {
    for (const [file, text] of await readableTexts(out)) {
      expect(text.includes(ID), file).toBe(false);
      expect(text.includes(MOBILE), file).toBe(false);
    }
    const page = await readFile(join(out, "pages/说明/index.html"), "utf8");
    expect(page).toContain("139****5678");
    expect(page).toContain("110101********1234");
  });

  it("has the search index that reading every written page back gives (pages are read as rendered)", async () => {
    const search = new SearchIndexBuilder();
    for (const file of (await listFiles(out)).filter((f) => f.endsWith(".html")))
      search.add(file, await readFile(join(out, file), "utf8"));
    const written = new Map<string, string>();
    for (const file of await listFiles(join(out, SEARCH_INDEX_DIR)))
      written.set(file, await readFile(join(out, SEARCH_INDEX_DIR, file), "utf8"));
    const expected = new Map(search.files());
    expect([...written.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) expect(written.get(file), file).toBe(text);
    expect(search.size).toBeGreaterThan(40);
  });

  it("prefixes every internal link and asset with the base path", async () => {
    const bad: string[] = [];
    for (const file of (await listFiles(out)).filter((f) => /\.(html|css)$/.test(f))) {
      const text = await readFile(join(out, file), "utf8");
      for (const m of text.matchAll(/\b(?:href|src|action)="([^"]*)"|url\(([^)]*)\)/g)) {
        const url = (m[1] ?? m[2] ?? "").replace(/^["']/, "");
        if (url.startsWith("/") && !url.startsWith(BASE)) bad.push(`${file}: ${url}`);
      }
    }
    expect(bad).toEqual([]);
    const page = await readFile(join(out, "pages/说明/index.html"), "utf8");
    expect(page).toContain(`href="${BASE}units/"`);
    expect(page).not.toContain("example.org");
  });

  it.skipIf(!needs("chromium"))(
    "works in Chromium under the base path: pages, links, search, no script from the data",
    async () => {
      const server = await serveStatic(out, BASE);
      let browser: Browser | undefined;
      try {
        browser = await launchChromium();
        const page = await browser.newPage();
        const w = await watch(page, server.origin);
        let dialogs = 0;
        page.on("dialog", (d) => {
          dialogs++;
          void d.dismiss();
        });
        await page.goto(`${server.origin}${BASE}`, { waitUntil: "networkidle" });
        const links = await page.$$eval("nav.site-nav a", (as) =>
          as.map((a) => (a as HTMLAnchorElement).href),
        );
        expect(links.length).toBeGreaterThan(3);
        for (const link of links) {
          const r = await page.goto(link, { waitUntil: "networkidle" });
          expect(r?.status(), link).toBe(200);
        }
        await page.goto(`${server.origin}${BASE}documents/plan-hostile/`, {
          waitUntil: "networkidle",
        });
        expect(await page.locator("h1.gw-title").textContent()).toBe(`测试方案${HOSTILE}`);
        const results = await search(page, server.origin, BASE, "东坡村");
        expect(results.map((r) => r.href)).toContain(`${BASE}units/dongpo/`);
        expect(dialogs).toBe(0);
        expect(w.errors).toEqual([]);
        expect(w.foreign).toEqual([]);
        expect(w.failed).toEqual([]);
      } finally {
        await browser?.close();
        await server.close();
      }
    },
    60_000,
  );
});

describe("files from other output stages", () => {
  it("links a document's PDF exactly when a stage wrote it (and clears killed builds' folders)", async () => {
    const withPdf = join(tmp, "with-pdf");
    const id = "plan-hostile";
    // A temporary folder of a build that was killed (no process has this id) is cleared away.
    const stale = join(tmp, ".with-pdf.building-2147483646-1");
    await mkdir(stale);
    await writeFile(join(stale, "index.html"), "");
    const r = spawnSync(
      process.execPath,
      [join(ROOT, "test/site/support/build-with-stage.ts"), content, withPdf, id],
      { encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}")).toMatchObject({ ok: true });
    expect(await readFile(join(withPdf, "pdf", `${id}.pdf`), "utf8")).toContain("%PDF");
    const page = await readFile(join(withPdf, "documents", id, "index.html"), "utf8");
    expect(page).toContain(`<a class="pdf-link" href="/pdf/${id}.pdf">`);
    const other = await readFile(
      join(withPdf, "documents", "plan-2025-annual", "index.html"),
      "utf8",
    );
    expect(other).not.toContain("pdf-link");
    expect((await listFiles(tmp)).some((f) => f.startsWith(".with-pdf.building"))).toBe(false);
    await rm(withPdf, { recursive: true, force: true });
  }, 120_000);

  it("stops with a fault of the program when a stage writes a file it did not declare", () => {
    const undeclared = join(tmp, "undeclared");
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, "test/site/support/build-with-stage.ts"),
        content,
        undeclared,
        "plan-hostile",
        "undeclared",
      ],
      { encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}")).toEqual({
      ok: false,
      step: "outputs",
      kind: "internal",
      message: "输出文件与预定的不一致：多出 pdf/plan-hostile.pdf",
    });
    expect(existsSync(undeclared)).toBe(false);
  }, 120_000);
});

// tmpfs: another file system than the package's, when the package is on a disk
const SHM = "/dev/shm";
const shmElsewhere =
  existsSync(SHM) && statSync(SHM).isDirectory() && statSync(SHM).dev !== statSync(ROOT).dev;

describe("an output folder on another file system", () => {
  it.skipIf(!shmElsewhere)(
    "gets the same files, search index included, as one on the package's disk",
    async () => {
      const elsewhere = await mkdtemp(join(SHM, "xinfang-build-"));
      try {
        const site = join(elsewhere, "site");
        const r = await runCli(["build", "--content", content, "--out", site, "--base", BASE]);
        expect(r.status, r.stderr).toBe(0);
        const here = await fingerprint(out);
        expect([...here.keys()].some((f) => f.startsWith("search-index/"))).toBe(true);
        expect(await fingerprint(site)).toEqual(here);
      } finally {
        await rm(elsewhere, { recursive: true, force: true });
      }
    },
    180_000,
  );
});

describe("failed builds", () => {
  it("treats warnings as errors with --strict, writing nothing", async () => {
    const before = await fingerprint(out);
    const run = await runCli([
      "build",
      "--content",
      content,
      "--out",
      out,
      "--base",
      BASE,
      "--strict",
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("score/uncovered-cell");
    expect(run.stderr).toContain("没有写入任何文件");
    expect(await fingerprint(out)).toEqual(before);
  }, 60_000);

  it("stops on invalid content with the diagnostics, writing nothing", async () => {
    const before = await fingerprint(out);
    const broken = join(tmp, "broken");
    await cp(content, broken, { recursive: true });
    const petitions = join(broken, "ledger/2025/petitions.yaml");
    const text = await readFile(petitions, "utf8");
    await writeFile(petitions, text.replace(/unit: dongpo/, "unit: nosuchvillage"));
    const run = await runCli(["build", "--content", broken, "--out", out, "--base", BASE]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("ref/unknown-unit");
    expect(run.stderr).toContain("petitions.yaml:");
    expect(run.stderr).toContain("未生成网站，没有写入任何文件");
    expect(await fingerprint(out)).toEqual(before);
    const fresh = join(tmp, "never");
    expect((await runCli(["build", "--content", broken, "--out", fresh])).status).toBe(1);
    expect((await listFiles(tmp)).some((f) => f.startsWith("never"))).toBe(false);
  }, 60_000);

  it("stops on an office page that cannot render, at its line and column, writing nothing", async () => {
    // Pages are checked before anything is built (a page that passes check renders).
    const before = await fingerprint(out);
    const failing = join(tmp, "failing");
    await cp(content, failing, { recursive: true });
    await writeFile(
      join(failing, "pages", "坏页面.mdx"),
      '正文\n\n<RankChart unit="nosuchvillage" />\n\n{process.exit(0)}\n',
    );
    const run = await runCli(["build", "--content", failing, "--out", out, "--base", BASE]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("pages/坏页面.mdx:3:12  page/prop");
    expect(run.stderr).toContain("RankChart");
    expect(run.stderr).toContain("pages/坏页面.mdx:5:1  page/code");
    expect(run.stderr).toContain("未生成网站，没有写入任何文件");
    expect(await fingerprint(out)).toEqual(before);
    expect((await readdir(tmp)).filter((f) => f.startsWith(".site."))).toEqual([]);
  }, 120_000);

  it("refuses to replace a folder that is not a built site (exit 2)", async () => {
    const other = join(tmp, "documents-of-the-office");
    await mkdir(other);
    await writeFile(join(other, "keep.txt"), "重要");
    await writeFile(join(other, "index.html"), "<h1>门户</h1>");
    const run = await runCli(["build", "--content", content, "--out", other]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("不是以前生成的网站");
    expect(run.stderr).toContain("未做任何改动");
    expect(await readFile(join(other, "keep.txt"), "utf8")).toBe("重要");
    expect(await readFile(join(other, "index.html"), "utf8")).toBe("<h1>门户</h1>");
  }, 60_000);

  it("a build killed mid-way leaves the previous output; the next build cleans up", async () => {
    const before = await fingerprint(out);
    expect(before.get(".xinfang-build")).toBeDefined();
    const child = spawn(
      process.execPath,
      [join(ROOT, "src/cli/bin.ts"), "build", "--content", content, "--out", out, "--base", BASE],
      { stdio: "ignore" },
    );
    const closed = new Promise<NodeJS.Signals | null>((done) =>
      child.on("close", (_code, signal) => done(signal)),
    );
    // Kill it as soon as its staging folder appears (Astro is writing the new site into it).
    let staging: string | undefined;
    while (!staging) {
      staging = (await readdir(tmp)).find((f) => f.startsWith(".site.building-"));
      if (!staging) await new Promise((r) => setTimeout(r, 5));
    }
    child.kill("SIGKILL");
    expect(await closed).toBe("SIGKILL");
    expect(await fingerprint(out)).toEqual(before);
    expect(await readdir(tmp)).toContain(".site.lock");
    const work = join(ROOT, ".astro", `build-${child.pid}-1`);

    const next = await runCli(["build", "--content", content, "--out", out, "--base", BASE]);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toContain("已清除以前中断的生成留下的");
    expect((await readdir(tmp)).filter((f) => f.startsWith(".site."))).toEqual([]);
    expect(existsSync(work)).toBe(false);
    // The same content gives the same bytes: the output in place is a complete build.
    expect(await fingerprint(out)).toEqual(before);
  }, 120_000);

  it("two builds into the same folder at once: the second stops (exit 3), the first completes", async () => {
    const expected = await fingerprint(out);
    const twice = join(tmp, "twice");
    const args = ["build", "--content", content, "--out", twice, "--base", BASE];
    const runs = await Promise.all([runCli(args), runCli(args)]);
    const statuses = runs.map((r) => r.status).sort();
    // Normally one waits on the other's lock; on a slow machine they may also run one after the
    // other. Never both write at once.
    expect([
      [0, 0],
      [0, 3],
    ]).toContainEqual(statuses);
    for (const r of runs.filter((x) => x.status === 3))
      expect(r.stderr).toContain("正在写入输出目录");
    expect(await fingerprint(twice)).toEqual(expected);
    expect((await readdir(tmp)).filter((f) => f.startsWith(".twice."))).toEqual([]);
    await rm(twice, { recursive: true, force: true });
  }, 120_000);

  it("a failure while swapping says where the output is: put back, or untouched", async () => {
    const before = await fingerprint(out);
    const child = join(ROOT, "test/build/support/build-child.ts");
    const expected: [string, string, string][] = [
      ["journal-committed", "untouched", "原有的输出目录未改动。"],
      ["old-moved", "restored", "原有的输出目录在替换时曾被移开，已原样放回，内容未改动。"],
    ];
    for (const [step, output, sentence] of expected) {
      const r = spawnSync(process.execPath, [child, content, out, step], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      const failure = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}");
      expect(failure, step).toEqual({ kind: "internal", output, sentence });
      expect(await fingerprint(out)).toEqual(before);
      expect((await readdir(tmp)).filter((f) => f.startsWith(".site."))).toEqual([]);
    }
  }, 120_000);

  it("after recovering a killed swap, a failed build does not claim the output was untouched", async () => {
    // A build killed between its two renames: --out is absent, the journal next to it.
    const fake = join(tmp, "fake");
    await mkdir(join(fake, "documents"), { recursive: true });
    await writeFile(join(fake, ".xinfang-build"), '{"generator":"xinfang","format":1}\n');
    const killed = spawnSync(
      process.execPath,
      [join(ROOT, "test/build/support/swap-child.ts"), fake, "6", "new"],
      { encoding: "utf8" },
    );
    expect(killed.signal).toBe("SIGKILL");
    expect(existsSync(fake)).toBe(false);
    // The content of "leaves the previous output intact when a page fails to render" above.
    const failing = join(tmp, "failing");
    expect(existsSync(join(failing, "pages", "坏页面.mdx"))).toBe(true);
    const run = await runCli(["build", "--content", failing, "--out", fake]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("上次生成在替换输出目录时中断，已把它生成完毕的网站放到");
    expect(run.stderr).toContain("输出目录已按上文所述从上次中断的生成中恢复，本次没有再改动它。");
    expect(run.stderr).not.toContain("原有的输出目录未改动");
    expect(await readFile(join(fake, "index.html"), "utf8")).toBe("<p>new</p>\n");
    expect((await readdir(tmp)).filter((f) => f.startsWith(".fake."))).toEqual([]);
  }, 120_000);

  it("rejects a base path that is not a URL path", async () => {
    const run = await runCli(["build", "--content", content, "--out", out, "--base", "a b"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--base");
  });
});
