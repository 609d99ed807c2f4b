import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { generateContent, writeContent } from "../support/generate.ts";
import { cli } from "./run-cli.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CASE = join(ROOT, "test/oracle/cases/08-liaison-cap");
const BASE = join(ROOT, "test/fixtures/diagnostics/_base");
const temp: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "xinfang-cli-"));
  temp.push(d);
  return d;
};
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The diagnostics base content, its first village named with terminal control characters. */
function hostileNameContent(): string {
  const dir = tempDir();
  cpSync(BASE, dir, { recursive: true });
  const units = join(dir, "units.yaml");
  writeFileSync(
    units,
    readFileSync(units, "utf8").replace("name: 东山村", 'name: "东山\\e[2J\\e]0;x\\a村\\r\\u202e"'),
  );
  return dir;
}

describe("xinfang score", () => {
  it("prints the SPEC §8 JSON for a folder holding only units.yaml, rules/ and ledger/", async () => {
    const r = await cli(["score", "--content", CASE, "--year", "2025", "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ year: 2025, asOf: "2025-12-31", complete: true });
    expect(json.units.map((u: { id: string; rank: number }) => [u.id, u.rank])).toEqual([
      ["dongshan", 1],
      ["xishan", 2],
      ["nanshan", 3],
    ]);
    expect(json.losses.find((l: { person: string }) => l.person === "孙伟")).toMatchObject({
      unit: null,
      item: "monthly_award",
      months: 12,
      amount: 9600,
    });
  });

  it("waits for a slow reader of --json instead of holding the JSON in memory", async () => {
    // The example year's JSON is more than one piece long; a stream that is always full (a pipe read
    // slower than written) is waited on after every piece, and still gets the same text.
    const ROOT_CONTENT = join(ROOT, "content");
    const whole = await cli(["score", "--content", ROOT_CONTENT, "--year", "2025", "--json"]);
    let out = "";
    let writesSinceDrain = 0;
    let waits = 0;
    const code = await main(["score", "--content", ROOT_CONTENT, "--year", "2025", "--json"], {
      cwd: process.cwd(),
      stdout: {
        write: (s: string) => {
          out += s;
          writesSinceDrain++;
          expect(writesSinceDrain).toBe(1);
          return false;
        },
        drained: async () => {
          waits++;
          writesSinceDrain = 0;
        },
      },
      stderr: { write: () => true },
    });
    expect(code).toBe(0);
    expect(out).toBe(whole.stdout);
    expect(whole.stdout.length).toBeGreaterThan(1 << 15);
    expect(waits).toBeGreaterThan(0);
  });

  it("writes --json as bytes to a stream that takes them, reusing what the stream let go", async () => {
    // As bin.ts's stdout: bytes as they are. A stream that keeps what it is given (holding) must
    // get chunks never written over; one that lets go of them gets chunks written over. A year of
    // 3,000 petitions makes some 600 KB of JSON.
    const ROOT_CONTENT = tempDir();
    await writeContent(
      ROOT_CONTENT,
      generateContent({ seed: 7, year: 2025, units: 20, petitions: 3000, petitionFormat: "csv" }),
    );
    const whole = await cli(["score", "--content", ROOT_CONTENT, "--year", "2025", "--json"]);
    expect(whole.code).toBe(0);
    for (const holds of [true, false]) {
      const given: Uint8Array[] = [];
      const copies: Buffer[] = [];
      let text = "";
      let waits = 0;
      const code = await main(["score", "--content", ROOT_CONTENT, "--year", "2025", "--json"], {
        cwd: process.cwd(),
        stdout: {
          write: (s: string) => (text += s),
          writeBytes: (b: Uint8Array) => {
            given.push(b);
            copies.push(Buffer.from(b));
            return false;
          },
          holding: () => holds,
          drained: async () => {
            waits++;
          },
        },
        stderr: { write: () => true },
      });
      expect(code).toBe(0);
      expect(given.length).toBeGreaterThan(1);
      expect(waits).toBe(given.length);
      expect(Buffer.concat(copies).toString("utf8") + text).toBe(whole.stdout);
      // What was given and kept is as it was given.
      if (holds) expect(Buffer.concat(given).equals(Buffer.concat(copies))).toBe(true);
      else expect(new Set(given.map((b) => b.buffer)).size).toBeLessThan(given.length);
    }
  });

  it("prints a Chinese ranking table", async () => {
    const r = await cli(["score", "--content", CASE, "--year", "2025"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/排名\s+村（社区）\s+得分\s+扣分\s+一票否决\s+奖励（元）\s+处理/);
    expect(r.stdout).toContain("经济处理");
  });

  it("with --unit prints the item-by-item 扣分明细 with sources", async () => {
    const r = await cli([
      "score",
      "--content",
      BASE,
      "--year",
      "2025",
      "--unit",
      "dongshan",
      "--as-of",
      "2025-01-31",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("扣分明细");
    expect(r.stdout).toContain("ledger/2025/petitions.yaml:2");
    expect(r.stdout).toContain("首次不扣分");
  });

  it("rejects an as-of date outside the year and an unknown unit, with exit code 2", async () => {
    const a = await cli(["score", "--content", BASE, "--year", "2025", "--as-of", "2024-12-31"]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("不在 2025 年内");
    const b = await cli(["score", "--content", BASE, "--year", "2025", "--unit", "nowhere"]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("没有名称或编号为“nowhere”的村（社区）");
  });

  it("refuses to score invalid content and shows every problem", async () => {
    const dir = tempDir();
    cpSync(BASE, dir, { recursive: true });
    writeFileSync(
      join(dir, "ledger/2025/meetings.yaml"),
      "meetings:\n  - { id: M-01, date: 2025-13-15, absent: [nowhere] }\n",
    );
    const r = await cli(["score", "--content", dir, "--year", "2025"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("ledger/2025/meetings.yaml:2:23  schema/format");
    expect(r.stderr).toContain("ledger/2025/meetings.yaml:2:44  ref/unknown-unit");
    expect(r.stderr).toContain("未计算得分");
  });

  it("--strict turns coverage warnings into errors", async () => {
    const dir = tempDir();
    cpSync(BASE, dir, { recursive: true });
    writeFileSync(
      join(dir, "ledger/2025/petitions.yaml"),
      "petitions:\n  - { id: P-1, date: 2025-01-08, unit: dongshan, level: 县, form: 重访 }\n",
    );
    expect((await cli(["score", "--content", dir, "--year", "2025"])).code).toBe(0);
    expect((await cli(["score", "--content", dir, "--year", "2025", "--strict"])).code).toBe(1);
  });
});

describe("xinfang check", () => {
  it("passes clean content and exits 0", async () => {
    const r = await cli(["check", "--content", BASE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("检查通过");
  });

  it("prints file:line:col, code, path, message, a code frame and a hint", async () => {
    const dir = tempDir();
    cpSync(BASE, dir, { recursive: true });
    writeFileSync(
      join(dir, "ledger/2025/petitions.yaml"),
      "petitions:\n  - id: P-1\n    date: 2025-01-08\n    unit: dongshan\n    level: 县级\n    form: 个访\n",
    );
    const r = await cli(["check", "--content", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "ledger/2025/petitions.yaml:5:12  schema/value  petitions.0.level  错误：level（去向）：应为 镇、县、市、省、京 之一（实际为“县级”）",
    );
    expect(r.stdout).toContain("  5 |     level: 县级\n    |            ^");
    expect(r.stdout).toContain("提示：");
  });

  it("never lets a control character from the content reach the terminal", async () => {
    const dir = hostileNameContent();
    const pet = join(dir, "ledger/2025/petitions.yaml");
    writeFileSync(pet, readFileSync(pet, "utf8").replace("level: 县", 'level: "县\\e[31m"'));
    for (const args of [
      ["check"],
      ["score", "--year", "2025"],
      ["score", "--year", "2025", "--unit", "dongshan"],
      ["score", "--year", "2025", "--json"],
    ]) {
      const r = await cli([...args, "--content", dir]);
      // eslint-disable-next-line no-control-regex -- the point of the test
      expect(r.stdout + r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
      expect(r.stdout + r.stderr).toContain("\ufffd");
    }
  });

  it("never lets a control character from the content reach the terminal in --json", async () => {
    const dir = hostileNameContent();
    // The command itself writes the JSON as bytes, past the filter of text: made printable.
    const out = execFileSync(
      join(ROOT, "node_modules/.bin/node"),
      [join(ROOT, "bin/xinfang.mjs"), "score", "--year", "2025", "--json", "--content", dir],
      { encoding: "utf8" },
    );
    // eslint-disable-next-line no-control-regex -- the point of the test
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    const json = JSON.parse(out) as { units: { name: string }[] };
    // Controls below U+0020 are JSON escapes (\u001b); the others are replaced (U+FFFD).
    expect(json.units.map((u) => u.name)).toContain("东山\u001b[2J\u001b]0;x\u0007村\r\ufffd");
    expect(out).toBe((await cli(["score", "--year", "2025", "--json", "--content", dir])).stdout);
  });

  it("reports an unknown command and an unknown option with exit code 2", async () => {
    expect((await cli(["frobnicate"])).code).toBe(2);
    const r = await cli(["check", "--stirct"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("未知的选项 --stirct");
  });
});

describe("the installed command", () => {
  it("runs on the project's own Node (≥ 22) with TypeScript sources", () => {
    const out = execFileSync(
      join(ROOT, "node_modules/.bin/node"),
      [join(ROOT, "src/cli/bin.ts"), "score", "--content", CASE, "--year", "2025", "--json"],
      { encoding: "utf8" },
    );
    expect(JSON.parse(out).units).toHaveLength(3);
  });
});
