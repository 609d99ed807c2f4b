// The golden-file rule itself: a test never writes its own expectation unless asked, and never
// in CI; a missing or different golden file fails with the command that rewrites it.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectGolden } from "./golden.ts";

const dir = mkdtempSync(join(tmpdir(), "xinfang-golden-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LOCAL = { ci: false, update: false };
const CI = { ci: true, update: false };

describe("golden files", () => {
  it("a missing golden file fails, locally and in CI, and is not written", () => {
    const file = join(dir, "missing.md");
    for (const mode of [LOCAL, CI])
      expect(() => expectGolden(file, "正文\n", mode)).toThrow(
        /缺少基准文件 .*missing\.md：在本地运行 UPDATE_GOLDEN=1 npx vitest run test\/support\/golden\.test\.ts/,
      );
    expect(existsSync(file)).toBe(false);
  });

  it("a different golden file fails, locally and in CI, and is left as it was", () => {
    const file = join(dir, "different.md");
    writeFileSync(file, "旧的\n");
    for (const mode of [LOCAL, CI])
      expect(() => expectGolden(file, "新的\n", mode)).toThrow(/different\.md 与输出不同/);
    expect(readFileSync(file, "utf8")).toBe("旧的\n");
  });

  it("an equal golden file passes, byte for byte (a trailing newline counts)", () => {
    const file = join(dir, "equal.md");
    writeFileSync(file, "一致\n");
    expect(() => expectGolden(file, "一致\n", CI)).not.toThrow();
    expect(() => expectGolden(file, "一致", CI)).toThrow(/与输出不同/);
  });

  it("UPDATE_GOLDEN writes locally, and is itself a failure in CI", () => {
    const file = join(dir, "updated.md");
    expectGolden(file, "写出\n", { ci: false, update: true });
    expect(readFileSync(file, "utf8")).toBe("写出\n");
    expect(() => expectGolden(file, "再写\n", { ci: true, update: true })).toThrow(
      /CI 中不写基准文件/,
    );
    expect(readFileSync(file, "utf8")).toBe("写出\n");
  });
});
