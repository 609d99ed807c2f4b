// Stands in for src/validate/pages.ts in a build with unvalidated pages (unvalidated-pages.ts).
import type { Page } from "../../../src/validate/content.ts";
import { HOSTILE_PAGES } from "../fixtures/hostile-pages.ts";

export const MAX_NESTING = 32;

export function validatePages(): Page[] {
  return HOSTILE_PAGES;
}
