// `xinfang init DIR --year Y`: a new office's folder that passes check, the same bytes every
// time, written all at once, with editor schemas inside the folder.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fileSchemas } from "../../schemas/index.ts";
import type { FileSchemaName } from "../../schemas/index.ts";
import { jsonSchemaText } from "../../schemas/generate.ts";
import { writeNewFolder } from "../../src/build/new-folder.ts";
import { checkContent } from "../../src/index.ts";
import { isoWeekDate } from "../../src/calendar/calendar.ts";
import ExcelJS from "exceljs";
import { nationalDayWeek, newContentFiles } from "../../src/init/index.ts";
import { cli } from "../cli/run-cli.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const temp: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "xinfang-init-"));
  temp.push(d);
  return d;
};
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every file under `dir` (relative, `/`-separated) with its bytes. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p).replaceAll("\\", "/"), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe("xinfang init", () => {
  for (const year of [2025, 2026, 2031]) {
    it(`makes a ${year} folder that check passes with no errors`, async () => {
      const dir = join(tempDir(), "内容");
      const r = await cli(["init", dir, "--year", String(year)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`${year} 年度`);
      const checked = await cli(["check", "--content", dir]);
      expect(checked.code, checked.stdout).toBe(0);
      // The one warning is a real reminder: the summary has no last-year figures for 同比.
      const loaded = await checkContent(dir);
      expect(loaded.problems.filter((d) => d.severity === "error")).toEqual([]);
      expect(loaded.problems.map((d) => d.code)).toEqual(["stats/no-comparison"]);
      expect(loaded.content?.units.map((u) => u.name)).toEqual(["示例一村", "示例二村"]);
      const score = await cli(["score", "--content", dir, "--year", String(year), "--json"]);
      expect(score.code, score.stderr).toBe(0);
      expect(JSON.parse(score.stdout).units).toHaveLength(2);
      // the Excel ledger template, its village list the folder's villages
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(join(dir, "台账模板.xlsx")) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual([
        "信访事项",
        "例会",
        "周排查报告",
      ]);
      const choices: string[] = [];
      wb.eachSheet((w) => w.eachRow((row) => row.eachCell((c) => choices.push(String(c.value)))));
      expect(choices).toEqual(expect.arrayContaining(["示例一村", "示例二村"]));
    });
  }

  it("gives the same bytes twice, and the files list has a fixed order", async () => {
    const a = join(tempDir(), "a");
    const b = join(tempDir(), "b");
    expect((await cli(["init", a, "--year", "2027"])).code).toBe(0);
    expect((await cli(["init", b, "--year", "2027"])).code).toBe(0);
    const ta = tree(a);
    const tb = tree(b);
    expect([...ta.keys()]).toEqual([...tb.keys()]);
    for (const [k, v] of ta) expect(v.equals(tb.get(k) as Buffer), k).toBe(true);
    expect(newContentFiles(2027)).toEqual(newContentFiles(2027));
    // the skeleton's files and the ledger template workbook
    expect([...ta.keys()].sort()).toEqual(
      [...newContentFiles(2027).map((f) => f.path), "台账模板.xlsx"].sort(),
    );
  });

  it("writes nothing of our example town", () => {
    for (const f of newContentFiles(2025))
      if (f.path.endsWith(".yaml")) expect(String(f.data), f.path).not.toMatch(/青禾|禾兴|青政发/);
  });

  it("writes the default rules: the example town's rules/2025.yaml, for any year", () => {
    const example = parse(readFileSync(join(ROOT, "content/rules/2025.yaml"), "utf8"));
    const made = (y: number) =>
      parse(String(newContentFiles(y).find((f) => f.path === `rules/${y}.yaml`)?.data));
    expect(made(2025)).toEqual(example);
    const y2026 = made(2026);
    expect(y2026.year).toBe(2026);
    expect(y2026.title).toBe("2026年度村（社区）信访工作考评细则");
    expect({
      ...y2026,
      year: 2025,
      title: example.title,
      weekly_report: example.weekly_report,
    }).toEqual(example);
  });

  it("exempts the week whose Friday falls in the National Day holiday", () => {
    expect(nationalDayWeek(2025)).toBe("2025-W40"); // Friday 3 October
    expect(nationalDayWeek(2026)).toBe("2026-W40"); // Friday 2 October
    expect(nationalDayWeek(2027)).toBe("2027-W39"); // Friday 1 October
    expect(nationalDayWeek(2021)).toBe("2021-W39"); // Friday 1 October
    expect(nationalDayWeek(2023)).toBe("2023-W40"); // Friday 6 October
  });

  it("for any year, every file fits its schema and the exempt week's Friday is in 1–7 October", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), (year) => {
        for (const f of newContentFiles(year)) {
          if (!f.path.endsWith(".yaml")) continue;
          const name = /\.schemas\/(.+)\.json$/.exec(String(f.data).split("\n")[0] ?? "")?.[1];
          const r = fileSchemas[name as FileSchemaName].safeParse(parse(String(f.data)));
          if (!r.success) throw new Error(`${year} ${f.path}: ${r.error.message}`);
        }
        const friday = isoWeekDate(nationalDayWeek(year), 5);
        expect(friday >= `${year}-10-01` && friday <= `${year}-10-07`).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it("requires --year and a folder, and takes one folder only", async () => {
    const dir = join(tempDir(), "x");
    const noYear = await cli(["init", dir]);
    expect(noYear.code).toBe(2);
    expect(noYear.stderr).toContain("请用 --year 指定考评年度");
    expect(existsSync(dir)).toBe(false);
    const noDir = await cli(["init", "--year", "2025"]);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain("请给出新内容目录的位置");
    const badYear = await cli(["init", dir, "--year", "25"]);
    expect(badYear.code).toBe(2);
    const early = await cli(["init", dir, "--year", "1999"]);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain("--year 应在 2000 至 2100 年之间");
    expect((await cli(["init", dir, "other", "--year", "2025"])).code).toBe(2);
    expect(existsSync(dir)).toBe(false);
  });

  it("refuses a folder that holds anything, and a file, changing nothing", async () => {
    const parent = tempDir();
    const full = join(parent, "full");
    mkdirSync(full);
    writeFileSync(join(full, "旧文件.txt"), "留着");
    const r = await cli(["init", full, "--year", "2025"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/文件夹“.*full”不是空的，没有写入任何文件/);
    expect(readdirSync(full)).toEqual(["旧文件.txt"]);
    const file = join(parent, "a-file");
    writeFileSync(file, "x");
    const f = await cli(["init", file, "--year", "2025"]);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain("是一个文件");
    expect(readdirSync(parent).sort()).toEqual(["a-file", "full"]);
  });

  // tmpfs is mounted at /dev/shm on Linux: a disk's own folder, which cannot be renamed onto
  const shm = "/dev/shm";
  const mounted = existsSync(shm) && statSync(shm).dev !== statSync(dirname(shm)).dev;

  it.skipIf(!mounted)("refuses a disk's own folder, naming a folder in it to use", async () => {
    const r = await cli(["init", shm, "--year", "2025"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("是一个磁盘或分区本身（例如 U 盘的根目录），不能直接作为内容目录");
    expect(r.stderr).toContain(`xinfang init ${join(shm, "内容")} --year 2025`);
    // (other tests use /dev/shm meanwhile: only what init would write is looked for)
    expect(existsSync(join(shm, "office.yaml"))).toBe(false);
    expect(readdirSync(dirname(shm)).filter((f) => f.startsWith(".shm.init-"))).toEqual([]);
  });

  it("uses an empty folder, and makes missing parents", async () => {
    const parent = tempDir();
    mkdirSync(join(parent, "empty"));
    expect((await cli(["init", "empty", "--year", "2025"], parent)).code).toBe(0);
    expect(existsSync(join(parent, "empty/office.yaml"))).toBe(true);
    expect((await cli(["init", "a/b/c", "--year", "2025"], parent)).code).toBe(0);
    expect(existsSync(join(parent, "a/b/c/units.yaml"))).toBe(true);
    expect(readdirSync(parent).sort()).toEqual(["a", "empty"]);
  });

  it("leaves nothing behind when a write fails half way", async () => {
    const parent = tempDir();
    const target = join(parent, "new");
    const files = [
      { path: "office.yaml", data: "name: x\n" },
      { path: "rules/2025.yaml", data: "year: 2025\n" },
      { path: "office.yaml", data: "again\n" }, // the second write of one path fails
    ];
    await expect(writeNewFolder(target, files)).rejects.toThrow();
    expect(readdirSync(parent)).toEqual([]);
    await expect(writeNewFolder(target, [{ path: "../x", data: "" }])).rejects.toThrow();
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe("the new folder's editor schemas", () => {
  const files = newContentFiles(2025);
  const byPath = new Map(files.map((f) => [f.path, String(f.data)]));
  const yamlFiles = files.filter((f) => f.path.endsWith(".yaml"));

  it("every YAML file points at a schema inside the folder", () => {
    expect(yamlFiles.length).toBeGreaterThanOrEqual(13);
    const root = resolve("/new");
    for (const f of yamlFiles) {
      const first = String(f.data).split("\n")[0] ?? "";
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, f.path).not.toBeNull();
      const target = resolve(dirname(join(root, f.path)), m?.[1] as string);
      const rel = relative(root, target).replaceAll("\\", "/");
      expect(rel.startsWith(".."), `${f.path} → ${rel}`).toBe(false);
      expect(byPath.has(rel), `${f.path} → ${rel}`).toBe(true);
    }
  });

  it("the schemas are the project's JSON Schemas, and the files satisfy them", () => {
    for (const f of yamlFiles) {
      const name = /\.schemas\/(.+)\.json$/.exec(String(f.data).split("\n")[0] ?? "")?.[1];
      expect(name, f.path).toBeDefined();
      const text = byPath.get(`.schemas/${name}.json`) as string;
      expect(text).toBe(jsonSchemaText(name as FileSchemaName));
      const value = parse(String(f.data));
      // The zod source the JSON Schema is generated from accepts the file …
      const parsed = fileSchemas[name as FileSchemaName].safeParse(value);
      expect(parsed.success, `${f.path}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      // … and the JSON Schema's own top level: required keys present, no unknown keys.
      const schema = JSON.parse(text) as {
        required?: string[];
        properties: Record<string, unknown>;
        additionalProperties?: boolean;
      };
      for (const key of schema.required ?? [])
        expect(value, `${f.path} ${key}`).toHaveProperty(key);
      for (const key of Object.keys(value))
        expect(Object.keys(schema.properties), `${f.path} ${key}`).toContain(key);
    }
  });

  it("the written folder resolves its schema lines on disk", async () => {
    const dir = join(tempDir(), "disk");
    expect((await cli(["init", dir, "--year", "2025"])).code).toBe(0);
    for (const f of yamlFiles) {
      const first = readFileSync(join(dir, f.path), "utf8").split("\n")[0] as string;
      const ref = /\$schema=(\S+)$/.exec(first)?.[1] as string;
      const target = resolve(dirname(join(dir, f.path)), ref);
      expect(existsSync(target), f.path).toBe(true);
      expect(relative(dir, target).startsWith(".."), f.path).toBe(false);
    }
  });
});
