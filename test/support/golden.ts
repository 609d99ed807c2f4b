// Golden files: expected output kept in the repository and compared byte for byte, so a reviewer
// reads every change of output as a diff. A test never writes its own expectation unless asked:
//   - a missing or different golden file fails the test;
//   - UPDATE_GOLDEN=1 (locally) writes the files instead: run the test so, read the diff, commit;
//   - in CI (CI set) nothing is ever written, and UPDATE_GOLDEN=1 there is itself a failure.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { IN_CI } from "./ci.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface GoldenMode {
  /** CI: never write. */
  ci: boolean;
  /** UPDATE_GOLDEN set: write the golden file with the actual text. */
  update: boolean;
}

export const GOLDEN_MODE: GoldenMode = {
  ci: IN_CI,
  update: !["", "0", "false"].includes((process.env.UPDATE_GOLDEN ?? "").trim().toLowerCase()),
};

/** Compares `actual` with the golden file `file` (or writes it, under UPDATE_GOLDEN=1 locally). */
export function expectGolden(file: string, actual: string, mode: GoldenMode = GOLDEN_MODE): void {
  const rel = (path: string) => relative(ROOT, path).split("\\").join("/");
  const name = rel(file);
  const testFile = expect.getState().testPath;
  const command = `UPDATE_GOLDEN=1 npx vitest run ${testFile ? rel(testFile) : ""}`.trim();
  if (mode.update) {
    if (mode.ci)
      throw new Error(
        `CI 中不写基准文件（UPDATE_GOLDEN 无效）：${name} 只在本地更新，检查差异后提交`,
      );
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`缺少基准文件 ${name}：在本地运行 ${command} 写出它，检查内容后提交`);
  expect(
    actual,
    `${name} 与输出不同（改动是有意的：本地运行 ${command} 重写，检查差异后提交）`,
  ).toBe(readFileSync(file, "utf8"));
}
