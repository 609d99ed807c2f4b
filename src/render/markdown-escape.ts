// The one escaping helper for user text inside generated Markdown: whatever an office types in a
// YAML field (names, titles, a `<script>`) comes out of Markdown as exactly that text.

/** Escapes `text` for use inline in Markdown; newlines become spaces. */
export function escapeMarkdown(text: string): string {
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
