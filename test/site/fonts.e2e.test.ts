// The example site in Chromium on machines of our own making (support/fonts.ts): one with no
// Chinese font at all, where every page must still show text — every character in the site's own
// web font, none as a box — and one with an office 仿宋 installed, which the documents' text
// must use instead of the served font. And printing a document page: what the page says about
// printing holds on paper (the printout says it is not the official layout and names the PDF).
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { siteCharacters } from "../../src/site/build/webfonts.ts";
import { needs, toolPath } from "../support/tools.ts";
import { launchChromium } from "./support/browser.ts";
import { ROOT, listFiles, runCli } from "./support/build.ts";
import { ASCII, fontFile, fontMachine } from "./support/fonts.ts";
import { sitePages } from "./support/phone.ts";
import type { SitePage } from "./support/phone.ts";
import { serveStatic } from "./support/server.ts";
import type { StaticServer } from "./support/server.ts";

/** The one font of the machine without Chinese fonts: Latin letters only. */
const LATIN = "XinfangTestLatin";

let tmp: string;
let out: string;
let pages: SitePage[];
let server: StaticServer;
let bare: Browser;
let office: Browser;

/** Opens `path` and waits for its fonts (and a search's results). */
async function open(page: Page, path: string): Promise<void> {
  const response = await page.goto(`${server.origin}/${path}`, { waitUntil: "networkidle" });
  expect(response?.status(), path).toBe(path === "no-such-page/" ? 404 : 200);
  if (path.startsWith("search/"))
    await page.waitForSelector(".search-results li", { timeout: 20_000 });
  await page.evaluate(() => document.fonts.ready);
}

/**
 * Characters of `text` that `font` draws as a missing glyph would be drawn (compared pixel by
 * pixel with a private-use character no font has), after loading the font for them.
 */
function boxes(page: Page, font: string, text: string): Promise<string[]> {
  return page.evaluate(
    async ({ font, text }) => {
      await document.fonts.load(font, text).catch(() => []);
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 48;
      const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;
      const draw = (s: string) => {
        ctx.clearRect(0, 0, 48, 48);
        ctx.font = font;
        ctx.fillText(s, 4, 36);
        const d = ctx.getImageData(0, 0, 48, 48).data;
        let h = 0;
        for (let i = 3; i < d.length; i += 4) h = (Math.imul(h, 31) + d[i]! * (i + 1)) | 0;
        return h;
      };
      const missing = draw("\ue000");
      return [...new Set(text)].filter((ch) => ch.trim() !== "" && draw(ch) === missing);
    },
    { font, text },
  );
}

interface ShownText {
  /** The served family the element's stack ends in (none: a stack without one). */
  family: string | null;
  text: string;
}

/** Each element's own text (and input placeholders) with the served family of its font stack. */
function shownTexts(page: Page): Promise<ShownText[]> {
  return page.evaluate(() => {
    const out: ShownText[] = [];
    const served = (el: Element) =>
      /"?(xinfang-[a-z]+)"?/.exec(getComputedStyle(el).fontFamily)?.[1] ?? null;
    for (const el of document.querySelectorAll("body *")) {
      if (el.closest("script, style, template, [hidden]")) continue;
      let text = "";
      for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) text += n.textContent;
      const placeholder = el.getAttribute("placeholder");
      if (placeholder) text += placeholder;
      if (text.trim() && getComputedStyle(el).display !== "none")
        out.push({ family: served(el), text: text.replace(/\s+/g, "") });
    }
    return out;
  });
}

interface DrawnText {
  text: string;
  fonts: { familyName: string; isCustomFont: boolean }[];
}

/**
 * The fonts Chromium drew text with (CDP CSS.getPlatformFontsForNode), for each text node of the
 * elements `selector` finds (their own, not their descendants') with a character outside
 * printable ASCII.
 */
async function platformFonts(page: Page, selector: string): Promise<DrawnText[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector });
    const wanted = new Set(nodeIds);
    type Node = {
      nodeId: number;
      nodeType: number;
      nodeName: string;
      nodeValue: string;
      children?: Node[];
    };
    const texts: Node[] = [];
    const walk = (n: Node) => {
      if (n.nodeName === "SCRIPT" || n.nodeName === "STYLE") return;
      for (const c of n.children ?? []) {
        if (wanted.has(n.nodeId) && c.nodeType === 3 && /[^\s\x20-\x7e]/.test(c.nodeValue))
          texts.push(c);
        walk(c);
      }
    };
    walk(root as Node);
    const found: DrawnText[] = [];
    for (const n of texts) {
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId: n.nodeId });
      if (fonts.length) found.push({ text: n.nodeValue.trim().slice(0, 40), fonts });
    }
    return found;
  } finally {
    await cdp.detach();
  }
}

/** Marks the elements of `selector` set in the 仿宋 stack (not the title's), for platformFonts. */
async function markFangsong(page: Page, selector: string): Promise<string> {
  await page.evaluate((selector) => {
    for (const el of document.querySelectorAll(selector))
      if (/^"?FangSong_GB2312/.test(getComputedStyle(el).fontFamily))
        el.setAttribute("data-test-fangsong", "");
  }, selector);
  return "[data-test-fangsong]";
}

describe.skipIf(!needs("chromium"))("the site's own fonts and its print", () => {
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "xinfang-fonts-"));
    out = join(tmp, "dist");
    const built = await runCli(["build", "--content", join(ROOT, "content"), "--out", out]);
    if (built.status !== 0) throw new Error(`xinfang build failed:\n${built.stderr}`);
    pages = await sitePages(out);
    server = await serveStatic(out, "/");
    const latin = fontFile("黑体", LATIN, ASCII);
    // An office 仿宋 for every character of the site (the 楷体 outlines, to tell it apart).
    const texts = [];
    for (const f of await listFiles(out))
      if (f.endsWith(".html")) texts.push(await readFile(join(out, f), "utf8"));
    const all = String.fromCodePoint(...siteCharacters(texts));
    bare = await launchChromium(await fontMachine(join(tmp, "bare"), { "latin.ttf": latin }));
    office = await launchChromium(
      await fontMachine(join(tmp, "office"), {
        "latin.ttf": latin,
        "fangsong.ttf": fontFile("楷体", "FangSong", all),
      }),
    );
  }, 240_000);

  afterAll(async () => {
    await bare?.close();
    await office?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("has a machine without Chinese fonts: there, without the served fonts, text is boxes", async () => {
    const page = await bare.newPage();
    try {
      await page.route("**/fonts/*.woff2", (route) => route.abort());
      await open(page, "documents/");
      expect(await boxes(page, '16px "xinfang-fangsong", serif', "信访")).toEqual(["信", "访"]);
      expect(await boxes(page, "16px sans-serif", "信访A")).toEqual(["信", "访"]);
    } finally {
      await page.close();
    }
  });

  it("shows every character of every page in its served font there, none as a box", async () => {
    const page = await bare.newPage();
    const problems: Record<string, string[]> = {};
    try {
      for (const p of pages) {
        await open(page, p.path);
        const byFamily = new Map<string, string>();
        const found: string[] = [];
        for (const { family, text } of await shownTexts(page)) {
          if (family === null) {
            if (/[^\x20-\x7e]/.test(text)) found.push(`没有网页字体的文字：${text.slice(0, 30)}`);
            continue;
          }
          byFamily.set(family, (byFamily.get(family) ?? "") + text);
        }
        for (const [family, text] of byFamily) {
          const missing = await boxes(page, `16px "${family}"`, text);
          if (missing.length) found.push(`${family} 显示为方框：${missing.join("")}`);
        }
        for (const { text, fonts } of await platformFonts(page, "body, body *"))
          for (const f of fonts)
            if (!f.isCustomFont) found.push(`用了本机字体 ${f.familyName}：${text}`);
        if (found.length) problems[`${p.name}（/${p.path}）`] = found;
      }
    } finally {
      await page.close();
    }
    expect(problems).toEqual({});
  }, 300_000);

  it("loads the served fonts for a document page there", async () => {
    const page = await bare.newPage();
    try {
      await open(page, "documents/notice-2025-06/");
      const state = await page.evaluate(() => {
        const faces: Record<string, string> = {};
        document.fonts.forEach((f) => (faces[f.family.replaceAll('"', "")] = f.status));
        return { faces, check: document.fonts.check('16px "xinfang-fangsong"', "信访") };
      });
      expect(state.check).toBe(true);
      expect(state.faces["xinfang-fangsong"]).toBe("loaded");
      expect(state.faces["xinfang-hei"]).toBe("loaded");
      const body = await platformFonts(page, await markFangsong(page, ".gw *"));
      expect(body.length).toBeGreaterThan(3);
      for (const { fonts } of body)
        expect(fonts.map((f) => f.familyName)).toEqual(["xinfang-fangsong"]);
    } finally {
      await page.close();
    }
  });

  it("prefers an installed office 仿宋 to the served font", async () => {
    const page = await office.newPage();
    try {
      await open(page, "documents/notice-2025-06/");
      const body = await platformFonts(page, await markFangsong(page, ".gw *"));
      expect(body.length).toBeGreaterThan(3);
      for (const { text, fonts } of body)
        expect(
          fonts.map((f) => [f.familyName, f.isCustomFont]),
          text,
        ).toEqual([["FangSong", false]]);
    } finally {
      await page.close();
    }
  });

  it("says on every document page that printing is from the PDF, and nowhere else claims a print layout", async () => {
    for (const f of await listFiles(out)) {
      if (!f.endsWith(".html")) continue;
      const html = await readFile(join(out, f), "utf8");
      expect(html, f).not.toMatch(/即为公文格式|打印本页即/);
      for (const m of html.matchAll(/公文格式/g)) {
        const around = html.slice(Math.max(0, (m.index ?? 0) - 200), (m.index ?? 0) + 60);
        expect(/不是公文格式|PDF/.test(around), `${f}：${around}`).toBe(true);
      }
    }
  });

  it.skipIf(!needs("pdftotext"))(
    "prints a document page with the notice that it is not the official layout, naming its PDF",
    async () => {
      const page = await bare.newPage();
      try {
        await open(page, "documents/notice-2025-06/");
        const link = page.locator(".doc-tools a.pdf-link");
        await expect(link.textContent()).resolves.toContain("打印请用 PDF 文件");
        const href = (await link.getAttribute("href")) as string;
        expect((await page.request.get(`${server.origin}${href}`)).status()).toBe(200);
        expect(await page.locator(".print-notice").isVisible()).toBe(false);

        await page.emulateMedia({ media: "print" });
        const notice = page.locator(".print-notice");
        expect(await notice.isVisible()).toBe(true);
        expect(await page.locator(".doc-tools").isVisible()).toBe(false);
        const said = (await notice.textContent()) ?? "";
        expect(said).toContain("版式不是公文格式");
        expect(said).toContain(href);

        const pdf = join(tmp, "printed.pdf");
        await writeFile(pdf, await page.pdf({ preferCSSPageSize: true }));
        const text = spawnSync(toolPath("pdftotext"), ["-layout", pdf, "-"], {
          encoding: "utf8",
        }).stdout;
        const first = text.slice(0, 300).replace(/\s+/g, "");
        expect(first).toContain("这是网页的打印稿，只供阅读，版式不是公文格式");
        expect(first).toContain(href);
        expect(text).not.toMatch(/即为公文格式/);
        // the whole document is on paper: its last words (the 版记) are printed
        const last = (await page.locator(".gw").innerText()).replace(/\s+/g, "").slice(-8);
        expect(text.replace(/\s+/g, "")).toContain(last);
      } finally {
        await page.close();
      }
    },
  );
});
