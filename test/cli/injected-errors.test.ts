// Acceptance: errors injected into five different files of the example content are all reported,
// with the right file and line, in one run — and nothing is written.
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./run-cli.ts";

const CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "xinfang-inject-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function snapshot(root: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      const s = statSync(p);
      return s.isDirectory() ? walk(p) : [`${relative(root, p)} ${s.size} ${s.mtimeMs}`];
    });
  return walk(root).sort();
}

/** Replaces the first line matching `find` in a content file; returns its 1-based line number. */
function inject(rel: string, find: RegExp, replace: (line: string) => string): number {
  const path = join(dir, rel);
  const lines = readFileSync(path, "utf8").split("\n");
  const i = lines.findIndex((l) => find.test(l));
  if (i < 0) throw new Error(`no line matching ${find} in ${rel}`);
  lines[i] = replace(lines[i] as string);
  writeFileSync(path, lines.join("\n"));
  return i + 1;
}

describe("errors in five files, one run", () => {
  it("reports every injected error with its file and line, and writes nothing", async () => {
    cpSync(CONTENT, dir, { recursive: true });
    const expected = [
      {
        file: "units.yaml",
        line: inject("units.yaml", /^ {4}kind: 村$/, () => "    kind: 自然村"),
        code: "schema/value",
      },
      {
        file: "rules/2025.yaml",
        line: inject("rules/2025.yaml", /factor: 2 \}/, (l) =>
          l.replace("factor: 2 }", "factor: 0 }"),
        ),
        code: "rules/bad-factor",
      },
      {
        file: "ledger/2025/petitions.yaml",
        line: inject("ledger/2025/petitions.yaml", /^ {4}unit: /, () => "    unit: nowhere"),
        code: "ref/unknown-unit",
      },
      {
        file: "ledger/2025/meetings.yaml",
        line: inject("ledger/2025/meetings.yaml", /id: M-05/, (l) =>
          l.replace(/date: 2025-\d\d-\d\d/, "date: 2024-05-20"),
        ),
        code: "ledger/date-outside-year",
      },
      {
        file: "ledger/2025/weekly-reports.yaml",
        line: inject("ledger/2025/weekly-reports.yaml", /week: 2025-W10,/, (l) =>
          l.replace(/submitted: "([^"]+)"/, 'submitted: "$1+08:00"'),
        ),
        code: "ledger/utc-offset",
      },
    ];
    const before = snapshot(dir);
    const check = await cli(["check", "--content", dir], dir);
    expect(check.code).toBe(1);
    for (const e of expected) {
      expect(check.stdout, `${e.file}:${e.line} ${e.code}`).toMatch(
        new RegExp(
          `^${e.file.replace(/[./]/g, "\\$&")}:${e.line}:\\d+  ${e.code.replace("/", "\\/")}  `,
          "m",
        ),
      );
    }
    expect(check.stdout).toMatch(/共发现 5 个错误/);
    const score = await cli(["score", "--content", dir, "--year", "2025"], dir);
    expect(score.code).toBe(1);
    expect(score.stdout).toBe("");
    expect(snapshot(dir)).toEqual(before);
  });
});
