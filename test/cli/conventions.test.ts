// The command line's conventions: --version, a help page per command, --unit by name, colour on a
// terminal only.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { colorEnabled, colorize } from "../../src/cli/color.ts";
import { HELP_COMMANDS } from "../../src/cli/help.ts";
import { commandOptions, main } from "../../src/cli/main.ts";
import { resolveUnit } from "../../src/cli/options.ts";
import { cli } from "./run-cli.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BASE = join(ROOT, "test/fixtures/diagnostics/_base");
const ESC = "\x1b[";
/** Every SGR escape sequence. */
const ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, "g");
const VERSION = (
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }
).version;

describe("xinfang --version", () => {
  it("prints the version in package.json", async () => {
    for (const arg of ["--version", "-v"]) {
      const r = await cli([arg]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`xinfang ${VERSION}\n`);
    }
  });
});

describe("help for each command", () => {
  const commands = commandOptions();

  it("every command has a help page, and every help page a command", () => {
    expect([...HELP_COMMANDS].sort()).toEqual(Object.keys(commands).sort());
  });

  for (const [name, options] of Object.entries(commands)) {
    it(`xinfang ${name} --help prints ${name}'s usage, options and an example`, async () => {
      const r = await cli([name, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout.startsWith(`用法：xinfang ${name}`)).toBe(true);
      expect(r.stdout).toContain("示例：");
      expect(r.stdout).toMatch(new RegExp(`\\n  xinfang ${name}`));
      for (const o of options) expect(r.stdout, `--${o}`).toContain(`--${o}`);
      // Not the overview.
      expect(r.stdout).not.toContain("xinfang — 信访工作文书系统");
      expect(r.stdout).not.toContain("用法：\n");
      expect((await cli(["help", name])).stdout).toBe(r.stdout);
      expect((await cli([name, "-h", "--no-such-option"])).stdout).toBe(r.stdout);
    });
  }

  it("the overview lists every command and points at the pages", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    for (const name of Object.keys(commands)) expect(r.stdout).toContain(`xinfang ${name}`);
    expect(r.stdout).toContain("xinfang <命令> --help");
    expect(r.stdout).toContain("--version");
  });

  it("a usage error points at the command's own page", async () => {
    const r = await cli(["score", "--content", BASE, "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("未知的选项 --bogus");
    expect(r.stderr).toContain("运行 xinfang score --help 查看用法");
    const h = await cli(["help", "nothing"]);
    expect(h.code).toBe(2);
    expect(h.stderr).toContain("没有“nothing”这个命令");
  });
});

describe("--unit takes a name as well as an id", () => {
  const units = [
    { id: "dongshan", name: "东山村" },
    { id: "dongshan-shequ", name: "东山社区" },
    { id: "xishan", name: "西山村" },
  ];

  it("finds a unit by id, by full name, and by a part of one name", () => {
    expect(resolveUnit(units, "xishan")).toBe("xishan");
    expect(resolveUnit(units, "东山村")).toBe("dongshan");
    expect(resolveUnit(units, "西山")).toBe("xishan");
  });

  it("names the candidates of an ambiguous name, and all units for an unknown one", () => {
    expect(() => resolveUnit(units, "东山")).toThrow(
      "“东山”可以指 2 个村（社区）：东山村（dongshan）、东山社区（dongshan-shequ）",
    );
    expect(() => resolveUnit(units, "南山")).toThrow(
      "没有名称或编号为“南山”的村（社区）。可用的有：东山村（dongshan）、东山社区（dongshan-shequ）、西山村（xishan）",
    );
  });

  it("xinfang score --unit 东山村 prints the same detail as --unit dongshan", async () => {
    const args = ["score", "--content", BASE, "--year", "2025", "--as-of", "2025-01-31"];
    const byId = await cli([...args, "--unit", "dongshan"]);
    const byName = await cli([...args, "--unit", "东山村"]);
    expect(byId.code).toBe(0);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toBe(byId.stdout);
    const json = await cli([...args, "--unit", "东山村", "--json"]);
    expect(JSON.parse(json.stdout).units.map((u: { id: string }) => u.id)).toEqual(["dongshan"]);
  });
});

describe("colour", () => {
  it("is on for a terminal, off for a pipe, off with NO_COLOR set to any value", () => {
    expect(colorEnabled({ env: {}, isTTY: true })).toBe(true);
    expect(colorEnabled({ env: {}, isTTY: undefined })).toBe(false);
    expect(colorEnabled({ env: {}, isTTY: false })).toBe(false);
    for (const v of ["1", "0", "false", "yes"])
      expect(colorEnabled({ env: { NO_COLOR: v }, isTTY: true })).toBe(false);
    expect(colorEnabled({ env: { TERM: "dumb" }, isTTY: true })).toBe(false);
    // no-color.org: an empty NO_COLOR does not turn colour off.
    expect(colorEnabled({ env: { NO_COLOR: "" }, isTTY: true })).toBe(true);
  });

  const header =
    "content/units.yaml:3:9  units/duplicate-id  units.1.id  错误：编号 dongshan 重复\n" +
    "  3 |   - id: dongshan\n" +
    "    |         ^\n" +
    "  提示：改成不同的编号。\n" +
    "content/rules/2025.yaml:1:1  rules/x  警告：某项提醒";

  it("paints 错误 red, 警告 yellow, places and codes dim, and changes no character", () => {
    const painted = colorize(header);
    expect(painted).toContain(`${ESC}31m错误${ESC}39m`);
    expect(painted).toContain(`${ESC}33m警告${ESC}39m`);
    expect(painted).toContain(`${ESC}2mcontent/units.yaml:3:9${ESC}22m`);
    expect(painted).toContain(`${ESC}2munits/duplicate-id${ESC}22m`);
    expect(painted.replace(ESCAPES, "")).toBe(header);
    const sheet = "台账.xlsx 信访事项 第5行 D列  ledger/unknown-unit  unit  错误：没有这个村";
    expect(colorize(sheet)).toContain(`${ESC}2m台账.xlsx 信访事项 第5行 D列${ESC}22m`);
    expect(colorize("排名  村（社区）  得分：100")).toBe("排名  村（社区）  得分：100");
  });

  it("reaches check's output only when the stream is a terminal", async () => {
    const run = async (color: { stdout: boolean; stderr: boolean } | undefined) => {
      let out = "";
      let err = "";
      const code = await main(["score", "--content", BASE, "--year", "20x5"], {
        cwd: ROOT,
        stdout: { write: (s: string) => (out += s) },
        stderr: { write: (s: string) => (err += s) },
        ...(color ? { color } : {}),
      });
      return { code, out, err };
    };
    const plain = await run(undefined);
    expect(plain.code).toBe(2);
    expect(plain.err).not.toContain(ESC);
    const piped = await run({ stdout: false, stderr: false });
    expect(piped.err).not.toContain(ESC);
    const tty = await run({ stdout: true, stderr: true });
    expect(tty.err).toContain(`${ESC}31m--year 应为四位年份`);
    // Diagnostics on stdout (check), painted only for a terminal.
    const empty = mkdtempSync(join(tmpdir(), "xinfang-color-"));
    const checkOut = async (color: boolean) => {
      let out = "";
      await main(["check", "--content", empty], {
        cwd: ROOT,
        stdout: { write: (s: string) => (out += s) },
        stderr: { write: () => true },
        color: { stdout: color, stderr: color },
      });
      return out;
    };
    const [on, off] = [await checkOut(true), await checkOut(false)];
    rmSync(empty, { recursive: true });
    expect(on).toContain(`${ESC}31m错误${ESC}39m：缺少文件 units.yaml`);
    expect(off).not.toContain(ESC);
    expect(on.replace(ESCAPES, "")).toBe(off);
  });

  it("the installed command writes no escape codes into a pipe", () => {
    const bad = mkdtempSync(join(tmpdir(), "xinfang-color-")); // no units.yaml: an error
    let out = "";
    try {
      execFileSync(process.execPath, [join(ROOT, "src/cli/bin.ts"), "check", "--content", bad], {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
      });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    rmSync(bad, { recursive: true });
    expect(out).toContain("错误：");
    expect(out).not.toContain(ESC);
  });
});
