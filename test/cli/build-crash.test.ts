// A fault of the program during a build (after the content passed the check) ends in exit code
// 70 with one Chinese line and the truth about the output folder: never exit 1, never a stack
// (unless --debug). The PDF stage is replaced by one that fails as a bug would.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { cli } from "./run-cli.ts";

// the document stages (on a worker thread in a real build; test/build/worker-stages.test.ts shows
// a worker's errors come back as they were thrown) as one PDF stage that fails
vi.mock("../../src/build/worker-stages.ts", () => ({
  onWorkerThread: async () =>
    Object.assign(
      [
        {
          name: "PDF",
          files: () => [],
          run: async () => {
            throw new TypeError("Cannot read properties of undefined (reading 'glyphs')");
          },
        },
      ],
      { close: () => {} },
    ),
}));

const BASE = fileURLToPath(new URL("../fuzz/base/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "xinfang-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a crash inside xinfang build", () => {
  it("exits 70 with a Chinese line, the output untouched, the stack only with --debug", async () => {
    const out = join(dir, "site");
    const r = await cli(["build", "--content", BASE, "--out", out]);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain("生成失败（PDF）：Cannot read properties of undefined");
    expect(r.stderr).toContain("原有的输出目录未改动。");
    expect(r.stderr).toContain("xinfang 内部错误");
    expect(r.stderr).toContain("--debug");
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith(".site."))).toEqual([]);

    const debug = await cli(["build", "--content", BASE, "--out", out, "--debug"]);
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(/TypeError: Cannot read properties[\s\S]*^\s+at /m);
  }, 120_000);
});
