// Tables: widths from content, a long table over several pages with its header on each, rows
// never split, totals last, numbers right-aligned, wide tables on turned (landscape) pages.
import { describe, expect, it } from "vitest";
import type { Block, Inline } from "../../src/doc/types.ts";
import { BLOCK_WIDTH, LANDSCAPE_WIDTH, toMm } from "../../src/pdf/gbt9704.ts";
import { layoutDoc, planRows } from "../../src/pdf/layout.ts";
import { allocate, favourWidest, layoutTable } from "../../src/pdf/table.ts";
import type { Page } from "../../src/pdf/boxes.ts";
import { doc, fonts, lines, pageText, para, placed, runs } from "./support.ts";

const cell = (text: string): Inline[] => [{ type: "text", text }];

function scoring(n: number): Extract<Block, { type: "table" }> {
  return {
    type: "table",
    columns: [
      { title: "序号", align: "right" },
      { title: "村（社区）", align: "left" },
      { title: "事由", align: "left" },
      { title: "得分", align: "right" },
    ],
    rows: Array.from({ length: n }, (_, i) => [
      cell(String(i + 1)),
      cell(`第${i + 1}村`),
      cell(
        i % 5 === 0
          ? "因土地征收补偿标准问题多次到镇政府反映，要求提高补偿标准并尽快兑现"
          : "县级个访",
      ),
      cell((100 - i / 4).toFixed(2)),
    ]),
    totals: [[cell("合计"), [], [], cell("999.00")]],
  };
}

/**
 * The columns of a county's scoring sheet: a long item name, a rule a little over six characters,
 * and 事项 lines of ~50 characters; in proportion to their natural widths the rule column gets
 * ~77 pt at 小四 against the 80.5 pt of six characters (~74 at 四号). `extra` ends the 事项 of
 * the second row.
 */
function countyForm(extra = ""): Extract<Block, { type: "table" }> {
  return {
    type: "table",
    columns: ["考评项目", "分值", "扣分", "得分", "事项"].map((title, i) => ({
      title,
      align: i === 2 || i === 3 ? ("right" as const) : ("left" as const),
    })),
    rows: [
      [cell("基础分"), cell("100"), [], cell("100"), []],
      [
        cell("未按时报送周排查报告或零报告"),
        cell("第二次起每次扣2分"),
        cell("15"),
        cell("-15"),
        cell(
          `第29周（7月18日截止）未报送，扣5分；第36周（9月5日截止）逾期报送，扣5分；第38周（9月19日截止）逾期报送，扣5分${extra}`,
        ),
      ],
      [
        cell("群众越级上访"),
        cell("每件扣1至20分"),
        cell("81"),
        cell("-81"),
        cell(
          "1月6日赴市重访，分值表未列，不扣分；1月9日赴县集访，镇交办案件逾期未查清上报，加倍计分，扣6分",
        ),
      ],
    ],
  };
}

describe("tables", () => {
  it("breaks a long table across pages, repeating the header row on every page, no row split", () => {
    const laid = layoutDoc(
      doc([{ type: "paragraph", content: cell("考评结果如下：") }, scoring(80)]),
      fonts(),
    );
    const tablePages = laid.pages.filter(
      (p) => pageText(p).includes("第1村") || /第\d+村/.test(pageText(p)),
    );
    expect(tablePages.length).toBeGreaterThanOrEqual(3);
    for (const p of tablePages) expect(pageText(p)).toContain("序号村（社区）事由得分");
    for (let i = 1; i <= 80; i++) {
      const holding = laid.pages.filter((p) =>
        runs(p.items).some(
          (r) =>
            placed(r)
              .map((g) => g.text)
              .join("") === `第${i}村`,
        ),
      );
      expect(holding).toHaveLength(1);
    }
    expect(pageText(tablePages.at(-1)!)).toContain("合计");
    // the last page of the table holds more than the totals row
    expect(pageText(tablePages.at(-1)!)).toContain("第80村");
  });

  it("right-aligns numbers: every score ends at the same x", () => {
    const laid = layoutDoc(doc([scoring(12)]), fonts());
    const ends = runs(laid.pages[0]!.items)
      .filter((r) =>
        /^\d+\.\d\d$/.test(
          placed(r)
            .map((g) => g.text)
            .join(""),
        ),
      )
      .map((r) => {
        const g = placed(r).at(-1)!;
        return Math.round((g.x + (r.face.advance(g.gid) * r.size) / 1000) * 100) / 100;
      });
    expect(ends.length).toBeGreaterThan(10);
    expect(new Set(ends).size).toBe(1);
  });

  it("takes column widths from content and fills the text block", () => {
    const t = layoutTable({ fonts: fonts(), problems: [], where: "" }, scoring(5), "表格");
    expect(t.landscape).toBe(false);
    expect(t.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(BLOCK_WIDTH, 3);
    // the short columns are not wrapped, the long text column gets the rest
    expect(
      t.rows.every((r) => r.cells[0]!.lines.length === 1 && r.cells[3]!.lines.length === 1),
    ).toBe(true);
    expect(t.widths[2]!).toBeGreaterThan(t.widths[0]! * 3);
    expect(allocate([10, 10], [30, 50], 100)).toEqual([37.5, 62.5]);
  });

  it("sets a table too wide for a portrait page on landscape pages, header on the binding edge", () => {
    const wide: Extract<Block, { type: "table" }> = {
      type: "table",
      columns: ["序号", "日期", "事项", "考评项目", "基础分", "系数", "得分", "台账出处"].map(
        (title) => ({ title, align: "left" as const }),
      ),
      rows: Array.from({ length: 30 }, (_, i) => [
        cell(String(i + 1)),
        cell("2025-06-05"),
        cell(`P-2025-0${100 + i}`),
        cell("群众越级上访的（县级个访，未设分值）"),
        cell("-1.00"),
        cell("首次不扣分"),
        cell("-1.00"),
        cell(`ledger/2025/petitions.yaml:${2000 + i * 17}`),
      ]),
    };
    const t = layoutTable({ fonts: fonts(), problems: [], where: "" }, wide, "表格");
    expect(t.landscape).toBe(true);
    expect(t.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(LANDSCAPE_WIDTH, 3);
    const laid = layoutDoc(doc([wide]), fonts());
    const turned = laid.pages.filter((p) => p.items.some((i) => i.type === "group"));
    expect(turned.length).toBeGreaterThanOrEqual(2);
    for (const p of turned) {
      const g = p.items.find((i) => i.type === "group")!;
      // table x runs up the page from the bottom edge of the text block; its top sits at the left
      if (g.type !== "group") throw new Error("not a group");
      expect(g.matrix.slice(0, 4)).toEqual([0, -1, 1, 0]);
      expect(toMm(g.matrix[4])).toBeCloseTo(28, 3);
      expect(toMm(g.matrix[5])).toBeCloseTo(262, 3);
      expect(pageText(p)).toContain("序号日期事项");
    }
    // portrait page numbers stay where they are
    expect(turned.every((p) => p.number !== null)).toBe(true);
  });

  it("keeps a form portrait when only its 事项 column is long: that column wraps in two fifths of the width", () => {
    const form: Extract<Block, { type: "table" }> = {
      type: "table",
      columns: ["考评项目", "分值", "扣分", "得分", "事项"].map((title, i) => ({
        title,
        align: i === 2 || i === 3 ? ("right" as const) : ("left" as const),
      })),
      rows: [
        [
          cell("未按时报送周排查报告"),
          cell("第二次起每次扣2分"),
          cell("5"),
          cell("-5"),
          cell("第12周（3月21日截止）逾期报送，扣5分"),
        ],
        [
          cell("群众上访"),
          cell("每件扣1至10分"),
          cell("3.75"),
          cell("-3.75"),
          cell("12月18日赴县集访，提前报送并稳控，减半计分，到位劝离，减半计分，扣0.75分"),
        ],
      ],
    };
    const t = layoutTable({ fonts: fonts(), problems: [], where: "" }, form, "表格");
    expect(t.landscape).toBe(false);
    expect(t.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(BLOCK_WIDTH, 3);
    expect(t.widths[4]!).toBeGreaterThanOrEqual(0.4 * BLOCK_WIDTH - 1e-6);
    // every other column at least six characters wide or whole
    expect(t.widths[0]! / t.size).toBeGreaterThan(6);
    expect(t.widths[1]! / t.size).toBeGreaterThan(6);
    expect(favourWidest([10, 10, 10], [20, 20, 300], 100)).toEqual([20, 20, 60]);
    expect(favourWidest([10, 10, 10], [40, 40, 300], 100)).toEqual([30, 30, 40]);
    expect(favourWidest([10, 10, 10], [20, 20, 35], 100)).toBeNull();
  });

  it("keeps a scoring sheet portrait, its table beside its title, when shared in proportion its 分值 column falls a few points short of six characters", () => {
    const form = countyForm();
    const t = layoutTable({ fonts: fonts(), problems: [], where: "" }, form, "表格");
    expect(t.landscape).toBe(false);
    expect(t.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(BLOCK_WIDTH, 3);
    expect(t.widths[4]!).toBeGreaterThanOrEqual(0.4 * BLOCK_WIDTH - 1e-6);
    for (const j of [0, 1]) expect(t.widths[j]! + 1e-6).toBeGreaterThanOrEqual(6 * t.size);
    // the title and the table share the first page; nothing is turned
    const laid = layoutDoc(doc([form]), fonts());
    expect(laid.pages.some((p) => p.items.some((i) => i.type === "group"))).toBe(false);
    expect(pageText(laid.pages[0]!)).toContain("考评项目");
  });

  it("reports a character no font has once, wherever the table is set after trying the others", () => {
    // eight columns go landscape after four portrait tries; two columns stay portrait at once
    const wide = (cols: number): Extract<Block, { type: "table" }> => ({
      type: "table",
      columns: Array.from({ length: cols }, (_, j) => ({ title: `第${j + 1}列`, align: "left" })),
      rows: Array.from({ length: 6 }, (_, i) =>
        Array.from({ length: cols }, (_, j) =>
          cell(i === 1 && j === 1 ? "生僻字𓀀" : `群众越级上访的县级个访第${i}${j}项`),
        ),
      ),
    });
    for (const [cols, landscape] of [
      [8, true],
      [2, false],
    ] as const) {
      const ctx = { fonts: fonts(), problems: [], where: "" };
      const t = layoutTable(ctx, wide(cols), "正文第1个表格");
      expect(t.landscape).toBe(landscape);
      expect(ctx.problems).toEqual([
        { code: "pdf/missing-glyph", char: "𓀀", where: "正文第1个表格第2行第2列" },
      ]);
    }
    // a county's form: set portrait on its third or fourth try, with the shaping of a former one
    const ctx = { fonts: fonts(), problems: [], where: "" };
    const t = layoutTable(ctx, countyForm("𓀀"), "正文第1个表格");
    expect(t.landscape).toBe(false);
    expect(ctx.problems).toEqual([
      { code: "pdf/missing-glyph", char: "𓀀", where: "正文第1个表格第2行第5列" },
    ]);
  });

  it("cuts a row taller than a page only where a page ends: no rule crosses a page inside it", () => {
    // a scoring sheet's 群众越级上访 row with 160 entries (some two lines long), after a paragraph
    const entries = Array.from({ length: 160 }, (_, i) =>
      i % 7 === 3
        ? `${(i % 12) + 1}月${(i % 28) + 1}日赴县集访，镇交办案件逾期未查清上报，加倍计分，扣6分`
        : `${(i % 12) + 1}月${(i % 28) + 1}日赴县个访，扣1分`,
    );
    const form = countyForm();
    form.rows.push([
      cell("群众越级上访"),
      cell("每件扣1至20分"),
      cell("160"),
      cell("-160"),
      cell(entries.join("\n")),
    ]);
    const laid = layoutDoc(doc([para("考评结果如下："), form]), fonts());
    const tablePages = laid.pages.filter((p) => pageText(p).includes("考评项目"));
    expect(tablePages.length).toBeGreaterThanOrEqual(4);
    // the full-width rules of a page between the first and the last: the header's top and bottom
    // and the bottom of the one piece of the row the page holds
    const across = (p: Page) =>
      new Set(
        p.items
          .filter((i) => i.type === "rule" && i.y1 === i.y2 && i.x2 - i.x1 > BLOCK_WIDTH - 1)
          .map((i) => (i.type === "rule" ? Math.round(i.y1 * 100) : 0)),
      ).size;
    for (const p of tablePages.slice(1, -1)) expect(across(p)).toBe(3);
    // every entry is there once, in order
    const text = tablePages.map(pageText).join("");
    let at = 0;
    for (const e of entries) {
      const i = text.indexOf(e.replace(/\s/g, ""), at);
      expect(i, e).toBeGreaterThanOrEqual(at);
      at = i + 1;
    }
  });

  it("plans rows: a table that fits stays; one whose header and three rows fit starts here and breaks", () => {
    const room = { header: 5, full: 100, caption: 0 };
    expect(planRows([10, 10, 10], { ...room, first: 40 })).toEqual({ fresh: false, breaks: [] });
    // header + 4 rows fill the 45 points left; the other 6 rows go on the next page
    expect(planRows(Array(10).fill(10), { ...room, first: 45 })).toEqual({
      fresh: false,
      breaks: [4],
    });
    // a caption counts on the first page only
    expect(planRows(Array(10).fill(10), { ...room, first: 45, caption: 10 })).toEqual({
      fresh: false,
      breaks: [3],
    });
  });

  it("plans rows: fewer than three rows fit under the header, so the table starts on the next page", () => {
    const room = { header: 5, full: 100, caption: 0 };
    expect(planRows(Array(8).fill(10), { ...room, first: 34 })).toEqual({
      fresh: true,
      breaks: [],
    });
    // not even one row: the next page, and its last page holds two rows, not one
    expect(planRows(Array(20).fill(10), { ...room, first: 12, full: 200 })).toEqual({
      fresh: true,
      breaks: [18],
    });
    // a table of two rows needs both
    expect(planRows([10, 10], { ...room, first: 20 })).toEqual({ fresh: true, breaks: [] });
    // unless it must start here (a turned page that already holds its heading)
    expect(planRows(Array(10).fill(10), { ...room, first: 30, here: true })).toEqual({
      fresh: false,
      breaks: [2],
    });
  });

  it("plans rows: a short table moves whole only when that leaves at most a third of the page blank", () => {
    const room = { header: 5, full: 120, caption: 0, first: 36 };
    // 6 rows fit on a fresh page; 36 points (and the heading going along: 50) would stay blank
    expect(planRows(Array(6).fill(10), { ...room, left: 36 })).toEqual({
      fresh: true,
      breaks: [],
    });
    expect(planRows(Array(6).fill(10), { ...room, left: 50 })).toEqual({
      fresh: false,
      breaks: [3],
    });
    // a table longer than a page never moves for that
    expect(planRows(Array(30).fill(10), { ...room, left: 36 }).fresh).toBe(false);
    // on an empty page nothing moves
    expect(planRows(Array(30).fill(10), { ...room, first: 120 })).toEqual({
      fresh: false,
      breaks: [11, 22],
    });
  });

  it("plans rows: the last page holds two rows; if the first page would keep fewer than three, the table moves", () => {
    const room = { header: 5, full: 100, caption: 0, left: 80 };
    // 9 rows on the first page, 1 left over: the 9th goes along with it
    expect(planRows(Array(10).fill(10), { ...room, first: 95 })).toEqual({
      fresh: false,
      breaks: [8],
    });
    // 3 + 1 cannot become 2 + 2: the table starts on the next page, whole
    expect(planRows(Array(4).fill(10), { ...room, first: 35 })).toEqual({
      fresh: true,
      breaks: [],
    });
  });

  it("leaves no page more than half empty before a table, and keeps its heading with its header and three rows", () => {
    const page = (p: Page) => {
      const ys = [
        ...lines(p)
          .filter((l) => l.y < 262)
          .map((l) => l.y),
        ...p.items.flatMap((i) => (i.type === "rule" ? [toMm(i.y2)] : [])),
      ];
      return (Math.max(37, ...ys) - 37) / 225;
    };
    for (const n of [2, 4, 6, 12, 30])
      for (let fill = 0; fill < 22; fill += 1) {
        const body: Block[] = [
          ...Array.from({ length: fill }, () => para("信访工作".repeat(6))),
          { type: "heading", level: 1, content: cell("二、考评结果") },
          { ...scoring(n), caption: "表1　考评结果" },
        ];
        const laid = layoutDoc(doc(body), fonts());
        const at = laid.pages.findIndex((p) => pageText(p).includes("二、考评结果"));
        const ls = lines(laid.pages[at]!);
        const h = ls.findIndex((l) => l.text === "二、考评结果");
        const why = `${n} rows after ${fill} lines`;
        expect(ls[h + 1]?.text, why).toBe("表1　考评结果");
        expect(ls[h + 2]?.text, why).toBe("序号村（社区）事由得分");
        // the first page of the table: header and min(3, n) rows
        const rowsHere = ls.filter((l) => /^\d+第\d+村/.test(l.text)).length;
        expect(rowsHere, why).toBeGreaterThanOrEqual(Math.min(3, n));
        // the page before the table is at least half full (the 版头 page counts as full)
        if (at > 0) expect(page(laid.pages[at - 1]!), why).toBeGreaterThanOrEqual(0.5);
        // every later page of the table repeats the header; its last page holds two rows
        const rest = laid.pages.slice(at + 1).filter((p) => /第\d+村/.test(pageText(p)));
        for (const p of rest) expect(lines(p)[0]!.text, why).toBe("序号村（社区）事由得分");
        if (rest.length) {
          const last = lines(rest.at(-1)!).filter((l) => /^(\d+第\d+村|合计)/.test(l.text));
          expect(last.length, why).toBeGreaterThanOrEqual(2);
        }
      }
  });

  it("cuts a row taller than a page between its text lines, a caption on top, never below the text block", () => {
    const tall: Extract<Block, { type: "table" }> = {
      type: "table",
      caption: "表2　情况说明",
      columns: [
        { title: "事项", align: "left" },
        { title: "说明", align: "left" },
      ],
      rows: [
        [
          cell("一"),
          Array.from({ length: 45 }, (_, i): Inline[] => [
            { type: "text", text: `第${i + 1}项：群众反映的问题已按程序办理并答复` },
            { type: "break" },
          ]).flat(),
        ],
        [cell("二"), cell("已办结。")],
      ],
    };
    for (const fill of [0, 5, 15]) {
      const { pages } = layoutDoc(
        doc([...Array.from({ length: fill }, () => para("正文。")), tall]),
        fonts(),
      );
      for (const p of pages) {
        for (const l of lines(p).filter((x) => !/^—\s*\d+\s*—$/.test(x.text.trim())))
          expect(l.y, `${fill}: ${l.text}`).toBeLessThanOrEqual(262 + 0.01);
        for (const r of p.items)
          if (r.type === "rule") expect(toMm(r.y2)).toBeLessThanOrEqual(262 + 0.01);
      }
      expect(pages.map(pageText).join("")).toContain("已办结。");
      // set upright, in more than one piece
      expect(pages.some((p) => p.items.some((i) => i.type === "group"))).toBe(false);
      expect(pages.filter((p) => pageText(p).includes("群众反映")).length).toBeGreaterThan(1);
    }
  });

  it("breaks a tall row at the foot of a page after a whole entry instead of leaving the gap blank", () => {
    const entries = (n: number): Inline[] =>
      Array.from({ length: n }, (_, i): Inline[] => [
        { type: "text", text: `第${i + 1}人扣除村级补贴12个月` },
        ...(i < n - 1 ? [{ type: "break" as const }] : []),
      ]).flat();
    const table: Extract<Block, { type: "table" }> = {
      type: "table",
      columns: [
        { title: "考评项目", align: "left" },
        { title: "事项", align: "left" },
      ],
      rows: [
        [cell("基础分"), cell("100")],
        [cell("群众上访"), cell("赴县个访")],
        [cell("处理"), cell("警告")],
        [cell("经济处理"), entries(30)],
      ],
      totals: [[cell("合计"), cell("第12名")]],
    };
    const { pages } = layoutDoc(
      doc([...Array.from({ length: 8 }, () => para("正文。")), table]),
      fonts(),
    );
    const first = pageText(pages[0]!);
    // the row starts on the first page, under the other rows, and goes on under the header
    expect(first).toContain("经济处理");
    expect(first).toContain("第1人扣除");
    expect(pageText(pages[1]!)).toMatch(/^考评项目事项/);
    expect(pageText(pages[1]!)).toContain("第30人扣除");
    // cut between entries: the last entry on page 1 is whole, the next one starts page 2
    const lastHere = /第(\d+)人扣除村级补贴12个月$/.exec(
      lines(pages[0]!)
        .map((l) => l.text)
        .filter((t) => t.includes("人扣除") || t.includes("个月"))
        .join(""),
    );
    expect(lastHere).not.toBeNull();
    expect(pageText(pages[1]!)).toContain(`第${Number(lastHere![1]) + 1}人扣除`);
    // the first page is filled: less than three lines of the text block left blank
    const bottom = Math.max(
      ...pages[0]!.items
        .filter((i) => i.type === "rule")
        .map((r) => (r.type === "rule" ? toMm(r.y2) : 0)),
    );
    expect(262 - bottom).toBeLessThan(3 * 7.8);
  });
  it("never draws a long captioned table below the text block", () => {
    const table = { ...scoring(30), caption: "表1　长表" };
    const filler = Array.from({ length: 19 }, () => para("正文。"));
    const { pages } = layoutDoc(doc([...filler, table]), fonts());
    // Text block: 37 mm from the top, 225 mm high.
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) {
      for (const l of lines(p).filter((x) => !/^—\s*\d+\s*—$/.test(x.text.trim()))) {
        expect(l.y, `page ${p.number}: ${l.text}`).toBeLessThanOrEqual(37 + 225 + 0.5);
      }
    }
  });
});
