// The unpacked copies of WOFF fonts kept between processes (src/pdf/font-cache.ts): written once
// a WOFF font is inflated, read instead of the WOFF file afterwards (the same tables and glyph
// records, so the same PDF bytes), and ignored when they are not exactly the copy of this file.
import { execFileSync } from "node:child_process";
import {
  closeSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  FONT_CACHE_VARIABLE,
  fontCacheDir,
  fontCacheSettled,
  fontFileReader,
  pathTag,
  unpackedStore,
} from "../../src/pdf/font-cache.ts";
import { shippedFontPath } from "../../src/pdf/fonts.ts";
import { parseTrueType, readTrueType } from "../../src/pdf/truetype.ts";
import type { TrueTypeFont } from "../../src/pdf/truetype.ts";
import { woffOf } from "./support.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const temp: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "xinfang-font-cache-"));
  temp.push(d);
  return d;
};
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

const TTF = readFileSync(shippedFontPath("黑体"));
const WOFF = woffOf(TTF);
const SAMPLE = [..."信访工作（一）2025年A，。"].map((c) => c.codePointAt(0)!);
const TABLES = ["head", "hhea", "maxp", "hmtx", "loca", "cmap", "OS/2", "post", "name"];

/** Opens a font file as fonts.ts does, with the copies in `cache`; counts the bytes read. */
function open(path: string, cache: string | null) {
  const fd = openSync(path, "r");
  const read = fontFileReader(fd);
  let bytesRead = 0;
  const store = unpackedStore(path, fstatSync(fd), cache);
  const font = readTrueType(
    (offset, length) => {
      bytesRead += length;
      return read(offset, length);
    },
    fstatSync(fd).size,
    store,
  );
  return { font, used: store?.used() ?? false, bytesRead: () => bytesRead, fd };
}

/** Every sample glyph record and small table, to compare two readings of a font. */
function contents(font: TrueTypeFont) {
  const gids = SAMPLE.map((cp) => font.glyphOf(cp));
  return {
    gids,
    glyphs: gids.map((g) => Buffer.from(font.glyph(g)).toString("hex")),
    advances: gids.map((g) => font.advanceOf(g)),
    tables: TABLES.map((t) => Buffer.from(font.table(t) ?? []).toString("hex")),
  };
}

/** A WOFF font file in a new folder, and a new cache folder. */
function setUp() {
  const dir = tempDir();
  const path = join(dir, "kai.woff");
  writeFileSync(path, WOFF);
  return { path, cache: join(dir, "cache") };
}

describe("unpacked copies of WOFF fonts", () => {
  it("are written once glyf is inflated, then read instead: the same tables and glyph records, the WOFF file barely read", async () => {
    const { path, cache } = setUp();
    const first = open(path, cache);
    expect(first.used).toBe(false);
    const expected = contents(parseTrueType(TTF));
    expect(contents(first.font)).toEqual(expected); // reading a glyph record inflates glyf
    await fontCacheSettled();
    const copies = readdirSync(cache);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toBe(
      `v2-kai.woff-${pathTag(path)}-${statSync(path).size}-${Math.trunc(statSync(path).mtimeMs * 1000)}-${statSync(path).ino}.ttf`,
    );
    // the copy is the sfnt the WOFF holds: a TrueType font in its own right
    expect(contents(parseTrueType(readFileSync(join(cache, copies[0]!))))).toEqual(expected);

    const second = open(path, cache);
    expect(second.used).toBe(true);
    expect(contents(second.font)).toEqual(expected);
    expect(second.bytesRead()).toBeLessThan(1024); // the WOFF header and directory only
    await second.font.preload(); // nothing left to inflate
    closeSync(first.fd);
    closeSync(second.fd);
    await fontCacheSettled();
    expect(readdirSync(cache)).toEqual(copies); // not written again
  });

  it("are ignored unless exactly the copy of this file: damaged directory, cut short, font changed since", async () => {
    const { path, cache } = setUp();
    const first = open(path, cache);
    first.font.glyph(first.font.glyphOf(SAMPLE[0]!));
    await fontCacheSettled();
    const [copy] = readdirSync(cache);
    const file = join(cache, copy!);
    const good = readFileSync(file);

    const flipped = Buffer.from(good);
    flipped[20] = flipped[20]! ^ 0xff; // inside the table directory
    writeFileSync(file, flipped);
    expect(open(path, cache).used).toBe(false);

    writeFileSync(file, good);
    truncateSync(file, good.length - 4);
    expect(open(path, cache).used).toBe(false);

    writeFileSync(file, good);
    expect(open(path, cache).used).toBe(true);
    // the font file modified since: another name, so the old copy is not read
    utimesSync(path, new Date(2030, 0, 1), new Date(2030, 0, 1));
    const changed = open(path, cache);
    expect(changed.used).toBe(false);
    expect(contents(changed.font)).toEqual(contents(parseTrueType(TTF)));
    await fontCacheSettled();
    // its copy replaces the copy of the earlier version of the same file
    const now = readdirSync(cache);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(copy);
  });

  it("replace the copies an earlier version named otherwise (md5 of the path), of this font's name only", async () => {
    const { path, cache } = setUp();
    const other = join(cache, "v1-other.woff-0123abcd-1-2-3.ttf");
    const legacy = join(cache, "v1-kai.woff-0123abcd-1-2-3.ttf");
    mkdirSync(cache, { recursive: true });
    writeFileSync(other, "x");
    writeFileSync(legacy, "x");
    const first = open(path, cache);
    first.font.glyph(first.font.glyphOf(SAMPLE[0]!));
    closeSync(first.fd);
    await fontCacheSettled();
    const now = readdirSync(cache).sort();
    expect(now).toHaveLength(2);
    expect(now[0]).toMatch(/^v1-other\.woff-/);
    expect(now[1]).toMatch(/^v2-kai\.woff-[0-9a-f]{8}-/);
  });

  it("are told apart by the path's tag: eight hex digits, the same for the same path", () => {
    expect(pathTag("/a/b/kai.woff")).toMatch(/^[0-9a-f]{8}$/);
    expect(pathTag("/a/b/kai.woff")).toBe(pathTag("/a/b/kai.woff"));
    expect(pathTag("/a/b/kai.woff")).not.toBe(pathTag("/a/c/kai.woff"));
    expect(pathTag("")).toBe("811c9dc5"); // FNV-1a's offset basis
    expect(pathTag("a")).toBe("e40c292c"); // FNV-1a 32 of "a"
  });

  it("never fail a font: a cache folder that cannot be made leaves no copy and the font reads as before", async () => {
    const { path } = setUp();
    const blocker = join(tempDir(), "a-file");
    writeFileSync(blocker, "");
    const font = open(path, join(blocker, "cache"));
    expect(contents(font.font)).toEqual(contents(parseTrueType(TTF)));
    await fontCacheSettled();
    expect(statSync(blocker).isFile()).toBe(true);
    expect(open(path, join(blocker, "cache")).used).toBe(false);
  });

  it("live in the OS temp folder unless XINFANG_FONT_CACHE names another or is `off`; off writes nothing", async () => {
    expect(fontCacheDir({})).toBe(join(tmpdir(), "xinfang-font-cache"));
    expect(fontCacheDir({ [FONT_CACHE_VARIABLE]: " /x/y " })).toBe("/x/y");
    expect(fontCacheDir({ [FONT_CACHE_VARIABLE]: "off" })).toBeNull();
    const { path } = setUp();
    const off = open(path, null);
    expect(contents(off.font)).toEqual(contents(parseTrueType(TTF)));
    await fontCacheSettled();
    expect(off.used).toBe(false);
  });

  it("leave `xinfang pdf` byte for byte as without them (the shipped 楷体 is a WOFF file)", () => {
    const cache = join(tempDir(), "cache");
    const out = tempDir();
    const run = (file: string, setting: string) => {
      execFileSync(
        join(ROOT, "node_modules/.bin/node"),
        [
          join(ROOT, "bin/xinfang.mjs"),
          "pdf",
          "plan-2025-annual",
          "--content",
          join(ROOT, "content"),
          "--out",
          join(out, file),
        ],
        { env: { ...process.env, [FONT_CACHE_VARIABLE]: setting }, stdio: "pipe" },
      );
      return readFileSync(join(out, file));
    };
    const without = run("off.pdf", "off");
    const writing = run("first.pdf", cache);
    expect(readdirSync(cache).filter((f) => f.endsWith(".ttf"))).toHaveLength(1);
    const reading = run("second.pdf", cache);
    expect(writing.equals(without)).toBe(true);
    expect(reading.equals(without)).toBe(true);
  });
});
