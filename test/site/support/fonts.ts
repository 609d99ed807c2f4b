// Fonts for the web font tests: a WOFF2 reader (independent of the writer in webfonts.ts, after
// the spec: header, table directory, one Brotli stream), an sfnt writer, and machines of our own
// making for Chromium — a fontconfig configuration whose only fonts are files written here, so
// that "no Chinese font installed" or "仿宋 installed" holds the same on every computer.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { subsetTables } from "../../../src/site/build/webfonts.ts";
import type { FontRole } from "../../../src/pdf/fonts.ts";

const KNOWN = [
  "cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cvt ", "fpgm", "glyf", "loca",
  "prep", "CFF ", "VORG", "EBDT", "EBLC", "gasp", "hdmx", "kern", "LTSH", "PCLT", "VDMX", "vhea",
  "vmtx", "BASE", "GDEF", "GPOS", "GSUB", "EBSC", "JSTF", "MATH", "CBDT", "CBLC", "COLR", "CPAL",
  "SVG ", "sbix", "acnt", "avar", "bdat", "bloc", "bsln", "cvar", "fdsc", "feat", "fmtx", "fvar",
  "gvar", "hsty", "just", "lcar", "mort", "morx", "opbd", "prop", "trak", "Zapf", "Silf", "Glat",
  "Gloc", "Feat", "Sill",
]; // prettier-ignore

export interface Woff2 {
  flavor: number;
  length: number;
  totalSfntSize: number;
  /** Tables in directory order, with their transform version. */
  tables: { tag: string; transform: number; data: Uint8Array }[];
}

/** Reads a WOFF2 file (untransformed tables only: a transformed table throws). */
export function readWoff2(bytes: Uint8Array): Woff2 {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (v.getUint32(0) !== 0x774f4632) throw new Error("not WOFF2");
  const numTables = v.getUint16(12);
  let p = 48;
  const base128 = () => {
    let n = 0;
    for (let i = 0; i < 5; i++) {
      const b = bytes[p++] as number;
      if (i === 0 && b === 0x80) throw new Error("UIntBase128 with a leading zero");
      n = n * 128 + (b & 0x7f);
      if (!(b & 0x80)) return n;
    }
    throw new Error("UIntBase128 too long");
  };
  const entries: { tag: string; transform: number; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = bytes[p++] as number;
    let tag = KNOWN[flags & 0x3f];
    if ((flags & 0x3f) === 63) {
      tag = String.fromCharCode(...bytes.subarray(p, p + 4));
      p += 4;
    }
    const transform = flags >> 6;
    const length = base128();
    const nullTransform = tag === "glyf" || tag === "loca" ? transform === 3 : transform === 0;
    if (!nullTransform) throw new Error(`transformed table ${tag}`);
    entries.push({ tag: tag as string, transform, length });
  }
  const compressed = bytes.subarray(p, p + v.getUint32(20));
  const stream = new Uint8Array(brotliDecompressSync(compressed));
  let at = 0;
  const tables = entries.map((e) => {
    const data = stream.subarray(at, at + e.length);
    at += e.length;
    return { tag: e.tag, transform: e.transform, data };
  });
  if (at !== stream.length) throw new Error("stream length differs from the tables");
  return { flavor: v.getUint32(4), length: v.getUint32(8), totalSfntSize: v.getUint32(16), tables };
}

/** A TrueType file of `tables` (tag order, 4-byte aligned; checksums left 0: readers ignore them). */
export function sfnt(tables: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  let size = 12 + 16 * tags.length;
  for (const t of tags) size += ((tables.get(t) as Uint8Array).length + 3) & ~3;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x00010000);
  v.setUint16(4, tags.length);
  let off = 12 + 16 * tags.length;
  tags.forEach((tag, i) => {
    const t = tables.get(tag) as Uint8Array;
    for (let k = 0; k < 4; k++) v.setUint8(12 + 16 * i + k, tag.charCodeAt(k));
    v.setUint32(12 + 16 * i + 8, off);
    v.setUint32(12 + 16 * i + 12, t.length);
    out.set(t, off);
    off += (t.length + 3) & ~3;
  });
  return out;
}

/** A font file to install: the shipped font of `role` for `text`, under `family`. */
export function fontFile(role: FontRole, family: string, text: string): Uint8Array {
  const chars = new Set([...text].map((c) => c.codePointAt(0) as number));
  return sfnt(subsetTables(role, family, chars).tables);
}

/** Printable ASCII. */
export const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");

/**
 * A machine whose only fonts are `fonts` (file name → bytes): writes them and a fontconfig file
 * naming only their folder, and returns the environment for Chromium (FONTCONFIG_FILE).
 */
export async function fontMachine(
  dir: string,
  fonts: Record<string, Uint8Array>,
): Promise<NodeJS.ProcessEnv> {
  const fontDir = join(dir, "fonts");
  await mkdir(fontDir, { recursive: true });
  for (const [name, bytes] of Object.entries(fonts)) await writeFile(join(fontDir, name), bytes);
  const config = join(dir, "fonts.conf");
  await writeFile(
    config,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <dir>${fontDir}</dir>\n  <cachedir>${join(dir, "cache")}</cachedir>\n</fontconfig>\n`,
  );
  return { ...process.env, FONTCONFIG_FILE: config };
}
