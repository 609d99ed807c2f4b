// A scored year without a petitions ledger would give every village full marks and its rewards:
// an error, so `score` computes nothing; `petitions: []` is how an office says "no petitions".
import { rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { checkContent } from "../../src/index.ts";
import { cli } from "../cli/run-cli.ts";
import { fixtureFiles, materialise } from "../diagnostics/fixture-runner.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function base(): string {
  const dir = materialise(fixtureFiles("_base"));
  dirs.push(dir);
  return dir;
}
const where = (d: Diagnostic) =>
  `${d.position?.file}:${d.position?.line}:${d.position?.col} ${d.code}`;

describe("a year with rules but no petitions ledger", () => {
  it("is an error at the rules file; score pays nothing", async () => {
    const dir = base();
    unlinkSync(join(dir, "ledger/2025/petitions.yaml"));
    const checked = await checkContent(dir);
    expect(checked.problems.map(where)).toEqual(["rules/2025.yaml:1:1 ledger/petitions-missing"]);
    expect(checked.problems[0]?.severity).toBe("error");
    expect(checked.content).toBeNull();
    for (const args of [[], ["--json"]]) {
      const r = await cli(["score", "--content", dir, "--year", "2025", ...args]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("rules/2025.yaml:1:1  ledger/petitions-missing  错误：");
      expect(r.stderr).toContain("未计算得分");
    }
  });

  it("`petitions: []` (YAML) or a CSV with only its header says there were none", async () => {
    const dir = base();
    writeFileSync(join(dir, "ledger/2025/petitions.yaml"), "petitions: []\n");
    expect((await checkContent(dir)).problems).toEqual([]);
    expect((await cli(["score", "--content", dir, "--year", "2025", "--json"])).code).toBe(0);

    const csv = base();
    unlinkSync(join(csv, "ledger/2025/petitions.yaml"));
    writeFileSync(join(csv, "ledger/2025/petitions.csv"), "编号,日期,村（社区）,去向,形式\n");
    expect((await checkContent(csv)).problems).toEqual([]);
  });

  it("meetings and weekly reports missing stay warnings", async () => {
    const dir = base();
    unlinkSync(join(dir, "ledger/2025/meetings.yaml"));
    unlinkSync(join(dir, "ledger/2025/weekly-reports.yaml"));
    const checked = await checkContent(dir);
    expect(checked.problems.map(where)).toEqual([
      "ledger/2025/meetings.yaml:1:1 ledger/missing-file",
      "ledger/2025/weekly-reports.yaml:1:1 ledger/missing-file",
    ]);
    expect(checked.content).not.toBeNull();
  });
});
