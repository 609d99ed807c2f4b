// Diagnostics → the text a clerk reads: `file:line:col  code  path  message`, the source line
// with a caret under the offending value, and a hint.
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { displayWidth } from "./text-width.ts";

export interface FormatOptions {
  /** Prefix for file paths, e.g. `content/`, so paths are clickable from the working folder. */
  prefix?: string;
  /** Source texts by content-relative path, for the code frame. */
  texts?: ReadonlyMap<string, string>;
  /** Treat warnings as errors (`--strict`). */
  strict?: boolean;
}

function sourceLine(text: string, line: number): string | null {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf("\n", start);
    if (nl === -1) return null;
    start = nl + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, "");
}

export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const prefix = options.prefix ?? "";
  const where = d.position
    ? `${prefix}${d.position.file}:${d.position.line}:${d.position.col}`
    : prefix || ".";
  const severity = d.severity === "error" || options.strict ? "错误" : "警告";
  const lines = [`${where}  ${d.code}  ${d.path ? `${d.path}  ` : ""}${severity}：${d.message}`];
  const text = d.position ? options.texts?.get(d.position.file) : undefined;
  if (d.position && text !== undefined) {
    const src = sourceLine(text, d.position.line);
    if (src !== null && src.trim() !== "") {
      const num = String(d.position.line);
      const lead = src.slice(0, Math.max(0, d.position.col - 1));
      lines.push(`  ${num} | ${src}`);
      lines.push(`  ${" ".repeat(num.length)} | ${" ".repeat(displayWidth(lead))}^`);
    }
  }
  lines.push(`  提示：${d.hint}`);
  return lines.join("\n");
}

export function summarise(diagnostics: readonly Diagnostic[], strict = false): string {
  const errors = diagnostics.filter((d) => d.severity === "error" || strict).length;
  const warnings = diagnostics.length - errors;
  if (errors === 0 && warnings === 0) return "检查通过，没有发现问题。";
  const parts: string[] = [];
  if (errors) parts.push(`${errors} 个错误`);
  if (warnings) parts.push(`${warnings} 个警告`);
  const files = new Set(diagnostics.map((d) => d.position?.file ?? "")).size;
  return `共发现 ${parts.join("、")}，涉及 ${files} 个文件。${errors ? "请修改后重新运行。" : ""}`;
}
