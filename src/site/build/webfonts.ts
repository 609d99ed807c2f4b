// The site's own web fonts: the shipped open fonts the PDF uses (fonts.ts), cut down to the
// characters the built pages show, so that a machine without Chinese fonts shows text, not boxes.
// Installed office fonts still come first: site.css names the served families last in each
// stack, so a browser only fetches one for characters no installed font of the stack has.
//
// Each face is subset with the PDF's subsetter (subset.ts), given a name table of its own (the
// original copyright, the licence, a family name of ours: the SIL OFL lets a modified version
// keep no Reserved Font Name) and packed as WOFF2 with the null transform of glyf/loca (spec
// §5.1: tables stored as they are, the whole compressed with Brotli, which node:zlib has). The
// same characters give the same bytes: glyphs in code point order, no dates, fixed Brotli
// parameters; the file name carries a hash of the bytes.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { brotliCompress, constants } from "node:zlib";
import type { BrotliOptions } from "node:zlib";
import { faceOf, shippedFontPath } from "../../pdf/fonts.ts";
import type { FontRole } from "../../pdf/fonts.ts";
import { subsetFont } from "../../pdf/subset.ts";
import type { TrueTypeFont } from "../../pdf/truetype.ts";

/** A served face: the CSS family, the role whose shipped font it is cut from, what it is. */
export interface WebFace {
  family: string;
  role: FontRole;
  /** What the face is, for the licence file. */
  label: string;
  /** The package holding the original file and its licence. */
  licenseFile: string;
}

/**
 * The served faces. 仿宋 and 小标宋 both fall back to the serif (titles get the browser's bold of
 * it: a second serif face would double the bytes for a few dozen title characters); the sans face
 * serves 黑体 and the pages' own text (navigation, tables).
 */
export const WEB_FACES: readonly WebFace[] = [
  {
    family: "xinfang-fangsong",
    role: "仿宋",
    label: "Noto Serif SC Regular（思源宋体）",
    licenseFile: "@expo-google-fonts/noto-serif-sc/LICENSE_FONT",
  },
  {
    family: "xinfang-hei",
    role: "黑体",
    label: "Noto Sans SC Medium（思源黑体）",
    licenseFile: "@expo-google-fonts/noto-sans-sc/LICENSE_FONT",
  },
  {
    family: "xinfang-kai",
    role: "楷体",
    label: "LXGW WenKai（霞鹜文楷）",
    licenseFile: "@fontsource/lxgw-wenkai/LICENSE",
  },
];

/** The folder of the site the fonts, their style sheet and licence are written to. */
export const FONT_DIR = "fonts";
export const FONT_CSS = `${FONT_DIR}/fonts.css`;
export const FONT_LICENSE = `${FONT_DIR}/LICENSE.txt`;

/** Characters always included: what a reader may see anywhere (typed digits, quotes …). */
const ALWAYS =
  Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join("") +
  "\u00a0·—…‘’“”、。〈〉《》「」『』【】〔〕（），：；？！％＋－／～×÷№℃";

const ENTITY = /&#(?:x([0-9a-f]+)|(\d+));/gi;
const JS_ESCAPE = /\\u(?:\{([0-9a-f]+)\}|([0-9a-f]{4}))/gi;

/**
 * Every code point a reader can see in the built files' texts: HTML (text and attributes, with
 * numeric character references decoded), the site's scripts and style sheets (messages of the
 * search page, `content:` strings, with \u escapes decoded). Controls are left out. Texts are
 * added one by one (a site's are not all held at once) into a table of every code point.
 */
export class SiteCharacters {
  readonly #seen = new Uint8Array(0x110000);
  constructor() {
    this.#mark(ALWAYS);
  }
  #mark(s: string): void {
    const seen = this.#seen;
    for (let i = 0; i < s.length; i++) {
      let cp = s.charCodeAt(i);
      if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < s.length) {
        const low = s.charCodeAt(i + 1);
        if (low >= 0xdc00 && low < 0xe000) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      seen[cp] = 1;
    }
  }
  add(text: string): void {
    this.#mark(text);
    const decode = (hex: string | undefined, dec: string | undefined) => {
      const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      if (cp > 0 && cp <= 0x10ffff) this.#seen[cp] = 1;
    };
    if (text.includes("&#")) for (const m of text.matchAll(ENTITY)) decode(m[1], m[2]);
    if (text.includes("\\"))
      for (const m of text.matchAll(JS_ESCAPE)) decode(m[1] ?? m[2], undefined);
  }
  /** The code points seen, in order; controls and lone surrogates left out. */
  set(): Set<number> {
    const out = new Set<number>();
    const seen = this.#seen;
    for (let cp = 0x20; cp <= 0x10ffff; cp++)
      if (seen[cp] === 1 && !(cp >= 0x7f && cp < 0xa0) && !(cp >= 0xd800 && cp < 0xe000))
        out.add(cp);
    return out;
  }
}

/** The code points a reader can see in `texts` (SiteCharacters). */
export function siteCharacters(texts: Iterable<string>): Set<number> {
  const characters = new SiteCharacters();
  for (const text of texts) characters.add(text);
  return characters.set();
}

// ---- name table -------------------------------------------------------------------------------

/** The Windows-Unicode English names of a font's name table, by name id. */
function namesOf(font: TrueTypeFont): Map<number, string> {
  const out = new Map<number, string>();
  const t = font.table("name");
  if (!t || t.length < 6) return out;
  const v = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const count = v.getUint16(2);
  const strings = v.getUint16(4);
  for (let i = 0; i < count && 6 + 12 * i + 12 <= t.length; i++) {
    const r = 6 + 12 * i;
    const [platform, encoding, language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((k) =>
      v.getUint16(r + k),
    ) as [number, number, number, number, number, number];
    if (platform !== 3 || encoding !== 1 || language !== 0x409 || out.has(id)) continue;
    const start = strings + offset;
    if (start + length > t.length) continue;
    let s = "";
    for (let k = 0; k + 1 < length; k += 2) s += String.fromCharCode(v.getUint16(start + k));
    out.set(id, s);
  }
  return out;
}

/** A name table (format 0, Windows Unicode, US English) holding `names`. */
function nameTable(names: ReadonlyMap<number, string>): Uint8Array {
  const entries = [...names].sort((a, b) => a[0] - b[0]);
  const stringsAt = 6 + 12 * entries.length;
  let size = stringsAt;
  for (const [, s] of entries) size += 2 * s.length;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint16(2, entries.length);
  v.setUint16(4, stringsAt);
  let offset = 0;
  entries.forEach(([id, s], i) => {
    const r = 6 + 12 * i;
    v.setUint16(r, 3);
    v.setUint16(r + 2, 1);
    v.setUint16(r + 4, 0x409);
    v.setUint16(r + 6, id);
    v.setUint16(r + 8, 2 * s.length);
    v.setUint16(r + 10, offset);
    for (let k = 0; k < s.length; k++) v.setUint16(stringsAt + offset + 2 * k, s.charCodeAt(k));
    offset += 2 * s.length;
  });
  return out;
}

// ---- WOFF2 ------------------------------------------------------------------------------------

/** The tables of an sfnt, by tag. */
function sfntTables(bytes: Uint8Array): Map<string, Uint8Array> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, Uint8Array>();
  const n = v.getUint16(4);
  for (let i = 0; i < n; i++) {
    const r = 12 + 16 * i;
    const tag = String.fromCharCode(...bytes.subarray(r, r + 4));
    const offset = v.getUint32(r + 8);
    out.set(tag, bytes.subarray(offset, offset + v.getUint32(r + 12)));
  }
  return out;
}

/** WOFF2 known table tags (spec §5.2 table): a flag byte of one of these needs no tag. */
const KNOWN_TAGS = [
  "cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cvt ", "fpgm", "glyf", "loca",
  "prep", "CFF ", "VORG", "EBDT", "EBLC", "gasp", "hdmx", "kern", "LTSH", "PCLT", "VDMX", "vhea",
  "vmtx", "BASE", "GDEF", "GPOS", "GSUB", "EBSC", "JSTF", "MATH", "CBDT", "CBLC", "COLR", "CPAL",
  "SVG ", "sbix", "acnt", "avar", "bdat", "bloc", "bsln", "cvar", "fdsc", "feat", "fmtx", "fvar",
  "gvar", "hsty", "just", "lcar", "mort", "morx", "opbd", "prop", "trak", "Zapf", "Silf", "Glat",
  "Gloc", "Feat", "Sill",
]; // prettier-ignore

function base128(n: number): number[] {
  const out = [n & 0x7f];
  for (n >>>= 7; n > 0; n >>>= 7) out.unshift(0x80 | (n & 0x7f));
  return out;
}

/**
 * A TrueType font's tables as WOFF2 (no transforms: glyf and loca carry transform version 3, the
 * null transform; every other table version 0). Tables are stored in tag order, glyf right before
 * loca as the spec requires; Brotli quality and window are fixed, so equal input gives equal bytes.
 * The compression runs on a thread of libuv's pool: the faces of a site are compressed at the same
 * time (each some 120 ms), beside the search index, not one after another on the thread building
 * the site.
 */
export async function woff2(tables: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array> {
  const packing = woff2Packing(tables);
  const compressed = await new Promise<Uint8Array>((resolve, reject) =>
    brotliCompress(packing.stream, packing.brotli, (e, out) => (e ? reject(e) : resolve(out))),
  );
  return packing.file(compressed);
}

/** The tables as one stream to compress, and how the file is made around the compressed stream. */
function woff2Packing(tables: ReadonlyMap<string, Uint8Array>): {
  stream: Uint8Array;
  brotli: BrotliOptions;
  file(compressed: Uint8Array): Uint8Array;
} {
  const tags = [...tables.keys()].sort();
  if (tags.includes("loca") && tags.includes("glyf")) {
    tags.splice(tags.indexOf("loca"), 1);
    tags.splice(tags.indexOf("glyf") + 1, 0, "loca");
  }
  const directory: number[] = [];
  let sfntSize = 12 + 16 * tags.length;
  let streamLength = 0;
  for (const tag of tags) {
    const t = tables.get(tag) as Uint8Array;
    const known = KNOWN_TAGS.indexOf(tag);
    const transform = tag === "glyf" || tag === "loca" ? 3 << 6 : 0;
    directory.push((known < 0 ? 63 : known) | transform);
    if (known < 0) for (let k = 0; k < 4; k++) directory.push(tag.charCodeAt(k));
    directory.push(...base128(t.length));
    sfntSize += (t.length + 3) & ~3;
    streamLength += t.length;
  }
  const stream = new Uint8Array(streamLength);
  let at = 0;
  for (const tag of tags) {
    stream.set(tables.get(tag) as Uint8Array, at);
    at += (tables.get(tag) as Uint8Array).length;
  }
  const brotli: BrotliOptions = {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_FONT,
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: 22,
      [constants.BROTLI_PARAM_SIZE_HINT]: stream.length,
    },
  };
  const file = (compressed: Uint8Array) => {
    const headerAndDirectory = 48 + directory.length;
    const length = (headerAndDirectory + compressed.length + 3) & ~3;
    const out = new Uint8Array(length);
    const v = new DataView(out.buffer);
    v.setUint32(0, 0x774f4632); // wOF2
    v.setUint32(4, 0x00010000);
    v.setUint32(8, length);
    v.setUint16(12, tags.length);
    v.setUint32(16, sfntSize);
    v.setUint32(20, compressed.length);
    v.setUint16(24, 1);
    out.set(directory, 48);
    out.set(compressed, headerAndDirectory);
    return out;
  };
  return { stream, brotli, file };
}

/** Brotli quality of the font files: 11 saves a few per cent over 9 at several times the time. */
const BROTLI_QUALITY = 9;

// ---- the served files -------------------------------------------------------------------------

export interface WebFontFile {
  face: WebFace;
  /** Path in the site, e.g. `fonts/xinfang-fangsong-1a2b3c4d.woff2`. */
  path: string;
  bytes: Uint8Array;
  /** Code points the file maps (those of `characters` the font has). */
  codePoints: number[];
}

/**
 * The tables of the shipped font of `role` cut down to `characters` (those it has), named
 * `family`: glyphs in code point order, so equal sets give equal tables; the original copyright
 * and licence kept in the name table.
 */
export function subsetTables(
  role: FontRole,
  family: string,
  characters: ReadonlySet<number>,
): { tables: Map<string, Uint8Array>; codePoints: number[] } {
  const source = faceOf(shippedFontPath(role));
  const font = source.font;
  const glyphs: number[] = [];
  const newId = new Map<number, number>();
  const unicodes = new Map<number, number>();
  for (const cp of [...characters].sort((a, b) => a - b)) {
    const g = source.glyph(cp);
    if (g === 0) continue;
    let id = newId.get(g);
    if (id === undefined) {
      glyphs.push(g);
      id = glyphs.length;
      newId.set(g, id);
    }
    unicodes.set(cp, id);
  }
  const tables = sfntTables(subsetFont(font, glyphs, unicodes).bytes);
  const original = namesOf(font);
  const names = new Map<number, string>([
    [1, family],
    [2, "Regular"],
    [3, `${family}: subset of ${original.get(4) ?? font.fullName}`],
    [4, family],
    [6, family.replace(/[^A-Za-z0-9-]/g, "")],
  ]);
  for (const id of [0, 5, 13, 14]) {
    const s = original.get(id);
    if (s) names.set(id, s);
  }
  tables.set("name", nameTable(names));
  return { tables, codePoints: [...unicodes.keys()] };
}

/** The served file of `face` for `characters`, its name carrying a hash of its bytes. */
export async function webFont(
  face: WebFace,
  characters: ReadonlySet<number>,
): Promise<WebFontFile> {
  const { tables, codePoints } = subsetTables(face.role, face.family, characters);
  return servedFont(face, await woff2(tables), codePoints);
}

function servedFont(face: WebFace, bytes: Uint8Array, codePoints: number[]): WebFontFile {
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 10);
  return { face, path: `${FONT_DIR}/${face.family}-${hash}.woff2`, bytes, codePoints };
}

/** The @font-face rules of the served files, URLs relative to the style sheet. */
export function fontFaceCss(files: readonly WebFontFile[]): string {
  const rules = files.map(
    (f) =>
      `@font-face {\n  font-family: "${f.face.family}";\n  src: url("${f.path.slice(FONT_DIR.length + 1)}") format("woff2");\n  font-weight: 400;\n  font-style: normal;\n  font-display: swap;\n}\n`,
  );
  return (
    `/* 网页字体：随附开源字体的子集，只含本站页面用到的字符；许可见 LICENSE.txt（SIL OFL 1.1）。 */\n` +
    rules.join("")
  );
}

/** The licence file: which face is which, then each original's copyright and licence text. */
async function licenseText(files: readonly WebFontFile[]): Promise<string> {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  // The byte order mark makes a browser read the file as UTF-8 when the server names no charset.
  const parts = [
    "\ufeff本站网页字体\n============\n\n" +
      "本站在未安装中文字体的电脑上用以下网页字体显示文字（已安装仿宋、黑体、楷体等字体的电脑优先用本机字体）。" +
      "这些字体是随本系统附带的开源字体的子集（只含本站页面用到的字符），依 SIL Open Font License 1.1 使用和分发；" +
      "子集另起字体名，不使用原字体的保留名称。\n\n" +
      files
        .map((f) => `${f.path}（${f.face.family}）：${f.face.label}，${f.codePoints.length} 个字符`)
        .join("\n") +
      "\n",
  ];
  for (const f of files) {
    const text = await readFile(require.resolve(f.face.licenseFile), "utf8");
    parts.push(`\n\n${f.face.label}\n${"-".repeat(40)}\n\n${text.trim()}\n`);
  }
  return parts.join("");
}

export interface WebFontsResult {
  files: WebFontFile[];
  characters: number;
}

/**
 * Whether a file of the built site (relative path) is one whose characters the web fonts serve:
 * its HTML pages, scripts and style sheets (not the fonts' own). The search page shows text of
 * the search index, which is the pages' own.
 */
export function showsText(file: string): boolean {
  return /\.(html|css|js|mjs)$/.test(file) && !file.startsWith(`${FONT_DIR}/`);
}

/**
 * Writes the web fonts of the built site in `dir` for `characters` (every text of its files that
 * showsText, added by whoever reads them): one file per face, with fonts/fonts.css (linked by
 * every page) and fonts/LICENSE.txt.
 */
export async function writeWebFonts(
  dir: string,
  characters: SiteCharacters,
): Promise<WebFontsResult> {
  const codePoints = characters.set();
  const files = await Promise.all(WEB_FACES.map((face) => webFont(face, codePoints)));
  await mkdir(join(dir, FONT_DIR), { recursive: true });
  for (const f of files) {
    await mkdir(dirname(join(dir, f.path)), { recursive: true });
    await writeFile(join(dir, f.path), f.bytes);
  }
  await writeFile(join(dir, FONT_CSS), fontFaceCss(files));
  await writeFile(join(dir, FONT_LICENSE), await licenseText(files));
  return { files, characters: codePoints.size };
}
