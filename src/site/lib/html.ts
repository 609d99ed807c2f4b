// HTML text for the site. User text arrives masked (ID and mobile numbers are masked once, where
// the content is validated: src/validate/mask.ts); where it goes into markup built by hand, it is
// escaped here. Astro's `{expr}` escapes by itself: use `t()` there, `h()` in hand-built HTML.

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** User text for an Astro expression (Astro escapes it); nothing for a missing value. */
export function t(text: string | null | undefined): string {
  return text ?? "";
}

/** User text for a hand-built HTML string: escaped; nothing for a missing value. */
export function h(text: string | null | undefined): string {
  return text ? escapeHtml(text) : "";
}

const WORDS = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * Escaped text with a line-break opportunity (`<wbr>`) between words, for titles laid out with
 * `word-break: keep-all` so that they break between words, never inside one. Not
 * before a one-character "word" (the segmenter's guess for a name it does not know, such as
 * 青|禾, or a suffix: 白杨|村, 责任|书), not after a digit (2025年 stays whole), and not next to
 * punctuation (the browser's own rules apply there).
 */
export function hWords(text: string | null | undefined): string {
  if (!text) return "";
  const segs = [...WORDS.segment(text)];
  return segs
    .map((s, i) => {
      const prev = segs[i - 1];
      const breakable =
        prev !== undefined &&
        prev.isWordLike === true &&
        s.isWordLike === true &&
        [...s.segment].length > 1 &&
        !/\d$/.test(prev.segment);
      return (breakable ? "<wbr>" : "") + escapeHtml(s.segment);
    })
    .join("");
}
