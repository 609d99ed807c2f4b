// Who issues a document and in which format: office.yaml's issuers, the defaults per kind
// (../shared/GBT9704.md "Formats"), and the 标志, 发文字号, 签发人, 印发机关 and 印发日期 that
// follow — with the problems `check` reports on them.
import { describe, expect, it } from "vitest";
import { officeSchema } from "../../schemas/index.ts";
import type { Office } from "../../schemas/index.ts";
import { noticeSlots, numberCode, resolveIssue } from "../../src/validate/issue.ts";
import { documentSchemas } from "../../schemas/index.ts";

const office: Office = officeSchema.parse({
  name: "青禾镇人民政府",
  short_name: "青禾镇",
  issuers: [
    {
      name: "青禾镇人民政府",
      short_name: "青禾镇政府",
      code: "青政发",
      printer: "青禾镇党政办公室",
    },
    { name: "青禾镇信访工作领导小组办公室", code: "青信办", petition_office: true },
  ],
});
const codes = (i: { problems: { code: string }[] }) => i.problems.map((p) => p.code);

describe("defaults per kind", () => {
  it("sets a plan in 文件格式 of the first issuer: its 标志, its 署名 and its 印发机关", () => {
    const i = resolveIssue(office, "plan", { number: "青政发〔2025〕3号" }, "2025-01-20");
    expect(i.format).toBe("file");
    expect(i.issuer?.name).toBe("青禾镇人民政府");
    expect(i.mark).toBe("青禾镇人民政府文件");
    expect(i.printer).toBe("青禾镇党政办公室");
    expect(i.printDate).toBe("2025-01-20");
    expect(codes(i)).toEqual(["doc/print-date"]);
  });

  it("sets a monthly notice as a letter of the petition office: full name as 标志, no 印发机关", () => {
    const i = resolveIssue(
      office,
      "monthly-notice",
      { number: "青信办〔2025〕2号", cc: ["县信访局"], printer: "青禾镇信访工作领导小组办公室" },
      "2025-04-07",
    );
    expect(i.format).toBe("letter");
    expect(i.issuer?.name).toBe("青禾镇信访工作领导小组办公室");
    expect(i.mark).toBe("青禾镇信访工作领导小组办公室");
    expect([i.printer, i.printDate]).toEqual([null, null]);
    expect(i.cc).toEqual(["县信访局"]);
    expect(codes(i)).toEqual([]);
  });

  it("prints agreements, scoring sheets and (by default) summaries without any 版头 or 版记", () => {
    for (const kind of ["agreement", "scoring-sheet", "report"] as const) {
      const i = resolveIssue(
        office,
        kind,
        { number: "青政发〔2025〕9号", cc: ["县信访局"] },
        "2025-02-10",
      );
      expect([i.format, i.mark, i.number, i.printer, i.printDate, i.cc]).toEqual([
        "none",
        null,
        null,
        null,
        null,
        [],
      ]);
      expect(codes(i)).toEqual([]);
    }
    expect(resolveIssue(office, "scoring-sheet", {}, "2026-01-12").issuer?.name).toBe(
      "青禾镇信访工作领导小组办公室",
    );
  });

  it("sets an upward 报告 in 文件格式 with its 签发人, and warns when it has none", () => {
    const signed = resolveIssue(
      office,
      "report",
      { format: "报告", number: "青政发〔2026〕2号", signer: "宋文斌", print_date: "2026-01-08" },
      "2026-01-08",
    );
    expect([signed.format, signed.upward, signed.signer]).toEqual(["file", true, "宋文斌"]);
    expect(codes(signed)).toEqual([]);
    const unsigned = resolveIssue(
      office,
      "report",
      { format: "报告", number: "青政发〔2026〕2号", print_date: "2026-01-08" },
      "2026-01-08",
    );
    expect(codes(unsigned)).toEqual(["doc/report-signer"]);
  });
});

describe("one body behind 标志, 代字, 署名 and 印发机关", () => {
  it("finds the issuer a document names by full or short name, and refuses an unknown one", () => {
    const byShort = resolveIssue(
      office,
      "plan",
      { issuer: "青禾镇政府", number: "青政发〔2025〕1号", print_date: "2025-01-02" },
      "2025-01-01",
    );
    expect(byShort.issuer?.name).toBe("青禾镇人民政府");
    const unknown = resolveIssue(office, "plan", { issuer: "镇信访办" }, "2025-01-01");
    expect(unknown.problems[0]).toEqual({
      code: "doc/unknown-issuer",
      field: "issuer",
      params: { name: "镇信访办", known: ["青禾镇人民政府", "青禾镇信访工作领导小组办公室"] },
    });
  });

  it("takes a 标志 or 印发机关 written in the document only when it names the issuer", () => {
    const own = resolveIssue(
      office,
      "plan",
      {
        number: "青政发〔2025〕1号",
        issuer_mark: "青禾镇政府文件",
        printer: "青禾镇人民政府办公室",
        print_date: "2025-01-02",
      },
      "2025-01-01",
    );
    expect([own.mark, own.printer]).toEqual(["青禾镇政府文件", "青禾镇人民政府办公室"]);
    expect(codes(own)).toEqual([]);
    const foreign = resolveIssue(
      office,
      "plan",
      {
        number: "青政发〔2025〕1号",
        issuer_mark: "青禾镇信访办文件",
        printer: "青禾镇信访办公室",
        print_date: "2025-01-02",
      },
      "2025-01-01",
    );
    expect(foreign.problems.map((p) => [p.code, p.field])).toEqual([
      ["doc/issuer-mismatch", "issuer_mark"],
      ["doc/issuer-mismatch", "printer"],
    ]);
  });

  it("warns on a 文件 without 发文字号 and on a 代字 that is not the issuer's", () => {
    expect(codes(resolveIssue(office, "plan", { print_date: "2025-01-02" }, "2025-01-01"))).toEqual(
      ["doc/missing-number"],
    );
    const foreign = resolveIssue(
      office,
      "annual-notice",
      { number: "青信办〔2026〕1号", print_date: "2026-01-12" },
      "2026-01-12",
    );
    expect(foreign.problems).toEqual([
      {
        code: "doc/number-code",
        field: "number",
        params: {
          number: "青信办〔2026〕1号",
          code: "青信办",
          expected: "青政发",
          issuer: "青禾镇人民政府",
        },
      },
    ]);
    expect(numberCode("青政发[2025]3号")).toBe("青政发");
  });

  it("reads the older office.yaml (code, signatory) as one issuer", () => {
    const old = officeSchema.parse({
      name: "东山镇人民政府",
      code: "东政发",
      signatory: "东山镇人民政府",
    });
    const i = resolveIssue(old, "monthly-notice", { number: "东政发〔2025〕1号" }, "2025-04-05");
    expect([i.issuer?.name, i.issuer?.code, i.format, i.mark]).toEqual([
      "东山镇人民政府",
      "东政发",
      "letter",
      "东山镇人民政府",
    ]);
    expect(codes(i)).toEqual([]);
  });
});

describe("notice slots", () => {
  it("issues each month as a letter of the petition office and the year as a 文件 of the town", () => {
    const n = documentSchemas().notice.parse({
      id: "2025",
      year: 2025,
      months: [3, 12],
      numbers: { "3": "青信办〔2025〕2号", annual: "青政发〔2026〕1号" },
      dates: { "3": "2025-04-07" },
      print_dates: { annual: "2026-01-13" },
    });
    const slots = noticeSlots(n);
    expect(slots.map((s) => [s.key, s.kind, s.date])).toEqual([
      ["3", "monthly-notice", "2025-04-07"],
      ["12", "monthly-notice", "2026-01-05"],
      ["annual", "annual-notice", "2026-01-10"],
    ]);
    const annual = resolveIssue(office, "annual-notice", slots[2]!.header, slots[2]!.date);
    expect([annual.format, annual.number, annual.printDate]).toEqual([
      "file",
      "青政发〔2026〕1号",
      "2026-01-13",
    ]);
    const december = resolveIssue(office, "monthly-notice", slots[1]!.header, slots[1]!.date);
    expect([december.format, december.number, codes(december)]).toEqual(["letter", null, []]);
  });
});
