// Link targets in office pages: which ones a page may not contain at all. (What the site makes of
// the others is its own business: it links only targets that stay on the site.)

/** Schemes that run code or carry a whole document in the URL. */
const REFUSED = new Set(["javascript", "vbscript", "livescript", "data"]);

/**
 * The scheme of `url` as a browser reads it, lower case, or null when it has none. Browsers drop
 * tabs and line breaks anywhere in a URL and control characters and spaces around it
 * (` jav\tascript:` is `javascript:`); character references are already decoded by the parser.
 */
export function urlScheme(url: string): string | null {
  const cleaned = url.replace(/[\t\n\r]/g, "").replace(/^[\s\p{Cc}]+/u, "");
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned);
  return m ? (m[1] as string).toLowerCase() : null;
}

/** The scheme of `url` when a page may not use it (`javascript`, `data` …), else null. */
export function refusedScheme(url: string): string | null {
  const scheme = urlScheme(url);
  return scheme !== null && REFUSED.has(scheme) ? scheme : null;
}
