// Masking cannot be dodged: the example content with personal numbers injected in many forms
// (ASCII, full-width, spaced, dashed, +86, ID numbers with X, numbers right where templates append
// digits) into every free-text field, and not one of them may appear in any output — the CLI
// (`score`, `score --json`, `score --unit`, `stats`), every rendered document (Markdown and Doc),
// and, when poppler's pdftotext and pdfinfo are installed or under CI, the built site and every
// PDF with its metadata.
import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { publish } from "../../src/index.ts";
import { ROOT, listFiles, readableTexts, runCli } from "../site/support/build.ts";
import { needs, toolPath } from "../support/tools.ts";
import { cli } from "./run-cli.ts";

// --- the numbers -----------------------------------------------------------------------------

const FULL = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace("X", "Ｘ");
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (id17: string) =>
  "10X98765432"[[...id17].reduce((a, d, i) => a + Number(d) * (WEIGHTS[i] as number), 0) % 11];
const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** How a number is written: its canonical digits in, the text typed out. */
interface Form {
  name: string;
  kind: "mobile" | "id";
  /** ID forms that show an X need an ID number whose check character is X. */
  x?: boolean;
  write: (n: string) => string;
}

const m344 = (n: string, sep: string) =>
  `${n.slice(0, 3)}${sep}${n.slice(3, 7)}${sep}${n.slice(7)}`;
const i684 = (n: string, sep: string) =>
  `${n.slice(0, 6)}${sep}${n.slice(6, 14)}${sep}${n.slice(14)}`;

const FORMS: Form[] = [
  { name: "ASCII 手机号", kind: "mobile", write: (n) => n },
  { name: "全角手机号", kind: "mobile", write: FULL },
  { name: "空格分隔", kind: "mobile", write: (n) => m344(n, " ") },
  { name: "连字符分隔", kind: "mobile", write: (n) => m344(n, "-") },
  { name: "全角空格分隔", kind: "mobile", write: (n) => m344(n, "\u3000") },
  { name: "全角连字符", kind: "mobile", write: (n) => FULL(m344(n, "－")) },
  { name: "短横线", kind: "mobile", write: (n) => m344(n, "–") },
  { name: "长横线", kind: "mobile", write: (n) => m344(n, "—") },
  { name: "+86 分组", kind: "mobile", write: (n) => `+86 ${m344(n, " ")}` },
  { name: "+86 连写", kind: "mobile", write: (n) => `+86${n}` },
  { name: "全角＋86", kind: "mobile", write: (n) => `＋${FULL(`86${n}`)}` },
  { name: "0086", kind: "mobile", write: (n) => `0086-${n}` },
  { name: "ASCII 身份证号", kind: "id", write: (n) => n },
  { name: "身份证号末位 X", kind: "id", x: true, write: (n) => n },
  { name: "身份证号末位小写 x", kind: "id", x: true, write: (n) => n.replace("X", "x") },
  { name: "全角身份证号", kind: "id", x: true, write: FULL },
  { name: "身份证号 6-8-4 空格", kind: "id", write: (n) => i684(n, " ") },
  { name: "身份证号 6-8-4 连字符", kind: "id", x: true, write: (n) => i684(n, "-") },
  { name: "身份证号全角空格", kind: "id", write: (n) => i684(n, "\u3000") },
  {
    name: "身份证号 6-4-4-4",
    kind: "id",
    write: (n) => `${n.slice(0, 6)} ${n.slice(6, 10)} ${n.slice(10, 14)} ${n.slice(14)}`,
  },
];

/** Forms only Markdown fields can hold: marks and references inside the number. */
const MARKDOWN_FORMS: Form[] = [
  {
    name: "Markdown 加粗拆分",
    kind: "mobile",
    write: (n) => `${n.slice(0, 3)}**${n.slice(3, 7)}**${n.slice(7)}`,
  },
  { name: "Markdown 字符引用", kind: "mobile", write: (n) => `&#${n.charCodeAt(0)};${n.slice(1)}` },
  { name: "Markdown 转义连字符", kind: "mobile", write: (n) => m344(n, "\\-") },
  { name: "Markdown 身份证号加粗", kind: "id", write: (n) => `**${n.slice(0, 6)}**${n.slice(6)}` },
];

interface Injected {
  /** Canonical form: 11 digits, or 17 digits and a digit or X. */
  number: string;
  form: string;
  where: string;
}

/** Hands out distinct numbers in every form in turn, and remembers where each went. */
class Injector {
  readonly injected: Injected[] = [];
  private k = 0;

  private mobile(): string {
    const k = this.k;
    return `1${3 + (k % 7)}${pad((k * 7_919_993 + 104_729) % 1_000_000_000, 9)}`;
  }

  private id(x: boolean): string {
    for (let seq = 0; ; seq++) {
      const k = this.k;
      const body = `${330_100 + (k % 97)}${1950 + (k % 50)}${pad(1 + (k % 12), 2)}${pad(1 + (k % 28), 2)}${pad((k * 37 + seq) % 1000, 3)}`;
      const check = checkChar(body) as string;
      if ((check === "X") === x) return body + check;
    }
  }

  /** Text carrying a fresh number, written in the next form (every third time in a Markdown form). */
  next(where: string, markdown = false): string {
    const form =
      markdown && this.k % 3 === 0
        ? (MARKDOWN_FORMS[(this.k / 3) % MARKDOWN_FORMS.length] as Form)
        : (FORMS[this.k % FORMS.length] as Form);
    const number = form.kind === "mobile" ? this.mobile() : this.id(form.x === true);
    this.k++;
    this.injected.push({ number, form: form.name, where });
    return form.write(number);
  }

  /**
   * `text` with a number at its end (where templates append digits), start or middle. A number
   * never touches a digit the office typed (2025年 + 138… would be one longer number to anyone).
   */
  into(text: string, where: string, at: "end" | "start" | "middle", markdown: boolean): string {
    const digit = (c: string | undefined) => c !== undefined && /\p{Nd}/u.test(c);
    const cuts = [...Array(text.length + 1).keys()].filter(
      (i) => !digit(text[i - 1]) && !digit(text[i]),
    );
    const preferred = at === "end" ? text.length : at === "start" ? 0 : Math.floor(text.length / 2);
    const cut = cuts.includes(preferred)
      ? preferred
      : (cuts.find((i) => i >= preferred) ?? cuts[cuts.length - 1] ?? text.length);
    return `${text.slice(0, cut)}${this.next(where, markdown)}${text.slice(cut)}`;
  }
}

// --- where they go ---------------------------------------------------------------------------

/** Keys whose values are identifiers, dates, vocabularies or paths: never free text. */
const NOT_TEXT = new Set([
  "id",
  "unit",
  "units",
  "absent",
  "leave",
  "issue",
  "date",
  "from",
  "to",
  "accepted",
  "due",
  "closed",
  "print_date",
  "print_dates",
  "issuer",
  "monthly_issuer",
  "format",
  "monthly_format",
  "week",
  "submitted",
  "level",
  "form",
  "channel",
  "satisfaction",
  "satisfied",
  "kind",
  "op",
  "urgency",
  "copy",
  "party_b_signer",
  "fonts",
  "ledger",
  "dates",
  "event_order",
  "exempt_weeks",
  "none_at_or_above",
  "time",
  "when",
  "first",
  "then",
  "unset_cells",
]);

/** Keys the templates follow with digits or figures: the number goes right at their end. */
const AT_END = new Set(["clause", "label", "category", "name", "title", "leader", "summary"]);

/** Document fields written in Markdown. */
const MARKDOWN_KEYS = new Set(["preamble", "body", "tasks", "duties", "closing", "annual_closing"]);

/** Injects a number into every free-text string of a parsed content file. */
function inject(value: unknown, file: string, inj: Injector, path: string[] = []): unknown {
  const key = path[path.length - 1] ?? "";
  if (typeof value === "string") {
    const where = `${file}:${path.join(".")}`;
    if (key === "role" && /^包村(领导|干部)$/.test(value)) return value;
    const at = AT_END.has(key) ? "end" : (["end", "start", "middle"] as const)[path.length % 3];
    return inj.into(
      value,
      where,
      at ?? "end",
      path.some((k) => MARKDOWN_KEYS.has(k)),
    );
  }
  if (Array.isArray(value)) return value.map((v, i) => inject(v, file, inj, [...path, String(i)]));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const roster = k === "units" && file === "units.yaml";
      out[k] = NOT_TEXT.has(k) && !roster ? v : inject(v, file, inj, [...path, k]);
    }
    // A target's unit follows its value directly (≥98%): a number there follows generated digits.
    if (key !== "" && "value" in out && "op" in out && !("unit" in out))
      out.unit = `${inj.next(`${file}:${path.join(".")}.unit`)}%`;
    return out;
  }
  return value;
}

async function yamlFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await yamlFiles(dir, rel)));
    else if (rel.endsWith(".yaml")) out.push(rel);
  }
  return out;
}

// --- finding them ----------------------------------------------------------------------------

/**
 * Every injected number a reader could find in `text`: full-width forms folded to ASCII, spaces,
 * dashes, dots and Markdown marks between digits dropped, then every run of 11 or 18 characters
 * looked up.
 */
function found(text: string, numbers: ReadonlySet<string>): Set<string> {
  const digits = text
    .normalize("NFKC")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/[\s\u00a0\u200b\u3000\-‐‑‒–—―−－.．·・*_`\\]+/g, "")
    .toUpperCase();
  const out = new Set<string>();
  for (const run of digits.match(/[0-9X]{11,}/g) ?? []) {
    for (let i = 0; i + 11 <= run.length; i++) {
      const m = run.slice(i, i + 11);
      if (numbers.has(m)) out.add(m);
      const id = run.slice(i, i + 18);
      if (id.length === 18 && numbers.has(id)) out.add(id);
    }
  }
  return out;
}

// --- the test ----------------------------------------------------------------------------------

let tmp: string;
let content: string;
const inj = new Injector();
let numbers: Set<string>;

/** The injected numbers found in the outputs one test reads, by output. */
class Leaks {
  private readonly hits = new Map<string, Set<string>>();

  look(output: string, text: string): void {
    const hit = found(text, numbers);
    if (hit.size > 0) this.hits.set(output, hit);
  }

  /** Leaked vs injected numbers, and where the first leaks were found. */
  tally(): { injected: number; leaked: number; first: string[] } {
    const byNumber = new Map(inj.injected.map((i) => [i.number, i]));
    const leaked = new Set([...this.hits.values()].flatMap((hit) => [...hit]));
    const where = [...this.hits].flatMap(([output, hit]) =>
      [...hit].map((n) => {
        const i = byNumber.get(n) as Injected;
        return `${output}: ${i.form}（注入于 ${i.where}）`;
      }),
    );
    return { injected: numbers.size, leaked: leaked.size, first: where.slice(0, 30) };
  }
}

const NONE = () => ({ injected: numbers.size, leaked: 0, first: [] });

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "xinfang-masking-"));
  content = join(tmp, "content");
  await cp(join(ROOT, "content"), content, { recursive: true });
  for (const rel of await yamlFiles(content)) {
    const data: unknown = parse(await readFile(join(content, rel), "utf8"));
    await writeFile(join(content, rel), stringify(inject(data, rel, inj), { lineWidth: 0 }));
  }
  numbers = new Set(inj.injected.map((i) => i.number));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("personal numbers injected into every free-text field", () => {
  it("reach every kind of file and every form", () => {
    const files = new Set(inj.injected.map((i) => i.where.split(":")[0]));
    expect([...files].sort()).toEqual([
      "agreements/2025.yaml",
      "leadership.yaml",
      "ledger/2025/mediation.yaml",
      "ledger/2025/meetings.yaml",
      "ledger/2025/petitions.yaml",
      "ledger/2025/receptions.yaml",
      "notices/2025.yaml",
      "office.yaml",
      "plans/2025-annual.yaml",
      "plans/2025-key-period.yaml",
      "reports/2025-annual.yaml",
      "reports/2025-half.yaml",
      "rules/2025.yaml",
      "units.yaml",
    ]);
    expect(new Set(inj.injected.map((i) => i.form)).size).toBe(
      FORMS.length + MARKDOWN_FORMS.length,
    );
    expect(numbers.size).toBe(inj.injected.length);
    expect(inj.injected.length).toBeGreaterThan(1000);
  });

  it("leave the content valid", async () => {
    const r = await cli(["check", "--content", content]);
    expect(r.stderr).not.toContain("错误");
    expect(r.code).toBe(0);
  });

  it("appear in no CLI output: score, score --json, score --unit, stats", async () => {
    const leaks = new Leaks();
    const units = (
      parse(await readFile(join(content, "units.yaml"), "utf8")) as {
        units: { id: string }[];
      }
    ).units.map((u) => u.id);
    const runs: [string, string[]][] = [
      ["score", ["score", "--year", "2025"]],
      ["score --json", ["score", "--year", "2025", "--json"]],
      ["score --as-of", ["score", "--year", "2025", "--as-of", "2025-06-30"]],
      ...units.map((u): [string, string[]] => [`score --unit ${u}`, ["score", "--unit", u]]),
      ...units.map((u): [string, string[]] => [
        `score --unit ${u} --json`,
        ["score", "--unit", u, "--json"],
      ]),
      ["stats", ["stats", "--from", "2025-01-01", "--to", "2025-12-31"]],
      ["stats --json", ["stats", "--from", "2025-01-01", "--to", "2025-12-31", "--json"]],
    ];
    for (const [name, args] of runs) {
      const r = await cli([...args, "--content", content]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      leaks.look(`xinfang ${name}`, r.stdout);
    }
    expect(leaks.tally()).toEqual(NONE());
  });

  it("appear in no rendered document, Markdown or Doc", async () => {
    const leaks = new Leaks();
    const r = await publish(content);
    expect(r.publication).not.toBeNull();
    const p = r.publication;
    if (!p) return;
    expect(p.documents.length).toBeGreaterThan(20);
    for (const d of p.documents) {
      leaks.look(`${d.doc.meta.id}.md`, d.markdown);
      leaks.look(`${d.doc.meta.id} (Doc)`, JSON.stringify(d.doc));
    }
    leaks.look("held back", JSON.stringify(p.heldBack));
    expect(leaks.tally()).toEqual(NONE());
  });

  it.skipIf(!needs("pdftotext", "pdfinfo"))(
    "appear in no file of the built site and in no PDF, text or metadata",
    async () => {
      const leaks = new Leaks();
      const out = join(tmp, "out");
      const built = await runCli(["build", "--content", content, "--out", out]);
      expect(built.status, built.stderr).toBe(0);
      leaks.look("xinfang build (stdout)", built.stdout);
      const files = await listFiles(out);
      const pdfs = files.filter((f) => f.endsWith(".pdf"));
      expect(pdfs.length).toBeGreaterThan(20);
      expect(pdfs.some((f) => f.startsWith("pdf/bundle-"))).toBe(true);
      for (const [file, text] of await readableTexts(out)) {
        if (!file.endsWith(".pdf")) leaks.look(file, text);
      }
      for (const f of pdfs) {
        const path = join(out, f);
        leaks.look(
          `${f} (text)`,
          execFileSync(toolPath("pdftotext"), ["-enc", "UTF-8", path, "-"], { encoding: "utf8" }),
        );
        leaks.look(
          `${f} (info)`,
          execFileSync(toolPath("pdfinfo"), ["-enc", "UTF-8", path], { encoding: "utf8" }),
        );
      }
      expect(leaks.tally()).toEqual(NONE());
    },
    180_000,
  );
});
