// URL segments of office pages: a page's file name made safe as a folder name on Windows and
// Linux servers and in a link, whatever the name holds (spaces, #, ?, %, quotes, Chinese). Static
// servers (nginx, IIS, Apache) then serve pages/<slug>/index.html as they find it.

/** Device names Windows will not give a folder. */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const MAX_LENGTH = 64;

/** Whether `slug` is one `slugOf` can give: a folder name that is safe everywhere. */
export function isSafeSlug(slug: string): boolean {
  return /^[\p{L}\p{N}_-]{1,80}$/u.test(slug) && !RESERVED.test(slug);
}

/** Letters (Chinese included), digits, `-` and `_`; every other run of characters becomes `-`. */
export function slugOf(name: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}_-]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  const slug = Array.from(cleaned).slice(0, MAX_LENGTH).join("").replace(/-+$/, "");
  if (slug === "") return "page";
  return RESERVED.test(slug) ? `${slug}-page` : slug;
}

/**
 * Slugs of the pages named `names` (file names without `.mdx`), unique ignoring case (Windows
 * and macOS folders ignore it). A name that is already safe keeps it as its slug; the others
 * follow in the given order, a second `a b` and `a#b` becoming `a-b-2`. Deterministic.
 */
export function pageSlugs(names: readonly string[]): string[] {
  const wanted = names.map(slugOf);
  const own = (i: number) => wanted[i] === names[i];
  const order = [...names.keys()].sort((a, b) => Number(own(b)) - Number(own(a)) || a - b);
  const taken = new Set<string>();
  const slugs: string[] = [];
  for (const i of order) {
    const base = wanted[i] as string;
    let slug = base;
    for (let n = 2; taken.has(slug.toLowerCase()); n++) slug = `${base}-${n}`;
    taken.add(slug.toLowerCase());
    slugs[i] = slug;
  }
  return slugs;
}
