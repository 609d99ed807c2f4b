// The offices' font names (what their Word and WPS have installed) and what stands in for each on
// a machine without them: the font table names the fallbacks (w:altName) and the family, so Word,
// WPS and LibreOffice pick a face of the same kind.
import { DECLARATION_STANDALONE, esc } from "./xml.ts";

/** The East Asian face of each role. */
export const FONT = {
  仿宋: "仿宋_GB2312",
  小标宋: "方正小标宋简体",
  黑体: "黑体",
  楷体: "楷体_GB2312",
  宋体: "宋体",
} as const;

export interface FontEntry {
  name: string;
  /** Names tried when `name` is missing (w:altName, comma-separated as Word writes it). */
  alt: string[];
  family: "roman" | "swiss" | "modern" | "script";
  panose: string;
}

/** The font table: the five faces, GB2312 character set (charset 86), their fallbacks. */
export const FONT_TABLE: FontEntry[] = [
  {
    name: FONT.仿宋,
    alt: ["仿宋", "FangSong", "Noto Serif CJK SC", "Noto Serif SC"],
    family: "modern",
    panose: "02010609030101010101",
  },
  {
    name: FONT.小标宋,
    alt: ["方正小标宋_GBK", "华文中宋", "宋体", "Noto Serif CJK SC", "Noto Serif SC"],
    family: "script",
    panose: "02000000000000000000",
  },
  {
    name: FONT.黑体,
    alt: ["SimHei", "Noto Sans CJK SC", "Noto Sans SC"],
    family: "modern",
    panose: "02010609060101010101",
  },
  {
    name: FONT.楷体,
    alt: ["楷体", "KaiTi", "LXGW WenKai", "AR PL UKai CN"],
    family: "modern",
    panose: "02010609030101010101",
  },
  {
    name: FONT.宋体,
    alt: ["SimSun", "Noto Serif CJK SC", "Noto Serif SC"],
    family: "roman",
    panose: "02010600030101010101",
  },
];

/** word/fontTable.xml for FONT_TABLE. */
export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${esc(f.name)}"><w:altName w:val="${esc(f.alt.join(","))}"/>` +
      `<w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/>` +
      `<w:pitch w:val="variable"/></w:font>`,
  ).join("");
  return (
    `${DECLARATION_STANDALONE}\n` +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fonts +
    "</w:fonts>"
  );
}
