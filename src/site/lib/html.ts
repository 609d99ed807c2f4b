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
