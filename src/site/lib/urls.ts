// Internal links: every one goes through `link()` so the site works under any base path
// (`xinfang build --base /xinfang/`). Paths are written without the base, starting with `/`.

/** Normalises a base path to `/…/` form: `xinfang` → `/xinfang/`, `` → `/`. */
export function normaliseBase(base: string): string {
  const trimmed = base.trim().replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

/** `/units/dongpo/` under base `/xinfang/` → `/xinfang/units/dongpo/`. */
export function link(base: string, path: string): string {
  const b = normaliseBase(base);
  const p = path.replace(/^\/+/, "");
  return `${b}${p}`;
}

/** URL of a document page. */
export const documentPath = (id: string) => `/documents/${encodeURIComponent(id)}/`;
/** URL of a unit page. */
export const unitPath = (id: string) => `/units/${encodeURIComponent(id)}/`;
/** URL of an office-authored page. */
export const pagePath = (slug: string) => `/pages/${encodeURIComponent(slug)}/`;
/** URL of a year's rules. */
export const rulesPath = (year: number) => `/rules/${year}/`;
/** URL of a year's ranking (unit ids are never all digits, so it cannot be a unit's page). */
export const yearUnitsPath = (year: number) => `/units/${year}/`;
/** URL of a year's document index. */
export const yearDocumentsPath = (year: number) => `/documents/${year}/`;
/** Output path (relative to the site root) of a document's PDF. */
export const pdfFile = (id: string) => `pdf/${id}.pdf`;
/** The Word file of a document, relative to the site root. */
export const docxFile = (id: string) => `docx/${id}.docx`;
/** URL of a year's weekly-report punctuality grid. */
export const weeklyPath = (year: number) => `/weekly/${year}/`;
