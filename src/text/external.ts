// References that would make a browser fetch from another host: what the build's offline check
// (site/build/offline.ts) refuses in built files. Style sheets and scripts are searched as text;
// HTML and SVG are read as markup, so only what a browser fetches counts (URL attributes, style
// attributes, style and script elements) and the text of a document — escaped, never markup —
// can never trip the check however it is worded.

import { decodeCharacterReferences, endTag, readStartTag } from "./html-tags.ts";

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

/** An attribute value as the browser reads it: character references decoded. */
export const decodeAttribute = decodeCharacterReferences;

/** Whether a URL (as a browser reads it: tabs and line breaks dropped) leaves for another host. */
export function leavesSite(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\/[a-z0-9[]/i.test(url.replace(/[\t\n\r]/g, "").trim());
}

/** The attributes the check reads. */
const checked = (attribute: string) => attribute === "style" || URL_ATTRIBUTES.has(attribute);

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
    const tag = readStartTag(html, lt, checked);
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
