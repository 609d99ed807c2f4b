// The site must work on an intranet with no way out: no built file may make a browser fetch
// from another host. This check runs over the output before it replaces the previous one and
// names every offending reference (file, the reference and its context).
import { readFile, readdir } from "node:fs/promises";
import { extname, join } from "node:path";

export interface ExternalReference {
  file: string;
  url: string;
  context: string;
}

const TEXT_FILES = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"]);

// Places where a URL makes the browser fetch something: attributes, CSS url() and @import, JS
// import/export-from, dynamic import(), fetch(), workers, EventSource/WebSocket.
const FETCHING: RegExp[] = [
  /\b(?:src|href|srcset|action|formaction|poster|data|manifest|background|xlink:href)\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"'<>]+)/gi,
  /url\(\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"')]+)/gi,
  /@import\s+["']\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"']+)/gi,
  /\b(?:import|from)\s*\(?\s*["'`]\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"'`]+)/gi,
  /\b(?:fetch|Worker|SharedWorker|EventSource|WebSocket|importScripts|sendBeacon|open)\s*\(\s*["'`]\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"'`]+)/gi,
];

async function* walk(dir: string, prefix = ""): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walk(join(dir, entry.name), rel);
    else yield rel;
  }
}

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

/** Scans the text files of a built site. */
export async function findExternalReferences(root: string): Promise<ExternalReference[]> {
  const found: ExternalReference[] = [];
  for await (const file of walk(root)) {
    if (!TEXT_FILES.has(extname(file))) continue;
    found.push(...externalReferences(await readFile(join(root, file), "utf8"), file));
  }
  return found;
}
