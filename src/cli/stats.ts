// `xinfang stats --from D --to D [--json]`: report statistics with 同比, one sentence per figure.
import { isCalendarDate } from "../../schemas/index.ts";
import { hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.ts";
import { loadContent, statistics } from "../index.ts";
import { comparisonNote, figureSentences, periodText, rate, yoyText } from "../render/figures.ts";
import { displayPrefix } from "./check.ts";
import { formatProblems, summarise } from "./format-diagnostics.ts";
import { EXIT_CONTENT, EXIT_OK, UsageError } from "./io.ts";
import type { Io } from "./io.ts";
import { contentDir } from "./options.ts";

function dateOption(v: unknown, name: string): string {
  if (typeof v !== "string" || !isCalendarDate(v))
    throw new UsageError(
      `--${name} 应为日期，写作 2025-01-01${v === undefined ? "" : `（收到“${String(v)}”）`}`,
    );
  return v;
}

export async function runStats(values: Record<string, unknown>, io: Io): Promise<number> {
  const dir = await contentDir(values, io);
  const from = dateOption(values.from, "from");
  const to = dateOption(values.to, "to");
  if (to < from) throw new UsageError(`--to ${to} 早于 --from ${from}`);
  const loaded = await loadContent(dir);
  const problems = sortDiagnostics(loaded.diagnostics);
  if (!loaded.content || hasErrors(problems)) {
    io.stderr.write(
      formatProblems(problems, { prefix: displayPrefix(dir, io.cwd), texts: loaded.texts }),
    );
    io.stderr.write(`${summarise(problems)}\n未计算统计数字。\n`);
    return EXIT_CONTENT;
  }
  const s = statistics(loaded.content, { from, to });
  const sentences = figureSentences(s);
  if (values.json === true) {
    const c = s.current;
    const r = (f: { num: number; den: number }) => ({ ...f, text: rate(f) });
    io.stdout.write(
      `${JSON.stringify({
        from: s.from,
        to: s.to,
        previousFrom: s.previousFrom,
        previousTo: s.previousTo,
        comparison: s.previous.source,
        current: {
          ...c,
          rates: {
            closed: r(c.rates.closed),
            onTime: r(c.rates.onTime),
            resolved: r(c.rates.resolved),
            satisfied: r(c.rates.satisfied),
          },
          mediation: { ...c.mediation, rate: r(c.mediation.rate) },
        },
        previous: s.previous.source === "none" ? null : s.previous.figures,
        yoy: {
          accepted: yoyText(
            c.accepted.count,
            s.previous.source === "ledger"
              ? s.previous.figures.accepted.count
              : s.previous.source === "summary"
                ? s.previous.figures.accepted
                : undefined,
          ),
        },
        sentences: sentences.map((x) => ({ key: x.key, text: `${x.text}。` })),
      })}\n`,
    );
    return EXIT_OK;
  }
  io.stdout.write(`${periodText(s)}信访工作统计\n\n`);
  io.stdout.write(`${sentences.map((x) => x.text).join("；")}。\n\n`);
  io.stdout.write(`${comparisonNote(s)}\n`);
  return EXIT_OK;
}
