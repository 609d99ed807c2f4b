// GB/T 9704 layout in numbers: the 28 × 22 grid and the position of every element, in mm from
// the top-left corner of the page, within 0.5 mm of ../shared/GBT9704.md.
import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import type { Block } from "../../src/doc/types.ts";
import type { Rule, TextRun } from "../../src/pdf/boxes.ts";
import { CHAR, LINE, RED, toMm } from "../../src/pdf/gbt9704.ts";
import { layoutDoc } from "../../src/pdf/layout.ts";
import { doc, examplePublication, fonts, heading, lines, para, placed, runs } from "./support.ts";

const CHAR_MM = toMm(CHAR);
const LINE_MM = toMm(LINE);
/** Baseline of grid line i (0-based): 3号 glyphs centred in a 10.227 mm line, em box 0.88 above. */
const baseline = (i: number) => 37 + i * LINE_MM + (LINE_MM - toMm(16)) / 2 + 0.88 * toMm(16);
const bodyLines = (page: Parameters<typeof lines>[0]) =>
  lines(page).filter((l) => l.y < 262 && l.size === 16);

describe("the grid", () => {
  it("has 28 characters of 5.571 mm on a body line, 26 after the 2-character indent", () => {
    const laid = layoutDoc(doc([para("国".repeat(26 + 28 + 28 + 5))]), fonts());
    const [first, second] = bodyLines(laid.pages[0]!).slice(-4);
    expect(CHAR_MM).toBeCloseTo(5.571, 3);
    expect([...first!.text].length).toBe(26);
    expect(first!.x).toBeCloseTo(28 + 2 * CHAR_MM, 2);
    expect([...second!.text].length).toBe(28);
    expect(second!.x).toBeCloseTo(28, 2);
    second!.xs.forEach((x, k) => expect(x).toBeCloseTo(28 + k * CHAR_MM, 2));
    expect(second!.xs.at(-1)! + CHAR_MM).toBeCloseTo(184, 2);
  });

  it("has 22 lines of 10.227 mm on a full page, the first baseline 7.26 mm below the text block top", () => {
    const body: Block[] = Array.from({ length: 40 }, (_, i) =>
      para(`第${i + 1}段。${"信访工作".repeat(12)}`),
    );
    const laid = layoutDoc(doc(body), fonts());
    const page2 = bodyLines(laid.pages[1]!);
    expect(page2).toHaveLength(22);
    page2.forEach((l, i) => expect(l.y).toBeCloseTo(baseline(i), 2));
    expect(LINE_MM).toBeCloseTo(10.227, 3);
    // page 1 body lines sit on the same grid
    for (const l of bodyLines(laid.pages[0]!)) {
      const k = (l.y - baseline(0)) / LINE_MM;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(0.001);
    }
  });

  it("justifies every line but a paragraph's last to the full 156 mm measure", () => {
    const laid = layoutDoc(
      doc([
        para(
          "按照要求，认真做好（社区）“三包”工作，扣分2025年第40周免报；ledger/2025/petitions.yaml。".repeat(
            3,
          ),
        ),
      ]),
      fonts(),
    );
    const body = bodyLines(laid.pages[0]!).slice(-5);
    for (const l of body.slice(0, -1)) {
      const lastChar = [...l.text].at(-1)!;
      const lastWidth = /[\x20-\x7e]/.test(lastChar) ? 0 : CHAR_MM / 2;
      expect(l.xs.at(-1)! + lastWidth).toBeGreaterThan(184 - CHAR_MM);
      expect(l.xs.at(-1)!).toBeLessThan(184);
    }
  });
});

describe("版头 and title (example work plan)", async () => {
  const pub = await examplePublication();
  const plan = pub.documents.find((d) => d.doc.meta.id === "plan-2025-annual")!.doc;
  const laid = layoutDoc(plan, fonts());
  const page1 = laid.pages[0]!;
  const textRuns = page1.items.filter((i): i is TextRun => i.type === "text");
  const mark = textRuns.find((r) => r.color === RED)!;
  const separator = page1.items.find((i): i is Rule => i.type === "rule" && i.color === RED)!;
  const number = lines(page1).find((l) => l.text.includes("〔"))!;
  const title = lines(page1).find((l) => l.size === 22)!;

  it("sets the red 发文机关标志 with its top edge 35 mm below the text block (72 mm from the top)", () => {
    expect(toMm(mark.y - 0.88 * mark.size)).toBeCloseTo(72, 0);
    expect(Math.abs(toMm(mark.y - 0.88 * mark.size) - 72)).toBeLessThan(0.5);
    const xs = placed(mark).map((g) => toMm(g.x));
    expect(xs[0]!).toBeGreaterThan(27.99);
    expect((xs[0]! + xs.at(-1)! + toMm(mark.size * (mark.hScale ?? 1))) / 2).toBeCloseTo(106, 0);
  });

  it("puts the 发文字号 two blank lines below the 标志, centred, and the red separator 4 mm below it", () => {
    const markBottom = toMm(mark.y - 0.88 * mark.size + mark.size);
    expect(number.text).toBe("青政发〔2025〕3号");
    expect(number.y - 0.88 * toMm(16) - (LINE_MM - toMm(16)) / 2 - markBottom).toBeCloseTo(
      2 * LINE_MM,
      1,
    );
    const emBottom = number.y + 0.12 * toMm(16);
    expect(Math.abs(toMm(separator.y1) - emBottom - 4)).toBeLessThan(0.5);
    expect(toMm(separator.x1)).toBeCloseTo(28, 1);
    expect(toMm(separator.x2)).toBeCloseTo(184, 1);
  });

  it("centres the 2号 title two blank lines below the separator, 主送机关 one blank line below it", () => {
    const titleTop = title.y - 0.88 * toMm(22) - (LINE_MM - toMm(22)) / 2;
    expect(Math.abs(titleTop - toMm(separator.y1) - 2 * LINE_MM)).toBeLessThan(0.5);
    expect(title.text).toBe("青禾镇2025年度信访工作方案");
    const recipients = lines(page1).find((l) => l.text.startsWith("各村"))!;
    expect(recipients.text.endsWith("：")).toBe(true);
    expect(recipients.x).toBeCloseTo(28, 1);
    expect(recipients.y - title.y).toBeGreaterThanOrEqual(2 * LINE_MM - 0.5);
  });

  it("prints page numbers — N — with the dash's top 7 mm below the text block, odd pages 1 字 from the right, even from the left", () => {
    for (const [i, page] of laid.pages.entries()) {
      const num = lines(page).find((l) => l.size === 14 && l.text.startsWith("—") && l.y > 262);
      if (page.number === null) {
        expect(num).toBeUndefined();
        continue;
      }
      expect(num!.text).toBe(`—${i + 1}—`);
      // the ink of the 一字线, read from the font file by fontkit: its top edge at 262 + 7 mm
      const run = runs(page.items).find((r) => r.size === 14 && toMm(r.y) > 262)!;
      const font = fontkit.create(readFileSync(run.face.key));
      const dash = font.glyphForCodePoint(0x2014).bbox;
      const inkTop = num!.y - toMm((dash.maxY / font.unitsPerEm) * 14);
      const inkBottom = num!.y - toMm((dash.minY / font.unitsPerEm) * 14);
      expect(Math.abs(inkTop - 269)).toBeLessThan(0.05);
      expect(inkBottom).toBeGreaterThan(269);
      expect(inkBottom - 269).toBeLessThan(1);
      if ((i + 1) % 2 === 1) expect(num!.xs.at(-1)! + toMm(14)).toBeCloseTo(184 - CHAR_MM, 1);
      else expect(num!.x).toBeCloseTo(28 + CHAR_MM, 1);
    }
  });

  it("ends with the 版记 on an even page, its last rule on the bottom edge of the text block", () => {
    const last = laid.pages.at(-1)!;
    expect(laid.pages.length % 2).toBe(0);
    // The 版记's three rules close the page (a table may end above them on the same page).
    const rules = last.items
      .filter((i): i is Rule => i.type === "rule")
      .map((r) => [toMm(r.y1), toMm(r.width)])
      .slice(-3);
    expect(rules.at(-1)![0]).toBeCloseTo(262, 1);
    expect(rules.at(-1)![1]).toBeCloseTo(0.35, 2);
    expect(rules[0]![1]).toBeCloseTo(0.35, 2);
    expect(rules[1]![1]).toBeCloseTo(0.25, 2);
    const printed = lines(last).filter((l) => l.size === 14 && l.y < 262 && l.y > rules[0]![0]!);
    expect(printed.map((l) => l.text)).toEqual([
      "抄送：县信访局，镇党委各委员，镇人大主席团。",
      "青禾镇党政办公室2025年1月21日印发",
    ]);
    expect(printed[1]!.x).toBeCloseTo(28 + CHAR_MM, 1);
    expect(printed[1]!.xs.at(-1)! + toMm(14)).toBeCloseTo(184 - CHAR_MM, 1);
    // The example plan's 考评细则 table ends on the 版记 page: it keeps its number.
    expect(lines(last).filter((l) => l.y < rules[0]![0]!).length).toBeGreaterThan(0);
    expect(last.number).toBe(laid.pages.length);
  });

  it("sets the 版记 on an even page of its own, without a number, when the body ends on an odd page", () => {
    const short = layoutDoc(
      doc([para("信访工作".repeat(10))], { cc: ["县信访局"], printer: "青禾镇党政办公室" }),
      fonts(),
    );
    expect(short.pages.length).toBe(2);
    expect(short.pages[0]!.number).toBe(1);
    expect(short.pages[1]!.number).toBeNull();
    expect(bodyLines(short.pages[1]!)).toEqual([]);
  });

  it("starts the attachment on a new page: 附件 on line 1 in 黑体, its title centred on line 3", () => {
    const at = laid.pages.findIndex((p) => lines(p)[0]?.text === "附件");
    expect(at).toBeGreaterThan(0);
    const [label, title2] = lines(laid.pages[at]!);
    expect(label!.y).toBeCloseTo(baseline(0), 1);
    expect(title2!.text).toBe("2025年度村（社区）信访工作考评细则");
    expect(title2!.y - 0.88 * toMm(22) - (LINE_MM - toMm(22)) / 2).toBeCloseTo(37 + 2 * LINE_MM, 1);
    const f = fonts();
    expect(runs(laid.pages[at]!.items)[0]!.face).toBe(f.roles.黑体[0]);
  });

  it("sets the 成文日期 4 字 from the right under a seal, the 署名 centred above it, 附注 after", () => {
    const page = laid.pages.find((p) => lines(p).some((l) => l.text === "2025年1月20日"))!;
    const ls = lines(page);
    const d = ls.findIndex((l) => l.text === "2025年1月20日");
    const date = ls[d]!;
    const signer = ls[d - 1]!;
    expect(date.xs.at(-1)! + CHAR_MM).toBeCloseTo(184 - 4 * CHAR_MM, 1);
    expect(signer.text).toBe("青禾镇人民政府");
    const mid = (l: typeof date, w: number) => (l.x + l.xs.at(-1)! + w) / 2;
    expect(mid(signer, CHAR_MM)).toBeCloseTo(mid(date, CHAR_MM), 0);
    expect(ls[d + 1]!.text).toBe("（此件公开发布）");
    expect(ls[d + 1]!.x).toBeCloseTo(28 + 2 * CHAR_MM, 1);
  });
});

describe("elements a document may have", () => {
  it("sets 份号, 密级 and 紧急程度 flush left on lines 1–3 in that order", () => {
    const laid = layoutDoc(
      doc([para("正文。")], {
        copy: "000123",
        secret: { level: "秘密", term: "1年" },
        urgency: "特急",
        issuerMark: "青禾镇人民政府文件",
      }),
      fonts(),
    );
    const ls = lines(laid.pages[0]!).slice(0, 3);
    expect(ls.map((l) => l.text)).toEqual(["000123", "秘密★1年", "特急"]);
    ls.forEach((l, i) => {
      expect(l.y).toBeCloseTo(baseline(i), 1);
      expect(l.x).toBeCloseTo(28, 1);
    });
  });

  it("puts 签发人 1 字 from the right on the 发文字号 line, the 字号 1 字 from the left", () => {
    const laid = layoutDoc(
      doc([para("正文。")], {
        issuerMark: "青禾镇人民政府",
        number: "青政发〔2025〕7号",
        signer: "宋文斌",
      }),
      fonts(),
    );
    const line = lines(laid.pages[0]!).find((l) => l.text.includes("签发人"))!;
    expect(line.text).toBe("青政发〔2025〕7号签发人：宋文斌");
    expect(line.x).toBeCloseTo(28 + CHAR_MM, 1);
    expect(line.xs.at(-1)! + CHAR_MM).toBeCloseTo(184 - CHAR_MM, 1);
  });

  it("without a seal: 署名 2 字 from the right one blank line below the body, the date 2 字 right of its start", () => {
    const signature = (name: string): Block => ({
      type: "signature",
      parties: [{ name }],
      date: "2025-03-01",
      seal: false,
    });
    const long = layoutDoc(
      doc([para("正文。"), signature("青禾镇人民政府信访工作领导小组办公室")]),
      fonts(),
    );
    const ls = lines(long.pages[0]!);
    const s = ls.findIndex((l) => l.text === "青禾镇人民政府信访工作领导小组办公室");
    expect(ls[s]!.y - ls[s - 1]!.y).toBeCloseTo(2 * LINE_MM, 1);
    expect(ls[s]!.xs.at(-1)! + CHAR_MM).toBeCloseTo(184 - 2 * CHAR_MM, 1);
    expect(ls[s + 1]!.text).toBe("2025年3月1日");
    expect(ls[s + 1]!.x).toBeCloseTo(ls[s]!.x + 2 * CHAR_MM, 1);
    // a date longer than the 署名 minus 2 字 ends 2 字 from the right instead
    const short = lines(
      layoutDoc(doc([para("正文。"), signature("青禾镇信访办")]), fonts()).pages[0]!,
    );
    const date = short.find((l) => l.text === "2025年3月1日")!;
    expect(date.xs.at(-1)! + CHAR_MM).toBeCloseTo(184 - 2 * CHAR_MM, 1);
  });

  it("balances a long title into lines of similar length, breaking between words", () => {
    const laid = layoutDoc(
      doc([para("正文。")], {
        title: "关于2025年度村（社区）信访工作考评结果和奖惩兑现情况的通报",
      }),
      fonts(),
    );
    const titles = lines(laid.pages[0]!).filter((l) => l.size === 22);
    expect(titles).toHaveLength(2);
    const [a, b] = titles.map((l) => [...l.text].length);
    expect(Math.abs(a! - b!)).toBeLessThanOrEqual(4);
    expect(titles.map((t) => t.text).join("")).toBe(
      "关于2025年度村（社区）信访工作考评结果和奖惩兑现情况的通报",
    );
    // centred
    for (const t of titles) expect((t.x + t.xs.at(-1)! + toMm(22)) / 2).toBeCloseTo(106, 0);
  });

  it("never leaves a heading as the last line of a page", () => {
    for (let fill = 10; fill < 30; fill++) {
      const body: Block[] = [
        ...Array.from({ length: fill }, () => para("信访工作".repeat(6))),
        heading(1, "二、工作要求"),
        para("正文".repeat(20)),
      ];
      const laid = layoutDoc(doc(body), fonts());
      for (const page of laid.pages) {
        const ls = bodyLines(page);
        expect(ls.at(-1)?.text).not.toBe("二、工作要求");
      }
    }
  });

  it("never starts a page with a paragraph's lone last character: the line before it goes along", () => {
    // a number too long to come down and no punctuation to squeeze: 「元。」 stays alone
    const text = [...Array(12).keys()]
      .map((k) => `${"国".repeat(14 + k)}1234567890123元。`)
      .find((t) => {
        const ls = lines(layoutDoc(doc([para(t)]), fonts()).pages[0]!).filter(
          (l) => l.size === 16 && l.y < 262,
        );
        return ls.at(-1)!.text === "元。";
      })!;
    expect(text).toBeDefined();
    let moved = 0;
    for (let fill = 10; fill < 30; fill++) {
      const laid = layoutDoc(
        doc([...Array.from({ length: fill }, () => para("信访工作".repeat(6))), para(text)]),
        fonts(),
      );
      for (const page of laid.pages.slice(1)) {
        const first = bodyLines(page)[0];
        expect(first?.text, `after ${fill} lines`).not.toBe("元。");
        if (first && first.text !== "信访工作".repeat(6)) {
          moved++;
          expect(bodyLines(page)[1]?.text).toBe("元。");
        }
      }
    }
    expect(moved).toBeGreaterThan(0);
  });

  it("keeps the two-party signature with the last lines of its paragraph, or says 此页无正文", () => {
    const sig: Block = {
      type: "signature",
      parties: [
        { role: "甲方", name: "青禾镇人民政府", signer: "宋文斌" },
        { role: "乙方", name: "东坡村", signer: "唐建军" },
      ],
      date: "2025-02-10",
      seal: true,
    };
    for (let fill = 12; fill < 24; fill++) {
      const body: Block[] = [
        ...Array.from({ length: fill }, () => para("信访工作".repeat(6))),
        para("本责任书自签订之日起生效，由甲方负责解释。本责任书一式两份，甲乙双方各执一份。"),
        sig,
      ];
      const laid = layoutDoc(doc(body), fonts());
      const page = laid.pages.find((p) => lines(p).some((l) => l.text.startsWith("甲方")))!;
      const ls = lines(page);
      const at = ls.findIndex((l) => l.text.startsWith("甲方"));
      expect(at).toBeGreaterThan(0);
      expect(ls[at - 1]!.text).toContain("各执一份");
      expect(ls.map((l) => l.text)).toContain("负责人（签字）：宋文斌负责人（签字）：唐建军");
    }
    // after a table nothing of the body can go along: the signature page says 此页无正文
    let saw = false;
    for (let fill = 12; fill < 21; fill++) {
      const table: Block = {
        type: "table",
        columns: [
          { title: "项目", align: "left" },
          { title: "分值", align: "right" },
        ],
        rows: [[[{ type: "text", text: "基础分" }], [{ type: "text", text: "100" }]]],
      };
      const laid = layoutDoc(
        doc([...Array.from({ length: fill }, () => para("信访工作".repeat(6))), table, sig]),
        fonts(),
      );
      const sigPage = laid.pages.findIndex((p) => lines(p).some((l) => l.text.startsWith("甲方")));
      const tablePage = laid.pages.findIndex((p) => lines(p).some((l) => l.text === "项目分值"));
      const first = lines(laid.pages[sigPage]!)[0]!.text;
      if (sigPage !== tablePage) {
        saw = true;
        expect(first).toBe("（此页无正文）");
      } else expect(first).not.toBe("（此页无正文）");
    }
    expect(saw).toBe(true);
  });
});
