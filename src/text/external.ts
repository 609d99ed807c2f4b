// References in a text that would make a browser fetch from another host: the patterns the
// build's offline check (publish/offline.ts) refuses in built files, shared with validation so
// that user text which would trip it is reported by `check` (validate/pages.ts).

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
