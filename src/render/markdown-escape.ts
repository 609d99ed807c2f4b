// The one escaping helper for user text inside generated Markdown: whatever an office types in a
// YAML field (names, titles, a `<script>`) comes out of Markdown as exactly that text.

/**
 * Whatever escapeMarkdown would change: each of its replacements' patterns, loosened (a lone
 * `\r`, `www.` inside a word). Most field values (Chinese prose, names, numbers) have none of
 * these and are returned as they are, without six passes and their new strings.
 */
const MAY_CHANGE = /[\r\n\\`*_[\]<>|~&]|:\/\/|www\.|^\s*(?:[#+\->=]|\d+[.)])/i;

/** Escapes `text` for use inline in Markdown; newlines become spaces. */
export function escapeMarkdown(text: string): string {
  return MAY_CHANGE.test(text) ? replaceAll(text) : text;
}

/** escapeMarkdown's replacements, each in turn (exported for the test of MAY_CHANGE). */
export function replaceAll(text: string): string {
  return (
    text
      .replace(/\r?\n/g, " ")
      .replace(/[\\`*_[\]<>|~]/g, "\\$&")
      .replace(/&/g, "&amp;")
      // Bare URLs would become links (GFM autolinks).
      .replace(/:\/\//g, "\\://")
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
      .replace(
        /^(\s*)([#+\->=]|\d+[.)])/,
        (_m, sp: string, mark: string) => `${sp}${mark.replace(/([#+\->=.)])/, "\\$1")}`,
      )
  );
}
