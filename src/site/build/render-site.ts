// The site output: the publication → the intranet site in a folder (Astro pages, their web
// fonts (webfonts.ts), the search index (search-index.ts) made from the pages as Astro renders
// them), checked before anyone sees it: no classified document made it in, and no file makes a
// browser fetch from another host. The build (src/build) decides where the folder is and swaps
// it into place.
//
// Process-wide state, and why it stays: Astro and Vite read a few things from the process, not
// from their options. (1) The publication reaches the pages through a registered global symbol
// (hand-over.ts): Astro bundles the pages into modules of their own, which share nothing else
// with this process but globalThis. (2) Astro writes its server bundle under the working
// directory, so the build works inside a private folder of the package (`process.chdir`). (3)
// Vite lets BASE_URL, MODE … in the environment override import.meta.env, so they are hidden
// while Astro runs. All three are set and restored around one run, and runs are queued one at a
// time (`queue` below), so two builds in one process never see each other's state.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { deviceOf } from "../../text/disks.ts";
import type { Publication } from "../input.ts";
import { PACKAGE_ROOT, siteConfig } from "./astro-config.ts";
import { handOver, setAstroLogSink } from "./hand-over.ts";
import type { AstroLogEvent } from "./hand-over.ts";
import type { PageTap } from "./astro-config.ts";
import { findExternalReferences, markupReferences } from "./offline.ts";
import type { ExternalReference } from "./offline.ts";
import { SEARCH_INDEX_DIR, SearchIndexBuilder, pageSearchText } from "./search-index.ts";
import type { PageSearchText } from "./search-index.ts";
import { SiteCharacters, showsText, writeWebFonts } from "./webfonts.ts";

/** A check of the built site failed, or a step could not run: `step` names it. */
export class SiteError extends Error {
  readonly step: string;
  constructor(message: string, step: string, options?: ErrorOptions) {
    super(message, options);
    this.step = step;
  }
}

export interface SiteOptions {
  publication: Publication;
  /** Files other outputs add to the site (e.g. `pdf/plan-2025.pdf`): the pages link them. */
  files: ReadonlySet<string>;
  /** Base path, e.g. `/` or `/xinfang/`. */
  base: string;
  /** The folder the site is written to (it must not exist yet). */
  dir: string;
  progress: (line: string) => void;
  /** Whether a process is running (the private folders of killed builds are removed). */
  running: (pid: number) => boolean;
  /**
   * Called once the pages, their web fonts and the search index are written: the main thread has
   * little left to do from then on.
   */
  pagesWritten?: () => void;
}

export interface SiteResult {
  /** HTML pages written. */
  pages: number;
  /** Pages in the search index. */
  indexed: number;
}

const VITE_RESERVED = ["BASE_URL", "MODE", "DEV", "PROD", "SSR"];

/**
 * Every file under `dir`, relative, sorted. Read with blocking calls: the build lists its folders
 * when nothing else is waiting on this thread, and a county's site is some 900 folders, each an
 * asynchronous round trip to another thread otherwise.
 */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(folder, entry.name), rel);
      else out.push(rel);
    }
  };
  walk(dir, "");
  return out.sort();
}

let queue: Promise<unknown> = Promise.resolve();

/** Builds the site into `options.dir`; one build at a time per process (see the header). */
export function renderSite(options: SiteOptions): Promise<SiteResult> {
  const run = queue.then(() => renderSiteNow(options));
  queue = run.catch(() => {});
  return run;
}

async function renderSiteNow(options: SiteOptions): Promise<SiteResult> {
  const { publication, progress } = options;
  const works = join(PACKAGE_ROOT, ".astro");
  await mkdir(works, { recursive: true });
  for (const name of await readdir(works).catch(() => [] as string[])) {
    const m = /^build-(\d+)-/.exec(name);
    if (m && !options.running(Number(m[1])))
      await rm(join(works, name), { recursive: true, force: true });
  }
  const work = await mkdtemp(join(works, `build-${process.pid}-`));
  // Astro moves its style sheets and scripts from this private folder into the site by renaming
  // them, which fails from one file system to another (an output folder on a USB disk or a
  // network share): then the site is made in the private folder and copied over when complete.
  const across = (await deviceOf(work)) !== (await deviceOf(options.dir));
  const dir = across ? join(work, "site") : options.dir;
  let step = "site";
  try {
    progress(
      `生成网站（${publication.documents.length} 份文书，${publication.units.length} 个村（社区））……`,
    );
    // Each page as Astro renders it: what the search index, the web fonts and the offline check
    // take from it, so that the pages need not be read back from their files (a county's 918
    // pages, 24 MB). Every page rendered is written (the site has no fallback routes and no
    // public file in a page's place), so its characters go to the web fonts at once.
    const characters = new SiteCharacters();
    const tapped = new Map<string, TappedPage | null>();
    const tap = (path: string, bytes: Uint8Array) => {
      const file = tappedFile(path, options.base);
      if (file === undefined) return; // read back below
      if (tapped.has(file)) {
        tapped.set(file, null); // two pages for one file: read back below
        return;
      }
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
      if (showsText(file)) characters.add(text);
      tapped.set(file, {
        size: bytes.byteLength,
        found: pageSearchText(text),
        references: markupReferences(text, file),
      });
    };
    await runAstro(options, dir, work, tap);

    step = "check";
    for (const held of publication.heldBack)
      if (existsSync(join(dir, "documents", held.id)))
        throw new SiteError(`涉密文书“${held.title}”出现在网站中，已停止生成。`, step);

    step = "search";
    progress("建立全文搜索索引……");
    // Each text file Astro wrote otherwise (scripts, style sheets), and any page whose file is not
    // where its address says or whose size differs from what was rendered, is read once, for all
    // of: the search index, the characters of the web fonts and the offline check. The files the
    // fonts and the index add are checked after.
    const pages = listFiles(dir);
    const { found, references, unread } = takeTapped(
      pages,
      tapped,
      (file) => statSync(join(dir, file)).size,
    );
    tapped.clear();
    const read = await findExternalReferences(
      dir,
      (file, text) => {
        if (file.endsWith(".html")) found.set(file, pageSearchText(text));
        if (showsText(file)) characters.add(text);
      },
      unread,
    );
    for (const r of read) {
      const list = references.get(r.file);
      if (list) list.push(r);
      else references.set(r.file, [r]);
    }
    const search = new SearchIndexBuilder();
    let html = 0;
    for (const file of pages)
      if (file.endsWith(".html")) {
        html++;
        search.addText(file, found.get(file) ?? null);
      }
    found.clear();
    step = "fonts";
    await writeWebFonts(dir, characters);
    step = "search";
    writeSearchIndex(dir, search);
    options.pagesWritten?.();

    step = "offline";
    const before = new Set(pages);
    // The index holds the pages' own text (checked above as markup, where text is no reference) as
    // data the search page reads and shows as text: never fetched from, never run.
    const added = listFiles(dir).filter(
      (f) => !before.has(f) && !f.startsWith(`${SEARCH_INDEX_DIR}/`),
    );
    const external = [
      ...pages.flatMap((file) => references.get(file) ?? []),
      ...(await findExternalReferences(dir, undefined, added)),
    ];
    if (external.length) {
      const list = external.slice(0, 10).map((e) => `  ${e.file}：${e.url}`);
      throw new SiteError(
        `网站中有 ${external.length} 处引用了其他网站的地址，内网无法访问：\n${list.join("\n")}`,
        step,
      );
    }
    if (across) {
      step = "copy";
      await cp(dir, options.dir, { recursive: true });
    }
    return { pages: html, indexed: search.size };
  } catch (e) {
    if (e instanceof SiteError) throw e;
    throw new SiteError(e instanceof Error ? e.message : String(e), step, { cause: e });
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => {});
  }
}

/** Runs Astro with the publication handed over, in the private working folder `work`. */
async function runAstro(
  options: SiteOptions,
  outDir: string,
  work: string,
  pageTap: PageTap,
): Promise<void> {
  const { progress } = options;
  process.env.ASTRO_TELEMETRY_DISABLED = "1";
  const { build } = await import("astro");
  let generated = 0;
  setAstroLogSink((e: AstroLogEvent) => {
    const line = stripVTControlCharacters(e.message);
    if (e.level === "warn" || e.level === "error")
      progress(`  Astro ${e.level === "warn" ? "警告" : "错误"}：${line}`);
    else if (pageBegun(line) && /\.html$/.test(line.trim())) {
      generated++;
      if (generated % 200 === 0) progress(`  已生成 ${generated} 个页面……`);
    }
  });
  handOver({ publication: options.publication, files: options.files });
  const cwd = process.cwd();
  // Astro puts its server bundle in the working folder unless the site's folder is inside it:
  // a folder of its own, beside the site's when the site is made in the private folder.
  const bundle = join(work, "astro");
  await mkdir(bundle);
  process.chdir(bundle);
  const hidden = VITE_RESERVED.map((name) => [name, process.env[name]] as const);
  for (const [name] of hidden) delete process.env[name];
  try {
    await build(
      siteConfig({
        outDir,
        base: options.base,
        cacheDir: join(work, "cache"),
        captureLogs: true,
        pageTap,
      }),
      // Astro's `sync` (content collections, through a Vite server of its own, and TypeScript
      // types) is not needed: the site has no collections and the build reads no types. An option
      // of Astro's builder (AstroBuilderOptions) that build() passes on but does not declare.
      { sync: false } as Parameters<typeof build>[1],
    );
  } finally {
    process.chdir(cwd);
    for (const [name, value] of hidden) if (value !== undefined) process.env[name] = value;
    handOver(undefined);
    setAstroLogSink(undefined);
  }
}

/** What the build took from a page as Astro rendered it (see renderSiteNow). */
export interface TappedPage {
  /** Bytes written: the file found where the address says must have as many. */
  size: number;
  found: PageSearchText | null;
  references: ExternalReference[];
}

/**
 * The file Astro writes the page at `path` (its address as requested, base included) to, in the
 * site's folder format (`/units/a/` → `units/a/index.html`, `/404` → `404.html`); undefined
 * outside the base or when it cannot be decoded. The build checks that the file is there, with
 * the same size, before trusting this.
 */
export function tappedFile(path: string, base: string): string | undefined {
  const root = base.endsWith("/") ? base : `${base}/`;
  if (!path.startsWith(root) && `${path}/` !== root) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(path.slice(root.length));
  } catch {
    return undefined;
  }
  if (rest === "404" || rest === "404/" || rest === "500" || rest === "500/")
    return `${rest.slice(0, 3)}.html`;
  if (rest === "") return "index.html";
  return rest.endsWith("/") ? `${rest}index.html` : `${rest}/index.html`;
}

/**
 * Of the site's `files` (sorted), what was taken from the pages as rendered, each trusted only
 * where a page was tapped for that file alone and the file has as many bytes as were rendered;
 * `unread` lists every other file (non-pages too), to be read from the folder.
 */
export function takeTapped(
  files: readonly string[],
  tapped: ReadonlyMap<string, TappedPage | null>,
  sizeOf: (file: string) => number,
): {
  found: Map<string, PageSearchText | null>;
  references: Map<string, ExternalReference[]>;
  unread: string[];
} {
  const found = new Map<string, PageSearchText | null>();
  const references = new Map<string, ExternalReference[]>();
  const unread: string[] = [];
  for (const file of files) {
    const page = file.endsWith(".html") ? tapped.get(file) : undefined;
    if (page && sizeOf(file) === page.size) {
      found.set(file, page.found);
      references.set(file, page.references);
    } else unread.push(file);
  }
  return { found, references, unread };
}

/** Writes the search index into `<siteDir>/search-index`. */
function writeSearchIndex(siteDir: string, search: SearchIndexBuilder): void {
  const root = join(siteDir, SEARCH_INDEX_DIR);
  const made = new Set<string>();
  for (const [file, text] of search.files()) {
    const path = join(root, file);
    const folder = dirname(path);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(path, text);
  }
}

/** Whether a line of Astro's log begins a page: `├─ /units/a/index.html`. */
function pageBegun(line: string): boolean {
  return /^\s*[├└]─\s+\S/.test(line);
}
