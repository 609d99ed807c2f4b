// Options shared by commands: the content folder, years and dates.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { isCalendarDate } from "../../schemas/index.ts";
import { UsageError } from "./io.ts";
import type { Io } from "./io.ts";

export async function contentDir(values: Record<string, unknown>, io: Io): Promise<string> {
  const given = typeof values.content === "string" ? values.content : "content";
  const dir = resolve(io.cwd, given);
  let info;
  try {
    info = statSync(dir, { throwIfNoEntry: false });
  } catch {
    info = undefined;
  }
  if (!info?.isDirectory())
    throw new UsageError(`内容目录“${given}”不存在。请用 --content 指定内容目录。`);
  io.contentChosen?.(dir);
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

/**
 * The unit `--unit` names: an id, else a name (东山村), else the one name containing the given
 * text (东山). More than one match, or none, is a usage error naming the candidates.
 */
export function resolveUnit(units: readonly { id: string; name: string }[], given: string): string {
  const byId = units.find((u) => u.id === given);
  if (byId) return byId.id;
  const named = (list: readonly { id: string; name: string }[]) =>
    list.map((u) => `${u.name}（${u.id}）`).join("、");
  let matches = units.filter((u) => u.name === given);
  if (matches.length === 0 && given !== "") matches = units.filter((u) => u.name.includes(given));
  if (matches.length === 1) return (matches[0] as { id: string }).id;
  if (matches.length > 1)
    throw new UsageError(
      `“${given}”可以指 ${matches.length} 个村（社区）：${named(matches)}。请用编号指定，例如 --unit ${(matches[0] as { id: string }).id}`,
    );
  throw new UsageError(`没有名称或编号为“${given}”的村（社区）。可用的有：${named(units)}`);
}
