// Building blocks shared by every content schema: dates, ids, and the domain vocabularies.
import { z } from "zod";

// Schemas are checked without compiling each object schema into a function first: a process
// checks a few thousand small records at most (ledger rows go through validate/fast.ts), and the
// compiling costs more than it saves (a cold `xinfang pdf` reads its files in about a tenth less
// time); results are the same.
z.config({ jitless: true });

export const LEVELS = ["镇", "县", "市", "省", "京"] as const;
export const FORMS = ["个访", "集访", "重访", "非访"] as const;
export const CHANNELS = ["来信", "来访", "网上", "电话"] as const;
export const SATISFACTIONS = ["满意", "基本满意", "不满意", "未评价"] as const;
export const LEDGERS = ["petition", "meeting", "weekly-report"] as const;

export type Level = (typeof LEVELS)[number];
export type Form = (typeof FORMS)[number];
export type Channel = (typeof CHANNELS)[number];
export type Satisfaction = (typeof SATISFACTIONS)[number];
export type LedgerKind = (typeof LEDGERS)[number];

const toText = (v: unknown): unknown => (typeof v === "number" ? String(v) : v);

const calendarCache = new Map<string, boolean>();

/** True when `s` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const hit = calendarCache.get(s);
  if (hit !== undefined) return hit;
  let ok = false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
    ok = days !== undefined && d >= 1 && d <= days;
  }
  if (calendarCache.size < 100_000) calendarCache.set(s, ok);
  return ok;
}

export const dateSchema = z
  .string({ error: "应为日期，写作 YYYY-MM-DD" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "日期格式应为 YYYY-MM-DD，例如 2025-03-01", abort: true })
  .refine(isCalendarDate, {
    error: "不是有效的日期（月份或日期超出范围）",
    params: { code: "schema/format" },
  })
  .meta({ description: "日期，写作 YYYY-MM-DD（例如 2025-03-01）", format: "date" });

export const weekSchema = z
  .string({ error: "应为周次，写作 2025-W09" })
  .regex(/^\d{4}-W\d{2}$/, { error: "周次格式应为 YYYY-Www，例如 2025-W09" })
  .describe("ISO 周次，写作 YYYY-Www（例如 2025-W09；周一至周日为一周）");

export const timeSchema = z
  .string({ error: "应为时间，写作 17:00（请加引号）" })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:MM，例如 "17:00"' })
  .describe('时间，写作 "HH:MM"（24 小时制，北京时间）');

/**
 * A schema factory whose fields differ only in their description: `make()` is built once, and
 * each field is a clone of it with its own description (building the same zod schema anew for
 * each of a hundred-odd fields was some 10 ms of every cold start). JSON Schemas are unchanged.
 */
export function described<T extends z.ZodType>(make: () => T): (description: string) => T {
  let base: T | undefined;
  return (description) => (base ??= make()).describe(description);
}

/** Non-empty text: an unquoted number in YAML is taken as its text. */
let nonEmptyText: z.ZodType<string> | undefined;
const textSchema = () =>
  (nonEmptyText ??= z.preprocess(
    toText,
    z.string({ error: "应为文字" }).min(1, { error: "不能为空" }),
  ));

/** Ids and free-text codes: an unquoted number in YAML is taken as its text. */
export const textId = described(textSchema);

export const text = textId;

/** An optional text field: its description on the optional wrapper (the same JSON Schema). */
export const optionalText = described(() => textSchema().optional());

/** What unitIdSchema accepts: lowercase letters, digits and hyphens, not digits alone. */
export const isUnitId = (v: string): boolean => /^[a-z0-9-]+$/.test(v) && /[a-z-]/.test(v);

export const unitIdSchema = z
  .string({ error: "应为村（社区）编号" })
  .regex(/^[a-z0-9-]+$/, { error: "编号只能由小写字母、数字和连字符组成，例如 dongshan" })
  // the site's page of a year's ranking is /units/2025/: an id of digits alone would be taken for it
  .regex(/[a-z-]/, { error: "编号不能只有数字（网站用年份作各年度排名页的地址），例如 cun2025" })
  .describe(
    "村（社区）编号：小写字母、数字和连字符，不能只有数字（例如 dongshan），对应 units.yaml 中的 id",
  );

/**
 * A ledger's reference to a village or community: validated as an id (names are replaced by ids
 * before the schema sees them, validate/unit-names.ts); its JSON Schema, for editors, takes an id
 * or a name (generate.ts), as the ledgers do.
 */
export const unitRefSchema = unitIdSchema
  .clone()
  .describe("村（社区）：units.yaml 中的编号（例如 dongshan）或名称（例如 东山村、东山）");

export const levelSchema = z.enum(LEVELS, { error: `应为 ${LEVELS.join("、")} 之一` });
export const formSchema = z.enum(FORMS, { error: `应为 ${FORMS.join("、")} 之一` });
export const channelSchema = z.enum(CHANNELS, { error: `应为 ${CHANNELS.join("、")} 之一` });
export const satisfactionSchema = z.enum(SATISFACTIONS, {
  error: `应为 ${SATISFACTIONS.join("、")} 之一`,
});

export const yuan = described(() =>
  z
    .number({ error: "应为金额（元，整数）" })
    .int({ error: "金额应为整数（元）" })
    .min(0, { error: "金额不能为负数" }),
);
