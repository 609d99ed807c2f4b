// HTML text for the site: every piece of user text is masked (ID and mobile numbers) and, where
// it goes into markup built by hand, escaped. Astro's `{expr}` escapes by itself: use `t()` there,
// `h()` in hand-built HTML strings.
import { maskPersonal } from "../../text/mask.ts";

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

/** User text for an Astro expression (Astro escapes it): masked. */
export function t(text: string | null | undefined): string {
  return text ? maskPersonal(text) : "";
}

/** User text for a hand-built HTML string: masked and escaped. */
export function h(text: string | null | undefined): string {
  return text ? escapeHtml(maskPersonal(text)) : "";
}
