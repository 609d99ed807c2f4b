// The command run from its bundle (bin/cli-bundle.mjs) against the same command run from the
// TypeScript sources: same exit codes, same lines, same bytes in every file written. And the
// bundle is used only while every file it was made from is unchanged.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript without declarations (the launcher's, loaded before any TypeScript)
import * as bundle from "../../bin/cli-bundle.mjs";

const { CLI_CACHE_VARIABLE, asciiOnly, cliCacheDir, freshBundle, makeBundle } = bundle;

/** The code caches kept beside the bundle's files: file name → bytes. */
function codeCaches(folder: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder)
      .filter((f) => f.endsWith(".v8cache"))
      .map((f) => [f, readFileSync(join(folder, f))]),
  );
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NODE = join(ROOT, "node_modules/.bin/node");
const LAUNCHER = join(ROOT, "bin/xinfang.mjs");

let tmp: string;
let cache: string;
let entry: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "xinfang-bundle-"));
  cache = join(tmp, "cache");
  // a source saved within the last second is not trusted to be what was bundled: try again
  entry =
    (await makeBundle(cache)) ??
    (await new Promise((r) => setTimeout(r, 1100)), await makeBundle(cache));
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  files: Record<string, string>;
}

/** Runs the launcher in a fresh folder under tmp/`side`/ (so relative paths print alike). */
function run(side: "bundle" | "sources", name: string, args: string[]): Run {
  const cwd = join(tmp, side, name);
  mkdirSync(cwd, { recursive: true });
  const r = spawnSync(NODE, [LAUNCHER, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, [CLI_CACHE_VARIABLE]: side === "bundle" ? cache : "off", NO_COLOR: "1" },
  });
  const files: Record<string, string> = {};
  for (const f of readdirSync(cwd, { recursive: true, withFileTypes: true }))
    if (f.isFile()) {
      const path = join(f.parentPath, f.name);
      files[path.slice(cwd.length + 1)] = createHash("sha256")
        .update(readFileSync(path))
        .digest("hex");
    }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, files };
}

describe("the bundled command", () => {
  it("is made and then found up to date", () => {
    expect(entry).toMatch(/xinfang\.cjs$/);
    expect(freshBundle(cache)).toBe(entry);
    const kept = JSON.parse(readFileSync(join(cache, "current.json"), "utf8"));
    const files = kept.inputs.map((i: [string]) => i[0]);
    expect(files).toContain("src/cli/main.ts");
    expect(files).toContain("bin/cli-bundle.mjs");
    // the dependencies' files are stood for by npm's record of node_modules (by each one's
    // package.json where there is none), templates by their files
    const deps = files.filter((f: string) => f.startsWith("node_modules/"));
    if (existsSync(join(ROOT, "node_modules/.package-lock.json")))
      expect(deps).toEqual(["node_modules/.package-lock.json"]);
    else expect(deps).toContain("node_modules/zod/package.json");
    expect(files).toContain("templates/plan.hbs");
    expect(files).toContain("templates/partials/wentou.hbs");
  });

  it("is not used once a file it was made from changed, or its entry is gone", () => {
    const list = join(cache, "current.json");
    const kept = readFileSync(list, "utf8");
    try {
      const changed = JSON.parse(kept);
      changed.inputs[0][2] -= 1000; // another modification time
      writeFileSync(list, JSON.stringify(changed));
      expect(freshBundle(cache)).toBeNull();
      const grown = JSON.parse(kept);
      grown.inputs[1][1] += 1; // another size
      writeFileSync(list, JSON.stringify(grown));
      expect(freshBundle(cache)).toBeNull();
      const gone = JSON.parse(kept);
      gone.inputs.push(["src/no-such-file.ts", 1, 1]);
      writeFileSync(list, JSON.stringify(gone));
      expect(freshBundle(cache)).toBeNull();
      const other = JSON.parse(kept);
      other.key = "0000000000000000";
      writeFileSync(list, JSON.stringify(other));
      expect(freshBundle(cache)).toBeNull();
      writeFileSync(list, "{");
      expect(freshBundle(cache)).toBeNull();
    } finally {
      writeFileSync(list, kept);
    }
    expect(freshBundle(cache)).toBe(entry);
  });

  it("is ASCII, its regular expressions matching what the sources' do", () => {
    const folder = dirname(entry);
    for (const f of readdirSync(folder).filter((name) => name.endsWith(".cjs")))
      expect(readFileSync(join(folder, f), "utf8")).toMatch(/^[\0-\x7f]*$/);
    // a literal's characters outside ASCII, escaped, stand for the same characters
    const literals = [
      "/(?<!按期)办结率\\s*(\\d+)\\s*[%％]/g",
      "/[😀中]+/u",
      "/^😀$/",
      "/x/ // 注释",
    ];
    const texts = ["按期办结率 98 ％", "办结率98%", "😀中😀", "😀", "\ud83d", "x"];
    for (const literal of literals) {
      const escaped = asciiOnly(literal);
      expect(escaped).toMatch(/^[\0-\x7f]*$/);
      const original = new Function(`return ${literal}`)() as RegExp;
      const again = new Function(`return ${escaped}`)() as RegExp;
      for (const t of texts) expect(t.match(again)).toEqual(t.match(original));
    }
    expect(() => asciiOnly("/\\中/")).toThrow();
  });

  it("is switched off by XINFANG_CLI_CACHE=off and kept under node_modules/.cache otherwise", () => {
    expect(cliCacheDir({ [CLI_CACHE_VARIABLE]: "off" })).toBeNull();
    expect(cliCacheDir({ [CLI_CACHE_VARIABLE]: cache })).toBe(cache);
    expect(cliCacheDir({})).toBe(join(ROOT, "node_modules", ".cache", "xinfang-cli"));
  });

  // what each command prints and writes, from the bundle and from the sources
  const content = join(ROOT, "content");
  const commands: Record<string, string[]> = {
    help: ["--help"],
    version: ["--version"],
    check: ["check", "--content", content],
    score: ["score", "--year", "2025", "--content", content],
    "score-json": ["score", "--year", "2025", "--json", "--content", content],
    "score-files": [
      "score",
      "--year",
      "2025",
      "--content",
      content,
      "--xlsx",
      "s.xlsx",
      "--csv",
      "s.csv",
    ],
    "score-unit": ["score", "--year", "2025", "--unit", "qinghe-shequ", "--content", content],
    stats: ["stats", "--from", "2025-01-01", "--to", "2025-12-31", "--json", "--content", content],
    pdf: ["pdf", "plan-2025-annual", "--content", content, "--out", "plan.pdf"],
    docx: ["docx", "notice-2025-annual", "--content", content, "--out", "notice.docx"],
    template: ["template", "--year", "2025", "--out", "t.xlsx"],
    fonts: ["fonts", "--content", content],
    init: ["init", "new", "--year", "2025"],
    unknown: ["frobnicate"],
    "no-document": ["pdf", "plan-1999", "--content", content, "--out", "x.pdf"],
  };
  for (const [name, args] of Object.entries(commands))
    it(`prints and writes what the sources do: ${args.slice(0, 2).join(" ")}`, () => {
      const fromBundle = run("bundle", name, args);
      const fromSources = run("sources", name, args);
      expect(fromBundle).toEqual(fromSources);
    }, 60_000);

  /** `check` of a copy of the example that `spoil` changes: exit 1, the same from both. */
  const checkSpoiled = (name: string, spoil: (dir: string) => void) => {
    const broken = join(tmp, name);
    cpSync(content, broken, { recursive: true });
    spoil(broken);
    const args = ["check", "--content", broken];
    const fromBundle = run("bundle", name, args);
    expect(fromBundle.code).toBe(1);
    expect(fromBundle).toEqual(run("sources", name, args));
  };

  it("prints what the sources do for content with errors", () => {
    checkSpoiled("broken", (dir) => {
      const units = join(dir, "units.yaml");
      writeFileSync(units, readFileSync(units, "utf8").replace(/^(\s*-?\s*id:\s*)\S+/m, "$1"));
    });
  }, 60_000);

  it("prints what the sources do for office pages that are not MDX (the Markdown parser's errors)", () => {
    checkSpoiled("broken-pages", (dir) => {
      const pages = join(dir, "pages");
      const [first, second] = readdirSync(pages).filter((f) => f.endsWith(".mdx"));
      writeFileSync(
        join(pages, first as string),
        '# 标题\n\n<Callout title="提示">\n没有结束的组件\n',
      );
      writeFileSync(
        join(pages, second as string),
        "正文 {1 +} 表达式\n\n| 表 | 格 |\n|---|---|\n| ~~删~~ | www.example.com |\n",
      );
    });
  }, 60_000);

  it("runs `build` from the sources (the launcher never hands it to the bundle)", () => {
    const launcher = readFileSync(LAUNCHER, "utf8");
    expect(launcher).toMatch(/process\.argv\[2\] !== "build" &&/);
    // and the bundle holds none of the site builder
    const folder = dirname(entry);
    const text = readdirSync(folder)
      .filter((f) => f.endsWith(".cjs"))
      .map((f) => readFileSync(join(folder, f), "utf8"))
      .join("\n");
    expect(text).not.toMatch(/^\/\/ src\/cli\/build\.ts$/m);
    expect(text).not.toMatch(/^\/\/ node_modules\/astro\//m);
  });

  it("keeps V8's compiled code of a command after its first successful run, and outlives a bad one", () => {
    const folder = dirname(entry);
    const args = ["pdf", "plan-2025-annual", "--content", content, "--out", "plan.pdf"];
    // a failed run (no such document) makes no cache: it ran little of what the command needs
    for (const f of codeCaches(folder).keys()) if (f.includes(".pdf.")) rmSync(join(folder, f));
    expect(run("bundle", "cache-failed", ["pdf", "plan-1999", "--content", content]).code).toBe(2);
    expect([...codeCaches(folder).keys()].filter((f) => f.includes(".pdf."))).toEqual([]);
    const first = run("bundle", "cache-first", args);
    expect(first.code).toBe(0);
    const made = [...codeCaches(folder)].filter(([f]) => f.includes(".pdf."));
    expect(made.map(([f]) => f)).toEqual([
      expect.stringMatching(/^xinfang\.cjs\.pdf\.\d+\.v8cache$/),
    ]);
    // used as it is by the next run, which prints and writes the same
    const [file, bytes] = made[0] as [string, Buffer];
    expect(run("bundle", "cache-again", args)).toEqual(first);
    expect(readFileSync(join(folder, file))).toEqual(bytes);
    // a cache V8 refuses (damaged, or made by another V8) changes nothing and is made anew
    writeFileSync(join(folder, file), Buffer.from("not a code cache"));
    expect(run("bundle", "cache-damaged", args)).toEqual(first);
    const remade = readFileSync(join(folder, file));
    expect(remade.length).toBeGreaterThan(bytes.length / 2);
    expect(remade.toString("latin1")).not.toContain("not a code cache");
  }, 60_000);

  it("keeps the code cache of a command on big ledgers, where V8's young generation may grow", () => {
    // src/cli/young-generation.ts changes a V8 flag for big ledgers and puts it back before the
    // launcher writes the cache: a cache written under other flags would be refused, and made
    // anew, by every next run. Big: a 40 MB (sparse) file under ledger/, which check warns about.
    const big = join(tmp, "big-ledgers");
    cpSync(content, big, { recursive: true });
    writeFileSync(join(big, "ledger", "notes.bin"), "");
    truncateSync(join(big, "ledger", "notes.bin"), 40 * 1024 * 1024);
    const folder = dirname(entry);
    for (const f of codeCaches(folder).keys()) if (f.includes(".check.")) rmSync(join(folder, f));
    const first = run("bundle", "big-first", ["check", "--content", big]);
    expect(first.code).toBe(0);
    const made = [...codeCaches(folder)].filter(([f]) => f.includes(".check."));
    expect(made).toHaveLength(1);
    const [file, bytes] = made[0] as [string, Buffer];
    expect(run("bundle", "big-again", ["check", "--content", big])).toEqual(first);
    expect(readFileSync(join(folder, file))).toEqual(bytes);
  }, 60_000);
});
