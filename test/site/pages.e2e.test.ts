// Office pages in real builds: page files named any way a clerk names them give folders that are
// safe on any server and links that work; and a build whose pages bypass validation (hostile page
// data handed straight to the site) ships no script, handler or frame from them.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_PAGES } from "./fixtures/hostile-pages.ts";
import { launchChromium, watch } from "./support/browser.ts";
import { ROOT, runCli } from "./support/build.ts";
import type { CliRun } from "./support/build.ts";
import { tagsOf } from "./support/markup.ts";
import { serveStatic } from "./support/server.ts";
import { needs } from "../support/tools.ts";

const BASE = "/intranet/";

/** File name (without .mdx) → the folder and URL segment the page must get. */
const NAMES: [string, string][] = [
  ["工作 动态", "工作-动态"],
  ["问答#1", "问答-1"],
  ["为什么?", "为什么"],
  ["100% 完成", "100-完成"],
  ["a b", "a-b-2"],
  ["a-b", "a-b"],
  ["Café & Co", "Café-Co"],
  ["CON", "CON-page"],
];

let tmp: string;
let oddOut: string;
let oddBuild: CliRun;
let oddCheck: CliRun;
let hostileOut: string;
let hostileBuild: CliRun;

/** The example content with its own pages replaced by `pages`. */
async function contentWith(dir: string, pages: Record<string, string>): Promise<void> {
  await cp(join(ROOT, "content"), dir, {
    recursive: true,
    filter: (src) => !src.includes(join(ROOT, "content", "pages")),
  });
  await mkdir(join(dir, "pages"), { recursive: true });
  for (const [name, text] of Object.entries(pages)) await writeFile(join(dir, "pages", name), text);
}

/** `xinfang build` with validate/pages.ts replaced by a stub that lets hostile data through. */
function buildUnvalidated(args: string[]): Promise<CliRun> {
  return runCli(args, ROOT, ["--import", join(ROOT, "test/site/support/unvalidated-pages.ts")]);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "xinfang-pages-"));
  const odd = join(tmp, "odd");
  await contentWith(
    odd,
    Object.fromEntries(
      NAMES.map(([name]) => [
        `${name}.mdx`,
        `---\ntitle: 页面“${name}”\n---\n\n这是文件 ${name}.mdx 的正文。\n`,
      ]),
    ),
  );
  oddOut = join(tmp, "odd-site");
  oddCheck = await runCli(["check", "--content", odd]);
  oddBuild = await runCli(["build", "--content", odd, "--out", oddOut, "--base", BASE]);

  const hostile = join(tmp, "hostile");
  await contentWith(hostile, { "hostile.mdx": "正文\n" });
  hostileOut = join(tmp, "hostile-site");
  hostileBuild = await buildUnvalidated([
    "build",
    "--content",
    hostile,
    "--out",
    hostileOut,
    "--base",
    BASE,
  ]);
}, 240_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("page files named with spaces, #, ?, %, accents and Windows device names", () => {
  it("pass check and build", () => {
    expect(oddCheck.status, oddCheck.stderr).toBe(0);
    expect(oddBuild.status, oddBuild.stderr).toBe(0);
  });

  it("are written to folders of letters, digits, - and _ only, one per page", async () => {
    const folders = (await readdir(join(oddOut, "pages"))).filter((n) => n !== "index.html");
    expect(folders.sort()).toEqual(NAMES.map(([, slug]) => slug).sort());
    for (const f of folders) expect(f).toMatch(/^[\p{L}\p{N}_-]+$/u);
    for (const [name, slug] of NAMES) {
      const html = await readFile(join(oddOut, "pages", slug, "index.html"), "utf8");
      expect(html, name).toContain(`这是文件 ${name.replace("&", "&amp;")}.mdx 的正文。`);
    }
  });

  it.skipIf(!needs("chromium"))(
    "open from the list of pages in Chromium, each link to its own page",
    async () => {
      const server = await serveStatic(oddOut, BASE);
      let browser: Browser | undefined;
      try {
        browser = await launchChromium();
        const page = await browser.newPage();
        const w = await watch(page, server.origin);
        await page.goto(`${server.origin}${BASE}pages/`, { waitUntil: "networkidle" });
        const titles = await page.locator("main ul li a").allTextContents();
        expect(titles.sort()).toEqual(NAMES.map(([name]) => `页面“${name}”`).sort());
        for (const [name] of NAMES) {
          await page.goto(`${server.origin}${BASE}pages/`, { waitUntil: "networkidle" });
          await Promise.all([
            page.waitForURL((u) => !u.pathname.endsWith("/pages/")),
            page.locator("main ul li a", { hasText: `页面“${name}”` }).click(),
          ]);
          expect(await page.locator("article h1").textContent()).toBe(`页面“${name}”`);
          expect(await page.locator("article p").first().textContent()).toBe(
            `这是文件 ${name}.mdx 的正文。`,
          );
        }
        expect(w.errors).toEqual([]);
        expect(w.failed).toEqual([]);
        expect(w.foreign).toEqual([]);
      } finally {
        await browser?.close();
        await server.close();
      }
    },
    60_000,
  );
});

/** Tags that could run, load or submit something, counted. */
function activeTags(html: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of tagsOf(html))
    if (
      /^(?:script|iframe|frame|object|embed|applet|style|form|input|base|meta|link)$/.test(t.name)
    )
      counts[t.name] = (counts[t.name] ?? 0) + 1;
  return counts;
}

describe("a build whose pages bypass validation", () => {
  it("builds (the site renders whatever data it gets)", () => {
    expect(hostileBuild.status, hostileBuild.stderr).toBe(0);
  });

  it("ships no tag, handler or URL from the page data: only the layout's own", async () => {
    const html = await readFile(join(hostileOut, "pages", "hostile", "index.html"), "utf8");
    const layout = await readFile(join(hostileOut, "pages", "index.html"), "utf8");
    expect(activeTags(html)).toEqual(activeTags(layout));
    const attributes = tagsOf(html).flatMap((t) => t.attributes);
    expect(attributes.filter(([name]) => name.startsWith("on"))).toEqual([]);
    expect(attributes.filter(([name]) => name === "srcdoc")).toEqual([]);
    for (const [name, value] of attributes)
      if (name === "href" || name === "src") expect(value, value).toMatch(/^(?:\/intranet\/|#)/);
    // The hostile texts are there, as text.
    expect(html).toContain("&lt;script&gt;alert(&quot;page&quot;)&lt;/script&gt;");
    expect(HOSTILE_PAGES[0]?.title).toContain("<script>");
  });

  it.skipIf(!needs("chromium"))(
    "runs nothing in Chromium: no dialog, no handler, no frame",
    async () => {
      const server = await serveStatic(hostileOut, BASE);
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
        await page.goto(`${server.origin}${BASE}pages/hostile/`, { waitUntil: "networkidle" });
        for (const a of await page.locator("article a, article img, article h2").all())
          await a.hover().catch(() => {});
        await page.locator("article a", { hasText: "链接三" }).click();
        await page.waitForLoadState("networkidle");
        await page.goto(`${server.origin}${BASE}pages/hostile/`, { waitUntil: "networkidle" });
        const found = await page.evaluate(() => ({
          scripts: document.querySelectorAll("script").length,
          frames: document.querySelectorAll("iframe, frame, object, embed").length,
          handlers: [...document.querySelectorAll("*")].flatMap((e) =>
            [...e.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name),
          ),
          h1: document.querySelector("article h1")?.textContent ?? "",
        }));
        expect(found).toEqual({
          scripts: 0,
          frames: 0,
          handlers: [],
          h1: HOSTILE_PAGES[0]?.title,
        });
        expect(dialogs).toBe(0);
        // The hostile image and link point at files that do not exist: only those 404s.
        expect(
          w.failed.filter((f) => !/x\.png%22%20onerror|units\/%22%20onmouseover/.test(f)),
        ).toEqual([]);
        expect(w.errors.filter((e) => !e.startsWith("Failed to load resource"))).toEqual([]);
        expect(w.foreign).toEqual([]);
      } finally {
        await browser?.close();
        await server.close();
      }
    },
    60_000,
  );
});
