// References that would make a browser fetch from another host: what the build's offline check
// (site/build/offline.ts) refuses in built files. Style sheets and scripts are searched as text;
// HTML and SVG are read as markup, so only what a browser fetches counts (URL attributes, style
// attributes, style and script elements) and the text of a document — escaped, never markup —
// can never trip the check however it is worded.

export interface ExternalReference {
  file: string;
  url: string;
  context: string;
}

// Places where a URL makes the browser fetch something: attributes, CSS url() and @import, JS
// import/export-from, dynamic import(), fetch(), workers, EventSource/WebSocket.
const FETCHING: RegExp[] = [
  /\b(?:src|href|srcset|action|formaction|poster|data|manifest|background|xlink:href)\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"'<>]+)/gi,
  /url\(\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"')]+)/gi,
  /@import\s+["']\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"']+)/gi,
  /\b(?:import|from)\s*\(?\s*["'`]\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"'`]+)/gi,
  /\b(?:fetch|Worker|SharedWorker|EventSource|WebSocket|importScripts|sendBeacon|open)\s*\(\s*["'`]\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"'`]+)/gi,
];

/** Every reference in `text` that would make a browser fetch from another host. */
export function externalReferences(text: string, file = ""): ExternalReference[] {
  const out: ExternalReference[] = [];
  const seen = new Set<number>();
  for (const pattern of FETCHING) {
    for (const m of text.matchAll(pattern)) {
      const url = m[1] ?? "";
      // data: and blob: URLs have no host; `//` alone inside a regex or comment is not a URL.
      if (!/^(?:[a-z][a-z0-9+.-]*:)?\/\/[a-z0-9[]/i.test(url)) continue;
      const at = m.index ?? 0;
      const where = at + m[0].lastIndexOf(url);
      if (seen.has(where)) continue;
      seen.add(where);
      out.push({ file, url, context: text.slice(Math.max(0, at - 30), at + m[0].length + 10) });
    }
  }
  return out;
}

/** Attributes whose value a browser fetches (or navigates to) as a URL. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  "src",
  "href",
  "srcset",
  "action",
  "formaction",
  "poster",
  "data",
  "manifest",
  "background",
  "xlink:href",
  "ping",
  "cite",
  "longdesc",
]);

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
};

/** An attribute value as the browser reads it: character references decoded. */
export function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (m, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

/** Whether a URL (as a browser reads it: tabs and line breaks dropped) leaves for another host. */
export function leavesSite(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\/[a-z0-9[]/i.test(url.replace(/[\t\n\r]/g, "").trim());
}

interface Attribute {
  name: string;
  value: string;
  at: number;
}

/** Whether the character code is one of JavaScript's white space (`\\s`). */
function isSpace(c: number): boolean {
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

/**
 * Reads the tag starting at `lt` (`<name …>`): its name, the attributes the check reads (style
 * and URL attributes) and the offset after it. Scans character codes: a county's site is some
 * 30 MB of HTML.
 */
function readTag(html: string, lt: number): { name: string; attributes: Attribute[]; end: number } {
  const n = html.length;
  let i = lt + 1;
  const nameStart = i;
  for (let c; i < n && !isSpace((c = html.charCodeAt(i))) && c !== SLASH && c !== GT;) i++;
  const name = html.slice(nameStart, i).toLowerCase();
  const attributes: Attribute[] = [];
  for (;;) {
    for (let c; i < n && (isSpace((c = html.charCodeAt(i))) || c === SLASH);) i++;
    if (i >= n || html.charCodeAt(i) === GT) return { name, attributes, end: i + 1 };
    const at = i;
    for (let c; i < n && !isSpace((c = html.charCodeAt(i))) && c !== SLASH && c !== GT && c !== EQ;)
      i++;
    const attr = html.slice(at, i).toLowerCase();
    // only the attributes the check reads are kept (most of a page's are classes)
    const wanted = attr === "style" || URL_ATTRIBUTES.has(attr);
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
    if (wanted)
      attributes.push({
        name: attr,
        value: value.includes("&") ? decodeAttribute(value) : value,
        at,
      });
  }
}

/** Where the end tag `</name` (any letter case) starts at or after `from`, or -1. */
function endTag(html: string, name: string, from: number): number {
  for (let at = html.indexOf("</", from); at !== -1; at = html.indexOf("</", at + 2))
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at;
  return -1;
}

/** Every reference in an HTML or SVG file that would make a browser fetch from another host. */
export function markupReferences(html: string, file = ""): ExternalReference[] {
  const out: ExternalReference[] = [];
  const context = (at: number) => html.slice(Math.max(0, at - 30), at + 80);
  let i = 0;
  for (;;) {
    const lt = html.indexOf("<", i);
    if (lt === -1) return out;
    if (html.startsWith("<!--", lt)) {
      const close = html.indexOf("-->", lt + 4);
      if (close === -1) return out;
      i = close + 3;
      continue;
    }
    const first = html.charCodeAt(lt + 1) | 0x20; // a letter in either case
    if (!(first >= 0x61 && first <= 0x7a)) {
      i = lt + 1;
      continue;
    }
    const tag = readTag(html, lt);
    for (const a of tag.attributes) {
      if (a.name === "style") {
        for (const r of externalReferences(a.value))
          out.push({ ...r, file, context: context(a.at) });
      } else if (URL_ATTRIBUTES.has(a.name)) {
        const urls =
          a.name === "srcset"
            ? a.value.split(",").map((c) => c.trim().split(/\s+/)[0] ?? "")
            : [a.value];
        for (const url of urls)
          if (leavesSite(url)) out.push({ file, url: url.trim(), context: context(a.at) });
      }
    }
    i = tag.end;
    if (tag.name === "script" || tag.name === "style") {
      const close = endTag(html, tag.name, i);
      const body = html.slice(i, close === -1 ? html.length : close);
      for (const r of externalReferences(body)) out.push({ ...r, file });
      i = close === -1 ? html.length : close;
    }
  }
}
