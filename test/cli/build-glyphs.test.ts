// A character no font has stops `xinfang build`, `pdf` and `docx` as it stops `xinfang check`: the
// same located pdf/missing-glyph error, exit 1, nothing written. Their own check typesets only
// the classified documents; the published ones are checked as they are set for the PDF or Word
// file (once, not twice), and what that finds is reported as the check reports it.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { fixtureFiles, materialise } from "../diagnostics/fixture-runner.ts";
import { cli } from "./run-cli.ts";

const CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));
const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The lines of the output that report pdf/missing-glyph errors. */
const glyphLines = (stderr: string) =>
  stderr.split("\n").filter((l) => l.includes("pdf/missing-glyph"));

async function checkAndBuild(dir: string) {
  const out = join(mkdtempSync(join(tmpdir(), "xinfang-glyph-out-")), "site");
  temp.push(dirname(out));
  const check = await cli(["check", "--content", dir]);
  const build = await cli(["build", "--content", dir, "--out", out]);
  return { check, build, out };
}

describe("a character no font has, in xinfang build", () => {
  it("in a published document: the check's located error, exit 1, no output", async () => {
    const dir = materialise(fixtureFiles("pdf--missing-glyph"));
    temp.push(dir);
    const { check, build, out } = await checkAndBuild(dir);
    expect(check.code).toBe(1);
    expect(glyphLines(check.stdout).length).toBeGreaterThan(0);
    expect(glyphLines(check.stdout).join("\n")).toContain("units.yaml:3:14");
    expect(build.code).toBe(1);
    expect(glyphLines(build.stderr)).toEqual(glyphLines(check.stdout));
    expect(build.stderr).toContain("未生成网站");
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it("in a classified document (never set by the build): found by the build's check", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xinfang-glyph-"));
    temp.push(dir);
    cpSync(CONTENT, dir, { recursive: true });
    const plan = join(dir, "plans/2025-key-period.yaml");
    const text = readFileSync(plan, "utf8");
    expect(text).toContain("secret:");
    writeFileSync(plan, text.replace("实行每日排查", "实行每日𓀀排查"));
    const { check, build, out } = await checkAndBuild(dir);
    expect(check.code).toBe(1);
    expect(glyphLines(check.stdout).join("\n")).toContain("plans/2025-key-period.yaml:");
    expect(build.code).toBe(1);
    expect(glyphLines(build.stderr)).toEqual(glyphLines(check.stdout));
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it("in the document of xinfang pdf and docx: the check's located error, exit 1, no file", async () => {
    const dir = materialise(fixtureFiles("pdf--missing-glyph"));
    temp.push(dir);
    const check = await cli(["check", "--content", dir]);
    const expected = glyphLines(check.stdout);
    expect(expected.join("\n")).toContain("scoring-sheet-2025-dongshan");
    for (const [command, what] of [
      ["pdf", " PDF"],
      ["docx", " Word 文件"],
    ] as const) {
      const file = join(dirname(dir), `${basename(dir)}-out.${command}`);
      temp.push(file);
      const id = "scoring-sheet-2025-dongshan";
      const r = await cli([command, id, "--content", dir, "--out", file]);
      expect(r.code).toBe(1);
      expect(glyphLines(r.stderr)).toEqual(expected);
      expect(r.stderr).toContain("units.yaml:3:14");
      expect(r.stderr).toContain(
        `共发现 1 个错误，涉及 1 个文件。请修改后重新运行。\n未生成${what}。`,
      );
      expect(existsSync(file)).toBe(false);
    }
  }, 120_000);
});
