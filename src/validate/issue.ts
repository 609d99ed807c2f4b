// The 版头 and 版记 of a document, resolved once: which body issues it (office.yaml `issuers`), in
// which format (GB/T 9704 文件格式, 信函格式, or none for what is not a 公文), and what follows from
// both — the 发文机关标志, 发文字号, 签发人, 印发机关 and 印发日期 — with what is wrong with them.
// validate/documents.ts locates the problems in the document files; render/views.ts prints the
// rest: what `check` warns about is what the documents print.
import { FORMAT_LAYOUTS, issuersOf } from "../../schemas/index.ts";
import type { DocFormat, DocFormatName, Issuer, NoticeFile, Office } from "../../schemas/index.ts";
import { addDays, monthEnd } from "../calendar/calendar.ts";

/** Which document, for its defaults (../shared/GBT9704.md "Formats"). */
export type IssueKind =
  "plan" | "annual-notice" | "monthly-notice" | "report" | "agreement" | "scoring-sheet";

/** A document's own header fields (those it leaves out take their defaults). */
export interface HeaderFields {
  issuer?: string | undefined;
  format?: DocFormatName | undefined;
  number?: string | undefined;
  issuer_mark?: string | undefined;
  signer?: string | undefined;
  printer?: string | undefined;
  print_date?: string | undefined;
  cc?: string[] | undefined;
}

/** The field of the header a problem is about. */
export type HeaderField = "issuer" | "format" | "number" | "issuer_mark" | "printer" | "print_date";

export type IssueProblem =
  | { code: "doc/unknown-issuer"; field: "issuer"; params: { name: string; known: string[] } }
  | {
      code: "doc/issuer-mismatch";
      field: "issuer_mark" | "printer";
      params: { what: "标志" | "印发机关"; value: string; issuer: string };
    }
  | { code: "doc/missing-number"; field: "format"; params: { code: string | null } }
  | {
      code: "doc/number-code";
      field: "number";
      params: { number: string; code: string; expected: string; issuer: string };
    }
  | { code: "doc/report-signer"; field: "format"; params: Record<never, never> }
  | { code: "doc/print-date"; field: "print_date"; params: { date: string } };

export interface Issue {
  /** The issuing body; null only without an office.yaml. */
  issuer: Issuer | null;
  format: DocFormat;
  /** An upward 报告: 文件格式 with 签发人. */
  upward: boolean;
  /** 发文机关标志 (文件格式 and 信函格式). */
  mark: string | null;
  number: string | null;
  /** 签发人 (upward documents). */
  signer: string | null;
  /** 印发机关 and 印发日期 (the 版记 of 文件格式). */
  printer: string | null;
  printDate: string | null;
  /** 抄送 (文件格式 and 信函格式). */
  cc: string[];
  problems: IssueProblem[];
}

/** Each kind's format when the document names none. */
export const DEFAULT_FORMATS: Record<IssueKind, DocFormatName> = {
  plan: "文件",
  "annual-notice": "文件",
  "monthly-notice": "信函",
  report: "无",
  agreement: "无",
  "scoring-sheet": "无",
};

/** The body that issues a kind by default: the 信访办 for monthly notices and sheets. */
function defaultIssuer(issuers: readonly Issuer[], kind: IssueKind): Issuer | null {
  const main = issuers[0] ?? null;
  if (kind === "monthly-notice" || kind === "scoring-sheet")
    return issuers.find((i) => i.petition_office) ?? main;
  return main;
}

/** The issuer a document names, by full or short name. */
export function findIssuer(issuers: readonly Issuer[], name: string): Issuer | null {
  return issuers.find((i) => i.name === name) ?? issuers.find((i) => i.short_name === name) ?? null;
}

/** The 机关代字 of a 发文字号: what comes before its year in 〔〕 (or brackets typed by mistake). */
export function numberCode(number: string): string {
  return number.split(/[〔［[（(【{]/)[0]?.trim() ?? number;
}

/** Whether `text` names `issuer` (its full or short name is in it). */
function names(text: string, issuer: Issuer): boolean {
  return (
    text.includes(issuer.name) ||
    (issuer.short_name !== undefined && text.includes(issuer.short_name))
  );
}

/**
 * The header of one document: `kind` chooses the defaults, `fields` are the document's own,
 * `date` its 成文日期 (the 印发日期 when none is given).
 */
export function resolveIssue(
  office: Office | null,
  kind: IssueKind,
  fields: HeaderFields,
  date: string,
): Issue {
  const problems: IssueProblem[] = [];
  const issuers = issuersOf(office);
  let issuer = defaultIssuer(issuers, kind);
  if (fields.issuer !== undefined) {
    const named = findIssuer(issuers, fields.issuer);
    if (named) issuer = named;
    else
      problems.push({
        code: "doc/unknown-issuer",
        field: "issuer",
        params: { name: fields.issuer, known: issuers.map((i) => i.name) },
      });
  }
  const { format, upward } = FORMAT_LAYOUTS[fields.format ?? DEFAULT_FORMATS[kind]];
  const headed = format !== "none";

  let mark: string | null = null;
  if (headed) {
    if (fields.issuer_mark !== undefined) {
      mark = fields.issuer_mark;
      if (issuer && !names(mark, issuer))
        problems.push({
          code: "doc/issuer-mismatch",
          field: "issuer_mark",
          params: { what: "标志", value: mark, issuer: issuer.name },
        });
    } else if (issuer)
      mark =
        format === "file"
          ? (issuer.mark ?? `${issuer.name}文件`)
          : (issuer.letter_mark ?? issuer.name);
  }

  const number = headed ? (fields.number ?? null) : null;
  if (format === "file" && number === null)
    problems.push({
      code: "doc/missing-number",
      field: "format",
      params: { code: issuer?.code ?? null },
    });
  if (number !== null && issuer?.code !== undefined && numberCode(number) !== issuer.code)
    problems.push({
      code: "doc/number-code",
      field: "number",
      params: { number, code: numberCode(number), expected: issuer.code, issuer: issuer.name },
    });

  const signer = format === "file" ? (fields.signer ?? null) : null;
  if (upward && signer === null)
    problems.push({ code: "doc/report-signer", field: "format", params: {} });

  let printer: string | null = null;
  if (format === "file") {
    if (fields.printer !== undefined) {
      printer = fields.printer;
      // Which body a 办公室 prints for is known only when office.yaml says it (`printer`).
      if (
        issuer?.printer !== undefined &&
        printer !== issuer.printer &&
        !printer.startsWith(issuer.name) &&
        !(issuer.short_name !== undefined && printer.startsWith(issuer.short_name))
      )
        problems.push({
          code: "doc/issuer-mismatch",
          field: "printer",
          params: { what: "印发机关", value: printer, issuer: issuer.name },
        });
    } else if (issuer) printer = issuer.printer ?? issuer.name;
  }
  const cc = headed ? (fields.cc ?? []) : [];
  // 文件格式 has a 版记 whenever it names a 印发机关 or 抄送: it needs a 印发日期.
  let printDate: string | null = null;
  if (format === "file" && (printer !== null || cc.length > 0)) {
    printDate = fields.print_date ?? date;
    if (fields.print_date === undefined)
      problems.push({ code: "doc/print-date", field: "print_date", params: { date } });
  }
  return {
    issuer,
    format,
    upward,
    mark,
    number,
    signer,
    printer,
    printDate,
    cc,
    problems,
  };
}

/** One issue of a notice file: a month (year to date) or the year. */
export interface NoticeSlot {
  /** `3` … `12`, or `annual`: the key of `numbers`, `dates` and `print_dates`. */
  key: string;
  month: number | null;
  /** 成文日期: as given, else the 5th of the next month (the 10th of January for the year). */
  date: string;
  kind: "monthly-notice" | "annual-notice";
  header: HeaderFields;
}

/** The issues a notice file makes, in order: its months, then the year. */
export function noticeSlots(n: NoticeFile): NoticeSlot[] {
  const slot = (key: string, month: number | null, fallback: string): NoticeSlot => {
    const monthly = month !== null;
    return {
      key,
      month,
      date: n.dates[key] ?? fallback,
      kind: monthly ? "monthly-notice" : "annual-notice",
      header: {
        issuer: monthly ? n.monthly_issuer : n.issuer,
        format: monthly ? n.monthly_format : n.format,
        number: n.numbers[key],
        issuer_mark: n.issuer_mark,
        signer: n.signer,
        printer: n.printer,
        print_date: n.print_dates[key] ?? n.print_date,
        cc: n.cc,
      },
    };
  };
  const out = n.months.map((m) => slot(String(m), m, addDays(monthEnd(n.year, m), 5)));
  if (n.annual) out.push(slot("annual", null, addDays(`${n.year}-12-31`, 10)));
  return out;
}
