// Writing XML text: escaping, the declaration, elements from attribute lists, and the namespaces
// the package's parts declare. Every part of the DOCX is built as a string with these.
import { xmlEscaper } from "../text/xml-escape.ts";

/** Text or an attribute value, escaped (quotes too, in text as well: the bytes Word files had). */
export const esc = xmlEscaper(false);

/** The XML declaration; the package parts differ in whether they say standalone="yes". */
export const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
export const DECLARATION_STANDALONE = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** An attribute value: a number as written, a string escaped; undefined leaves it out. */
export type Value = string | number | undefined;

/** ` k="v"` for each attribute with a value, in the order given. */
export function attributes(list: readonly (readonly [string, Value])[]): string {
  let out = "";
  for (const [k, v] of list) {
    if (v === undefined) continue;
    out += ` ${k}="${typeof v === "number" ? v : esc(v)}"`;
  }
  return out;
}

/** An element without content: `<name a="1"/>`. */
export function empty(name: string, list: readonly (readonly [string, Value])[] = []): string {
  return `<${name}${attributes(list)}/>`;
}

/** `<w:name w:val="v"/>`, the shape of most WordprocessingML properties. */
export const val = (name: string, v: string | number): string => empty(name, [["w:val", v]]);

/** The namespaces the parts declare, by prefix. */
const NAMESPACE = {
  wpc: "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  o: "urn:schemas-microsoft-com:office:office",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  m: "http://schemas.openxmlformats.org/officeDocument/2006/math",
  v: "urn:schemas-microsoft-com:vml",
  wp14: "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
  wp: "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
  w10: "urn:schemas-microsoft-com:office:word",
  w: "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
  w14: "http://schemas.microsoft.com/office/word/2010/wordml",
  w15: "http://schemas.microsoft.com/office/word/2012/wordml",
  wpg: "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
  wpi: "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
  wne: "http://schemas.microsoft.com/office/word/2006/wordml",
  wps: "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
  cx: "http://schemas.microsoft.com/office/drawing/2014/chartex",
  cx1: "http://schemas.microsoft.com/office/drawing/2015/9/8/chartex",
  cx2: "http://schemas.microsoft.com/office/drawing/2015/10/21/chartex",
  cx3: "http://schemas.microsoft.com/office/drawing/2016/5/9/chartex",
  cx4: "http://schemas.microsoft.com/office/drawing/2016/5/10/chartex",
  cx5: "http://schemas.microsoft.com/office/drawing/2016/5/11/chartex",
  cx6: "http://schemas.microsoft.com/office/drawing/2016/5/12/chartex",
  cx7: "http://schemas.microsoft.com/office/drawing/2016/5/13/chartex",
  cx8: "http://schemas.microsoft.com/office/drawing/2016/5/14/chartex",
  aink: "http://schemas.microsoft.com/office/drawing/2016/ink",
  am3d: "http://schemas.microsoft.com/office/drawing/2017/model3d",
  w16cex: "http://schemas.microsoft.com/office/word/2018/wordml/cex",
  w16cid: "http://schemas.microsoft.com/office/word/2016/wordml/cid",
  w16: "http://schemas.microsoft.com/office/word/2018/wordml",
  w16sdtdh: "http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash",
  w16se: "http://schemas.microsoft.com/office/word/2015/wordml/symex",
} as const;

type Prefix = keyof typeof NAMESPACE;

/** ` xmlns:p="…"` for each prefix, in the order given. */
export const namespaces = (prefixes: readonly Prefix[]): string =>
  prefixes.map((p) => ` xmlns:${p}="${NAMESPACE[p]}"`).join("");

/** The WordprocessingML namespaces every story part (body, header, footer, notes) declares. */
export const WORD: readonly Prefix[] = [
  "wpc",
  "mc",
  "o",
  "r",
  "m",
  "v",
  "wp14",
  "wp",
  "w10",
  "w",
  "w14",
  "w15",
  "wpg",
  "wpi",
  "wne",
  "wps",
];
const CHARTEX: readonly Prefix[] = ["cx", "cx1", "cx2", "cx3", "cx4", "cx5", "cx6", "cx7", "cx8"];
/** The main document's: the story namespaces and the later Office ones. */
export const DOCUMENT: readonly Prefix[] = [
  ...WORD,
  ...CHARTEX,
  "aink",
  "am3d",
  "w16cex",
  "w16cid",
  "w16",
  "w16sdtdh",
  "w16se",
];
/** A header's. */
export const HEADER: readonly Prefix[] = [...WORD, ...CHARTEX, "w16cid", "w16se"];

/** mc:Ignorable of the story parts. */
export const IGNORABLE = ' mc:Ignorable="w14 w15 wp14"';
