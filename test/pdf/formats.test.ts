// The three formats on paper, in mm from the top-left corner of the page (../shared/GBT9704.md
// "Formats"): 信函格式 (§10.1) for the monthly notices, 文件格式 with 签发人 for an upward report,
// and no 版头 at all for what is not a 公文 (agreements, scoring sheets, internal summaries).
import { describe, expect, it } from "vitest";
import type { Block } from "../../src/doc/types.ts";
import type { Rule, TextRun } from "../../src/pdf/boxes.ts";
import { BLACK, CHAR, LINE, RED, toMm } from "../../src/pdf/gbt9704.ts";
import { layoutDoc } from "../../src/pdf/layout.ts";
import { doc, examplePublication, fonts, lines, para, placed } from "./support.ts";

const CHAR_MM = toMm(CHAR);
const LINE_MM = toMm(LINE);
const EM3 = toMm(16);
/** Top of the glyphs of a line of `size` pt whose baseline is `y` mm. */
const glyphTop = (y: number, size: number) => y - 0.88 * toMm(size);
const rulesOf = (items: readonly unknown[], color: readonly number[]) =>
  (items as Rule[]).filter((i) => i.type === "rule" && i.color.join() === color.join());
const edges = (r: Rule) => ({
  top: toMm(r.y1 - r.width / 2),
  bottom: toMm(r.y1 + r.width / 2),
  width: toMm(r.width),
  x1: toMm(r.x1),
  x2: toMm(r.x2),
});

describe("信函格式 (the example monthly notice of the petition office)", async () => {
  const pub = await examplePublication();
  const notice = pub.documents.find((d) => d.doc.meta.id === "notice-2025-03")!.doc;
  const laid = layoutDoc(notice, fonts());
  const page1 = laid.pages[0]!;
  const mark = page1.items.find((i): i is TextRun => i.type === "text" && i.color === RED)!;
  const red = rulesOf(page1.items, RED)
    .map(edges)
    .sort((a, b) => a.top - b.top);
  const number = lines(page1).find((l) => l.text.startsWith("青信办"))!;
  const title = lines(page1).find((l) => l.size === 22)!;

  it("sets the issuer's full name in red, its top edge 30 mm below the top of the page, centred", () => {
    expect(
      placed(mark)
        .map((g) => g.text)
        .join(""),
    ).toBe("青禾镇信访工作领导小组办公室");
    expect(Math.abs(toMm(mark.y - 0.88 * mark.size) - 30)).toBeLessThan(0.5);
    const xs = placed(mark).map((g) => toMm(g.x));
    const right = xs.at(-1)! + toMm(mark.size * (mark.hScale ?? 1));
    expect((xs[0]! + right) / 2).toBeCloseTo(106, 0);
    expect(xs[0]!).toBeGreaterThanOrEqual(28 - 0.01);
    expect(right).toBeLessThanOrEqual(184 + 0.01);
  });

  it("draws a red double rule, thick over thin, 4 mm below the 标志, 170 mm long and centred", () => {
    expect(red).toHaveLength(4);
    const [thick, thin] = red;
    const markBottom = toMm(mark.y - 0.88 * mark.size + mark.size);
    expect(thick!.top - markBottom).toBeCloseTo(4, 1);
    expect(thick!.width).toBeGreaterThan(thin!.width);
    expect(thin!.top).toBeGreaterThan(thick!.bottom);
    for (const r of [thick!, thin!]) {
      expect(r.x1).toBeCloseTo(20, 1);
      expect(r.x2).toBeCloseTo(190, 1);
    }
  });

  it("draws the second double rule, thin over thick, its lower edge 20 mm above the bottom of the page", () => {
    const [, , thin, thick] = red;
    expect(thin!.width).toBeLessThan(thick!.width);
    expect(thin!.bottom).toBeLessThan(thick!.top);
    expect(thick!.bottom).toBeCloseTo(297 - 20, 1);
    expect(thick!.x2 - thick!.x1).toBeCloseTo(170, 1);
  });

  it("puts the 发文字号 flush right, its top 7/8 of a 3号 character below the first double rule", () => {
    const ruleBottom = red[1]!.bottom;
    expect(glyphTop(number.y, 16) - ruleBottom).toBeCloseTo((7 / 8) * EM3, 1);
    expect(number.xs.at(-1)! + CHAR_MM).toBeCloseTo(184, 1);
    expect(number.text).toBe("青信办〔2025〕2号");
  });

  it("centres the title two lines below the 发文字号", () => {
    const numberLineTop = number.y - 0.88 * EM3 - (LINE_MM - EM3) / 2;
    const titleLineTop = title.y - 0.88 * toMm(22) - (LINE_MM - toMm(22)) / 2;
    expect(titleLineTop - numberLineTop).toBeCloseTo(3 * LINE_MM, 1);
  });

  it("prints no page number on page 1, and numbers the pages after it", () => {
    expect(page1.number).toBeNull();
    expect(lines(page1).some((l) => l.y > 262 && l.text.startsWith("—"))).toBe(false);
    expect(laid.pages[1]!.number).toBe(2);
    expect(lines(laid.pages[1]!).some((l) => l.y > 262 && l.text === "—2—")).toBe(true);
  });

  it("ends with a 版记 of 抄送 only: no 印发机关, no 印发日期, no rules, at the foot of the text block", () => {
    const last = laid.pages.at(-1)!;
    expect(rulesOf(last.items, BLACK)).toEqual([]);
    const colophon = lines(last).filter((l) => l.size === 14 && l.y < 262);
    expect(colophon.map((l) => l.text)).toEqual(["抄送：县信访局。"]);
    const lineTop = colophon[0]!.y - 0.88 * toMm(14) - (LINE_MM - toMm(14)) / 2;
    expect(lineTop + LINE_MM).toBeCloseTo(262, 1);
    expect(lines(last).some((l) => l.text.includes("印发"))).toBe(false);
    // the 署名 is the issuer's, as its 标志 and 代字
    expect(lines(last).some((l) => l.text === "青禾镇信访工作领导小组办公室")).toBe(true);
  });
});

describe("文件格式 with 签发人 (the example annual summary sent to the county)", async () => {
  const pub = await examplePublication();
  const report = pub.documents.find((d) => d.doc.meta.id === "report-2025-annual")!.doc;
  const laid = layoutDoc(report, fonts());
  const page1 = lines(laid.pages[0]!);
  const numberLine = page1.find((l) => l.text.startsWith("青政发"))!;

  it("puts the 发文字号 1 字 from the left and 签发人 1 字 from the right on one line", () => {
    expect(numberLine.text).toBe("青政发〔2026〕2号签发人：宋文斌");
    expect(numberLine.x).toBeCloseTo(28 + CHAR_MM, 1);
    expect(numberLine.xs.at(-1)! + CHAR_MM).toBeCloseTo(184 - CHAR_MM, 1);
  });

  it("ends with the 版记 of its issuer's 印发机关 and the 印发日期", () => {
    const last = lines(laid.pages.at(-1)!).filter((l) => l.size === 14 && l.y < 262);
    expect(last.map((l) => l.text)).toEqual(["青禾镇党政办公室2026年1月8日印发"]);
  });
});

describe("no 版头 (what is not a 公文)", async () => {
  const pub = await examplePublication();

  it("starts an agreement with its centred title on the first line, the body one blank line below", () => {
    const agreement = pub.documents.find((d) => d.doc.meta.id === "agreement-2025-beiling")!.doc;
    const laid = layoutDoc(agreement, fonts());
    const page1 = laid.pages[0]!;
    expect(page1.items.some((i) => "color" in i && i.color === RED)).toBe(false);
    const [title, body] = lines(page1);
    expect(title!.size).toBe(22);
    const titleTop = title!.y - 0.88 * toMm(22) - (LINE_MM - toMm(22)) / 2;
    expect(titleTop).toBeCloseTo(37, 1);
    const bodyTop = body!.y - 0.88 * EM3 - (LINE_MM - EM3) / 2;
    expect(bodyTop - titleTop).toBeCloseTo(2 * LINE_MM, 1);
    // no 版记 and no rules at all
    expect(laid.pages.flatMap((p) => rulesOf(p.items, BLACK))).toEqual([]);
  });

  it("starts a scoring sheet with its title, then the table, then the lines it is signed on", () => {
    const sheet = pub.documents.find((d) => d.doc.meta.id === "scoring-sheet-2025-dongpo")!.doc;
    const laid = layoutDoc(sheet, fonts());
    const page1 = lines(laid.pages[0]!);
    expect(page1[0]!.text).toBe("东坡村2025年度信访工作考评得分表");
    expect(page1[1]!.text).toBe("考评项目分值扣分得分事项");
    const signed = laid.pages.flatMap((p) => lines(p)).filter((l) => l.text.includes("（签字"));
    expect(signed.map((l) => l.text)).toEqual([
      "考评人（签字）：审核人（签字）：",
      "村（社区）负责人（签字确认）：",
    ]);
  });
});

describe("the lines a form is signed on", () => {
  const signLines: Block = {
    type: "signLines",
    rows: [
      ["考评人（签字）：", "审核人（签字）："],
      ["村（社区）负责人（签字确认）："],
      ["日期："],
    ],
  };

  it("sets a second field 16 字 in, the first 2 字 in, one grid line each below a blank line", () => {
    const laid = layoutDoc(doc([para("正文。"), signLines], { format: "none" }), fonts());
    const all = lines(laid.pages[0]!);
    const body = all.find((l) => l.text === "正文。")!;
    const first = all.find((l) => l.text.startsWith("考评人"))!;
    expect(first.y - body.y).toBeCloseTo(2 * LINE_MM, 2);
    expect(first.x).toBeCloseTo(28 + 2 * CHAR_MM, 1);
    const second = first.xs[[..."考评人（签字）："].length]!;
    expect(second).toBeCloseTo(28 + 16 * CHAR_MM, 1);
    const date = all.find((l) => l.text === "日期：")!;
    expect(date.y - first.y).toBeCloseTo(2 * LINE_MM, 2);
  });

  it("keeps them together: with two lines left on the page they all move to the next", () => {
    // title line, blank line, then 18 body lines: two lines remain on page 1
    const body = Array.from({ length: 18 }, (_, i) => para(`第${i + 1}行。`));
    const laid = layoutDoc(doc([...body, signLines], { format: "none" }), fonts());
    expect(laid.pages).toHaveLength(2);
    expect(lines(laid.pages[0]!).some((l) => l.text.includes("签字"))).toBe(false);
    expect(
      lines(laid.pages[1]!)
        .filter((l) => l.y < 262)
        .map((l) => l.text.slice(0, 3)),
    ).toEqual(["考评人", "村（社", "日期："]);
  });
});
