// Options shared by commands: the content folder, years and dates.
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { isCalendarDate } from "../../schemas/index.ts";
import { UsageError } from "./io.ts";
import type { Io } from "./io.ts";

export async function contentDir(values: Record<string, unknown>, io: Io): Promise<string> {
  const given = typeof values.content === "string" ? values.content : "content";
  const dir = resolve(io.cwd, given);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory())
    throw new UsageError(`内容目录“${given}”不存在。请用 --content 指定内容目录。`);
  return dir;
}

export function parseYear(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d{4}$/.test(value))
    throw new UsageError(`--year 应为四位年份，例如 --year 2025（收到“${String(value)}”）`);
  return Number(value);
}

export function parseAsOf(value: unknown, year: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !isCalendarDate(value))
    throw new UsageError(`--as-of 应为日期，写作 2025-06-30（收到“${String(value)}”）`);
  if (!value.startsWith(`${year}-`))
    throw new UsageError(`--as-of ${value} 不在 ${year} 年内：截至日期必须在考评年度之内。`);
  return value;
}
