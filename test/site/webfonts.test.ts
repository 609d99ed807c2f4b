// The site's web fonts (src/site/build/webfonts.ts): the characters collected from built files,
// and the WOFF2 files — read back with a reader of our own (support/fonts.ts) and compared glyph
// by glyph with the shipped font they are cut from.
import { brotliCompressSync, constants } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { faceOf, shippedFontPath } from "../../src/pdf/fonts.ts";
import { parseTrueType } from "../../src/pdf/truetype.ts";
import {
  WEB_FACES,
  fontFaceCss,
  siteCharacters,
  subsetTables,
  webFont,
} from "../../src/site/build/webfonts.ts";
import { readWoff2, sfnt } from "./support/fonts.ts";

const cps = (s: string) => [...s].map((c) => c.codePointAt(0) as number);

/** Characters of the kind the site shows: office words, digits, punctuation, a few rare ones. */
const POOL = cps(
  "青禾镇信访工作领导小组办公室关于年月村社区考评结果的通报各单位根据细则现将如下一二三、，。：；（）《》“”" +
    "0123456789ABCxyz%-—…·〔〕㐀𠀀鿿",
);

describe("siteCharacters", () => {
  it("holds every visible character of the texts, none of the controls", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" }), { maxLength: 5 }), (texts) => {
        const got = siteCharacters(texts);
        for (const t of texts)
          for (const cp of cps(t)) {
            const visible =
              cp >= 0x20 && !(cp >= 0x7f && cp < 0xa0) && !(cp >= 0xd800 && cp < 0xe000);
            expect(got.has(cp)).toBe(visible);
          }
      }),
    );
  });

  it("is exactly the visible code points of the texts, their references and escapes, and ALWAYS's", () => {
    // the plain reading: every code point, the references and escapes decoded, then filtered
    const reference = (texts: readonly string[]) => {
      const all = [...siteCharacters([])];
      for (const t of texts) {
        all.push(...cps(t));
        for (const m of t.matchAll(/&#(?:x([0-9a-f]+)|(\d+));/gi))
          all.push(m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]));
        for (const m of t.matchAll(/\\u(?:\{([0-9a-f]+)\}|([0-9a-f]{4}))/gi))
          all.push(parseInt((m[1] ?? m[2]) as string, 16));
      }
      const visible = (cp: number) =>
        cp >= 0x20 &&
        cp <= 0x10ffff &&
        !(cp >= 0x7f && cp < 0xa0) &&
        !(cp >= 0xd800 && cp < 0xe000);
      return new Set(all.filter(visible).sort((a, b) => a - b));
    };
    const piece = fc.oneof(
      fc.string({ unit: "binary", maxLength: 8 }),
      fc.nat({ max: 0x11ffff }).map((cp) => `&#x${cp.toString(16)};`),
      fc.nat({ max: 0x11ffff }).map((cp) => `&#${cp};`),
      fc.nat({ max: 0xffff }).map((cp) => `\\U${cp.toString(16).padStart(4, "0")}`),
      fc.nat({ max: 0x11ffff }).map((cp) => `\\u{${cp.toString(16)}}`),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 6 }).map((p) => p.join("")),
          { maxLength: 4 },
        ),
        (texts) => {
          expect([...siteCharacters(texts)]).toEqual([...reference(texts)]);
        },
      ),
    );
  });

  it("decodes character references in HTML and \\u escapes in scripts", () => {
    const got = siteCharacters([
      '<input placeholder="&#x641C;&#32034;">',
      'msg("\\u627e\\u5230 \\u{20000}")',
    ]);
    for (const ch of "搜索找到𠀀") expect(got.has(ch.codePointAt(0) as number), ch).toBe(true);
    expect(got.has(0x0a)).toBe(false);
  });

  it("always holds printable ASCII and the common Chinese punctuation", () => {
    const got = siteCharacters([]);
    for (const ch of "Az09 ，。、：；？！（）《》“”…—")
      expect(got.has(ch.codePointAt(0) as number)).toBe(true);
  });
});

describe("web font files", () => {
  it("map exactly the requested characters the font has, to the shipped glyphs, in WOFF2", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...WEB_FACES),
        fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: 40 }),
        async (face, chosen) => {
          const chars = new Set(chosen);
          const file = await webFont(face, chars);
          const woff = readWoff2(file.bytes);
          expect(woff.flavor).toBe(0x00010000);
          expect(woff.length).toBe(file.bytes.length);
          expect(file.bytes.length % 4).toBe(0);
          const tags = woff.tables.map((t) => t.tag);
          expect(tags.indexOf("loca")).toBe(tags.indexOf("glyf") + 1);
          const tables = new Map(woff.tables.map((t) => [t.tag, t.data]));
          const rebuilt = sfnt(tables);
          expect(woff.totalSfntSize).toBe(rebuilt.length);
          // the same tables as the subset (nothing lost or reordered inside a table)
          const direct = subsetTables(face.role, face.family, chars).tables;
          expect([...tables.keys()].sort()).toEqual([...direct.keys()].sort());
          for (const [tag, data] of direct) expect(tables.get(tag), tag).toEqual(data);

          const font = parseTrueType(rebuilt);
          const source = faceOf(shippedFontPath(face.role));
          expect(font.fullName).toBe(face.family);
          for (const cp of POOL) {
            const want = source.glyph(cp);
            const got = font.glyphOf(cp);
            if (!chars.has(cp) || want === 0) {
              expect(got, String.fromCodePoint(cp)).toBe(0);
              continue;
            }
            expect(got, String.fromCodePoint(cp)).toBeGreaterThan(0);
            expect(font.advanceOf(got)).toBe(source.font.advanceOf(want));
            const record = source.font.glyph(want);
            const simple =
              record.length < 2 || new DataView(record.buffer, record.byteOffset).getInt16(0) >= 0;
            // the record as it was, padded to 4 bytes (subset.ts)
            const padded = new Uint8Array((record.length + 3) & ~3);
            padded.set(record);
            if (simple) expect(font.glyph(got)).toEqual(padded);
          }
          expect(file.codePoints.sort((a, b) => a - b)).toEqual(
            [...chars].filter((cp) => source.glyph(cp) !== 0).sort((a, b) => a - b),
          );
        },
      ),
      { numRuns: 12 },
    );
  });

  it("are the same bytes for the same characters, whatever their order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: 30 }),
        async (chosen) => {
          const face = WEB_FACES[0]!;
          const a = await webFont(face, new Set(chosen));
          const b = await webFont(face, new Set([...chosen].reverse()));
          expect(b.bytes).toEqual(a.bytes);
          expect(b.path).toBe(a.path);
        },
      ),
      { numRuns: 8 },
    );
  });

  it("are compressed on libuv's pool to the bytes Brotli makes on this thread", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...WEB_FACES),
        fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: 30 }),
        async (face, chosen) => {
          const pooled = await webFont(face, new Set(chosen));
          // the stream the file holds, compressed here with the same parameters (webfonts.ts)
          const { tables } = readWoff2(pooled.bytes);
          const stream = Buffer.concat(tables.map((t) => t.data));
          const here = brotliCompressSync(stream, {
            params: {
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_FONT,
              [constants.BROTLI_PARAM_QUALITY]: 9,
              [constants.BROTLI_PARAM_LGWIN]: 22,
              [constants.BROTLI_PARAM_SIZE_HINT]: stream.length,
            },
          });
          // the header's compressed length, and those bytes last in the file (before its padding)
          const file = Buffer.from(pooled.bytes);
          expect(file.readUInt32BE(20)).toBe(here.length);
          const at = file.lastIndexOf(here);
          expect(at).toBeGreaterThan(48);
          expect(file.length - (at + here.length)).toBeLessThan(4);
        },
      ),
      { numRuns: 6 },
    );
  });

  it("differ in name when the characters differ", async () => {
    const face = WEB_FACES[0]!;
    expect((await webFont(face, new Set(cps("信访")))).path).not.toBe(
      (await webFont(face, new Set(cps("信")))).path,
    );
  });

  it("are each declared by the style sheet under their family, relative to it", async () => {
    const files = await Promise.all(WEB_FACES.map((face) => webFont(face, new Set(cps("信访")))));
    const css = fontFaceCss(files);
    for (const f of files) {
      expect(f.path).toMatch(new RegExp(`^fonts/${f.face.family}-[0-9a-f]{10}\\.woff2$`));
      expect(css).toContain(
        `font-family: "${f.face.family}";\n  src: url("${f.path.slice(6)}") format("woff2");`,
      );
    }
  });
});
