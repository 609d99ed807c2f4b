// The markup scanner of src/text/external.ts as it was before it scanned character codes (regular
// expressions per character, the page lowercased for each end tag): the reference the faster one
// is checked against (test/site/offline-scan.test.ts). The helpers it shares with the program
// (attribute decoding, the URL attributes, style and script text) come from there. Test-only.
import {
  URL_ATTRIBUTES,
  decodeAttribute,
  externalReferences,
  leavesSite,
} from "../../../src/text/external.ts";
import type { ExternalReference } from "../../../src/text/external.ts";

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
