// Reading the tags of an HTML page by character codes (a county's site is some 30 MB of HTML): the
// offline check (external.ts) and the site's search index (site/build/search-index.ts) read the
// built pages with it.

/** Whether the character code is one of JavaScript's white space (`\\s`). */
export function isSpace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c >= 0xa0 &&
        (c === 0xa0 ||
          c === 0x1680 ||
          (c >= 0x2000 && c <= 0x200a) ||
          c === 0x2028 ||
          c === 0x2029 ||
          c === 0x202f ||
          c === 0x205f ||
          c === 0x3000 ||
          c === 0xfeff);
}
const SLASH = 0x2f;
const GT = 0x3e;
const EQ = 0x3d;

const NAMED: Record<string, string> = {
  amp: "&",
  quot: '"',
  apos: "'",
  lt: "<",
  gt: ">",
  sol: "/",
  colon: ":",
  tab: "\t",
  newline: "\n",
  nbsp: "\u00a0",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  ndash: "\u2013",
  mdash: "\u2014",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201c",
  rdquo: "\u201d",
  hellip: "\u2026",
  middot: "\u00b7",
  times: "\u00d7",
  copy: "\u00a9",
};

/**
 * Text or an attribute value as the browser reads it: character references decoded (a name in
 * any letter case, the `;` optional); one naming no character, or a name not known here, stays.
 */
export function decodeCharacterReferences(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (m, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

export interface HtmlAttribute {
  /** Lower case. */
  name: string;
  /** Character references decoded. */
  value: string;
  /** Offset of its name. */
  at: number;
}

export interface HtmlStartTag {
  /** Lower case. */
  name: string;
  /** The attributes asked for, in order. */
  attributes: HtmlAttribute[];
  /** Written `<name … />`. */
  selfClosing: boolean;
  /** Offset after its `>` (the end of the text when it has none). */
  end: number;
}

/**
 * Names met lately, by their first code and length (tag and attribute names repeat: a county's
 * site has some 900,000 tags, most of them `td`, `span`, `div` with a `class`): a name written as
 * one here is taken from its slot instead of being cut out and lower-cased again. Only names
 * shorter than 13 characters: V8 keeps a longer slice as a view of the whole page.
 */
const NAME_SLOTS = 256;
const rawNames: string[] = new Array<string>(NAME_SLOTS).fill("");
const lowerNames: string[] = new Array<string>(NAME_SLOTS).fill("");

/** The name written from `from` to `to`, in lower case. */
function nameAt(html: string, from: number, to: number): string {
  const length = to - from;
  if (length >= 13 || length === 0) return html.slice(from, to).toLowerCase();
  const slot = (html.charCodeAt(from) * 16 + length) & (NAME_SLOTS - 1);
  const raw = rawNames[slot] as string;
  if (raw.length === length && html.startsWith(raw, from)) return lowerNames[slot] as string;
  const name = html.slice(from, to);
  const lower = name.toLowerCase();
  rawNames[slot] = name;
  lowerNames[slot] = lower;
  return lower;
}

/** The name of the end tag at `lt` (`</name …>`), in lower case (empty without one). */
export function endTagName(html: string, lt: number): string {
  const n = html.length;
  let i = lt + 2;
  for (let c; i < n && !isSpace((c = html.charCodeAt(i))) && c !== SLASH && c !== GT;) i++;
  return nameAt(html, lt + 2, i);
}

/**
 * Reads the start tag at `lt` (`<name …>`): its name, the attributes `keep` accepts (by their
 * lower-case name; the others are only skipped, most of a page's are classes) and the offset
 * after it.
 */
export function readStartTag(
  html: string,
  lt: number,
  keep: (attribute: string) => boolean,
): HtmlStartTag {
  const n = html.length;
  let i = lt + 1;
  const nameStart = i;
  for (let c; i < n && !isSpace((c = html.charCodeAt(i))) && c !== SLASH && c !== GT;) i++;
  const name = nameAt(html, nameStart, i);
  const attributes: HtmlAttribute[] = [];
  for (;;) {
    let slash = false;
    for (let c; i < n && (isSpace((c = html.charCodeAt(i))) || c === SLASH); i++)
      slash = c === SLASH;
    if (i >= n || html.charCodeAt(i) === GT)
      return { name, attributes, selfClosing: slash, end: i + 1 };
    const at = i;
    for (let c; i < n && !isSpace((c = html.charCodeAt(i))) && c !== SLASH && c !== GT && c !== EQ;)
      i++;
    const attr = nameAt(html, at, i);
    const wanted = keep(attr);
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    let value = "";
    if (html.charCodeAt(i) === EQ) {
      i++;
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        const stop = close === -1 ? n : close;
        if (wanted) value = html.slice(i + 1, stop);
        i = stop + 1;
      } else {
        const from = i;
        for (let c; i < n && !isSpace((c = html.charCodeAt(i))) && c !== GT;) i++;
        if (wanted) value = html.slice(from, i);
      }
    }
    if (wanted) attributes.push({ name: attr, value: decodeCharacterReferences(value), at });
  }
}

/** Where the end tag `</name` (any letter case) starts at or after `from`, or -1. */
export function endTag(html: string, name: string, from: number): number {
  for (let at = html.indexOf("</", from); at !== -1; at = html.indexOf("</", at + 2))
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at;
  return -1;
}
