// Programs outside node_modules that some tests need: poppler's pdftotext/pdfinfo/pdftoppm and
// Chromium (Debian packages; .ci/run installs them). The one rule for all of them:
//   - locally, a test whose program is missing is skipped, and the test file says once, in one
//     line, which program is missing and which package brings it;
//   - in CI (CI set, as .ci/run runs), such a test always runs, and a missing program fails it
//     with a sentence naming the program, instead of hiding behind a skip.
// Use: `it.skipIf(!needs("pdftotext"))(…)` or `describe.skipIf(!needs("chromium"))(…)`, and call
// the program through `toolPath(name)`. A new program (LibreOffice for DOCX, …) is one more row
// in TOOLS.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { IN_CI } from "./ci.ts";

interface ToolInfo {
  /** Command name, looked up on PATH. */
  command: string;
  /** The Debian package that installs it. */
  debian: string;
}

const TOOLS = {
  pdftotext: { command: "pdftotext", debian: "poppler-utils" },
  pdfinfo: { command: "pdfinfo", debian: "poppler-utils" },
  pdftoppm: { command: "pdftoppm", debian: "poppler-utils" },
  chromium: { command: "chromium", debian: "chromium" },
  soffice: { command: "soffice", debian: "libreoffice-writer-nogui" },
} satisfies Record<string, ToolInfo>;

export type Tool = keyof typeof TOOLS;

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const found = new Map<Tool, string | null>();

/** The full path of `tool`, or null when it is not installed (looked up once per process). */
export function findTool(tool: Tool): string | null {
  let path = found.get(tool);
  if (path === undefined) {
    const dirs = (process.env.PATH ?? "").split(delimiter).filter((d) => d !== "");
    path = dirs.map((d) => join(d, TOOLS[tool].command)).find(executable) ?? null;
    found.set(tool, path);
  }
  return path;
}

/** The sentence for missing programs: what is missing, what installs it, what happens now. */
function missingMessage(tools: readonly Tool[], skipping: boolean): string {
  const names = tools.join("、");
  const packages = [...new Set(tools.map((t) => TOOLS[t].debian))].join(" ");
  if (IN_CI)
    return `CI 中缺少 ${names}：需要它的测试在 CI 中不跳过（安装 Debian 的 ${packages} 包，.ci/run 会安装）`;
  return skipping
    ? `跳过需要 ${names} 的测试：没有找到 ${names}（安装 Debian 的 ${packages} 包即可运行；CI 中不会跳过）`
    : `没有找到 ${names}（安装 Debian 的 ${packages} 包）`;
}

const warned = new Set<string>();

/**
 * Whether the tests that need `tools` run: when all are installed, and always in CI. When one is
 * missing outside CI, says so once (per test file) on stderr and returns false.
 */
export function needs(...tools: Tool[]): boolean {
  const missing = tools.filter((t) => findTool(t) === null);
  if (missing.length === 0 || IN_CI) return true;
  const message = missingMessage(missing, true);
  if (!warned.has(message)) {
    warned.add(message);
    console.warn(message);
  }
  return false;
}

/** The path to run `tool` by; throws the missing-program sentence when it is not installed. */
export function toolPath(tool: Tool): string {
  const path = findTool(tool);
  if (path === null) throw new Error(missingMessage([tool], false));
  return path;
}
