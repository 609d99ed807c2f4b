// Damaged office fonts never crash: a seeded fuzz over 400 mutations of a small TrueType font
// and 200 of it as WOFF (byte flips, truncation, header damage, bit flips) must end, for every
// one, either in a `pdf/font-file` problem naming the file or in a PDF — never in an exception.
// And `check` and `xinfang pdf` report a damaged office font as a located error with exit code 1.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkFonts } from "../../src/pdf/check.ts";
import { shippedFontPath } from "../../src/pdf/fonts.ts";
import { renderPdf } from "../../src/pdf/index.ts";
import { subsetFont } from "../../src/pdf/subset.ts";
import { parseTrueType } from "../../src/pdf/truetype.ts";
import { cli } from "../cli/run-cli.ts";
import { CONTENT, doc, para, woffOf } from "./support.ts";

const dir = mkdtempSync(join(tmpdir(), "xinfang-font-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = "青禾镇信访工作方案一、总体要求（一）坚持依法：，。2025年1月8日第号";

/** A valid TrueType font of a few kilobytes: the shipped 仿宋 cut down to TEXT's glyphs. */
function smallFont(): Uint8Array {
  const full = parseTrueType(readFileSync(shippedFontPath("仿宋")));
  const chars = [...new Set(TEXT)];
  const gids = [...new Set(chars.map((c) => full.glyphOf(c.codePointAt(0) as number)))];
  const unicodes = new Map(
    chars.map((c) => {
      const cp = c.codePointAt(0) as number;
      return [cp, gids.indexOf(full.glyphOf(cp)) + 1] as const;
    }),
  );
  return subsetFont(full, gids, unicodes).bytes;
}

/** A seeded generator (a linear congruential one is plenty for choosing bytes). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

function mutate(font: Uint8Array, i: number, rnd: () => number): Uint8Array {
  const b = Uint8Array.from(font);
  const at = () => Math.floor(rnd() * b.length);
  switch (i % 5) {
    case 0: // a few random bytes anywhere
      for (let k = 0, n = 1 + Math.floor(rnd() * 8); k < n; k++) b[at()] = Math.floor(rnd() * 256);
      return b;
    case 1: // truncated
      return b.subarray(0, Math.floor(rnd() * b.length));
    case 2: {
      // the table directory and the small tables at the front
      const o = Math.floor(rnd() * Math.min(400, b.length - 2));
      b[o] = Math.floor(rnd() * 256);
      b[o + 1] = Math.floor(rnd() * 256);
      return b;
    }
    case 3: // many bit flips
      for (let k = 0; k < 40; k++) b[at()] = (b[at()] as number) ^ (1 << Math.floor(rnd() * 8));
      return b;
    default: {
      // a 32-bit field set to a huge value (offsets, lengths, counts)
      const o = at() & ~3;
      new DataView(b.buffer).setUint32(Math.min(o, b.length - 4), 0xfffffff0);
      return b;
    }
  }
}

describe("damaged office fonts", () => {
  it("400 mutated fonts: each one is refused with pdf/font-file or typesets; none throws", async () => {
    const font = smallFont();
    const rnd = random(20261202);
    const sample = doc([para(TEXT)], { title: "青禾镇信访工作方案" });
    let refused = 0;
    let typeset = 0;
    const thrown: string[] = [];
    for (let i = 0; i < 400; i++) {
      const file = `f${i}.ttf`;
      writeFileSync(join(dir, file), mutate(font, i, rnd));
      try {
        const fonts = { 仿宋: file, 小标宋: file };
        const checked = checkFonts(fonts, dir, () => null);
        const r = await renderPdf(sample, { contentDir: dir, fonts });
        if (checked.diagnostics.length) {
          expect(checked.diagnostics[0]?.code).toBe("pdf/font-file");
          expect(checked.diagnostics[0]?.message).toContain(file);
          refused++;
        } else {
          expect(r.bytes.length).toBeGreaterThan(0);
          typeset++;
        }
      } catch (e) {
        thrown.push(`${file}: ${(e as Error).message}`);
      }
    }
    expect(thrown).toEqual([]);
    expect(refused).toBeGreaterThan(100);
    expect(typeset).toBeGreaterThan(10);
  }, 120_000);

  it("200 mutated WOFF fonts (each table inflated only when read): refused or typeset, none throws", async () => {
    const woff = woffOf(smallFont());
    const rnd = random(20261203);
    const sample = doc([para(TEXT)], { title: "青禾镇信访工作方案" });
    let refused = 0;
    let typeset = 0;
    const thrown: string[] = [];
    for (let i = 0; i < 200; i++) {
      const file = `w${i}.woff`;
      writeFileSync(join(dir, file), mutate(woff, i, rnd));
      try {
        const fonts = { 仿宋: file, 楷体: file };
        const checked = checkFonts(fonts, dir, () => null);
        const r = await renderPdf(sample, { contentDir: dir, fonts });
        if (checked.diagnostics.length) {
          expect(checked.diagnostics[0]?.code).toBe("pdf/font-file");
          refused++;
        } else {
          expect(r.bytes.length).toBeGreaterThan(0);
          typeset++;
        }
      } catch (e) {
        thrown.push(`${file}: ${(e as Error).message}`);
      }
    }
    expect(thrown).toEqual([]);
    expect(refused).toBeGreaterThan(50);
    expect(typeset).toBeGreaterThan(5);
  }, 120_000);

  it("a truncated office font is a located error in check and stops xinfang pdf with exit 1", async () => {
    const content = join(dir, "content");
    cpSync(CONTENT, content, { recursive: true });
    mkdirSync(join(content, "fonts"));
    writeFileSync(join(content, "fonts", "仿宋_GB2312.ttf"), smallFont().subarray(0, 2000));
    const office = readFileSync(join(content, "office.yaml"), "utf8");
    writeFileSync(
      join(content, "office.yaml"),
      `${office.replace(/^fonts:.*$/m, "").trimEnd()}\nfonts:\n  仿宋: fonts/仿宋_GB2312.ttf\n`,
    );
    const check = await cli(["check", "--content", content]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/office\.yaml:\d+:\d+ {2}pdf\/font-file {2}fonts\.仿宋 {2}错误：/);
    expect(check.stdout).toContain("fonts/仿宋_GB2312.ttf");
    const pdf = await cli([
      "pdf",
      "plan-2025-annual",
      "--content",
      content,
      "--out",
      join(dir, "x.pdf"),
    ]);
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toContain("pdf/font-file");
    expect(existsSync(join(dir, "x.pdf"))).toBe(false);
  }, 120_000);
});
