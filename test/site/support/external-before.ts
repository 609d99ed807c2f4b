// The markup scanner of src/text/external.ts as it was before it scanned character codes (regular
// expressions per character, the page lowercased for each end tag): the reference the faster one
// is checked against (test/site/offline-scan.test.ts). Test-only.
interface ExternalReference {
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
function externalReferences(text: string, file = ""): ExternalReference[] {
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
const URL_ATTRIBUTES = new Set([
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
function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (m, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

/** Whether a URL (as a browser reads it: tabs and line breaks dropped) leaves for another host. */
function leavesSite(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\/[a-z0-9[]/i.test(url.replace(/[\t\n\r]/g, "").trim());
}

interface Attribute {
  name: string;
  value: string;
  at: number;
}

/** Reads the tag starting at `lt` (`<name …>`): its name, attributes and the offset after it. */
function readTag(html: string, lt: number): { name: string; attributes: Attribute[]; end: number } {
  let i = lt + 1;
  const nameStart = i;
  while (i < html.length && !/[\s/>]/.test(html[i] as string)) i++;
  const name = html.slice(nameStart, i).toLowerCase();
  const attributes: Attribute[] = [];
  for (;;) {
    while (i < html.length && /[\s/]/.test(html[i] as string)) i++;
    if (i >= html.length || html[i] === ">") return { name, attributes, end: i + 1 };
    const at = i;
    while (i < html.length && !/[\s/>=]/.test(html[i] as string)) i++;
    const attr = html.slice(at, i).toLowerCase();
    while (i < html.length && /\s/.test(html[i] as string)) i++;
    let value = "";
    if (html[i] === "=") {
      i++;
      while (i < html.length && /\s/.test(html[i] as string)) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        const stop = close === -1 ? html.length : close;
        value = html.slice(i + 1, stop);
        i = stop + 1;
      } else {
        const from = i;
        while (i < html.length && !/[\s>]/.test(html[i] as string)) i++;
        value = html.slice(from, i);
      }
    }
    attributes.push({ name: attr, value: decodeAttribute(value), at });
  }
}

/** Every reference in an HTML or SVG file that would make a browser fetch from another host. */
export function markupReferencesBefore(html: string, file = ""): ExternalReference[] {
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
    if (!/[A-Za-z]/.test(html[lt + 1] ?? "")) {
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
      const close = html.toLowerCase().indexOf(`</${tag.name}`, i);
      const body = html.slice(i, close === -1 ? html.length : close);
      for (const r of externalReferences(body)) out.push({ ...r, file });
      i = close === -1 ? html.length : close;
    }
  }
}
