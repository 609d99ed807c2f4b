// The DOCX of a Doc: GB/T 9704 in Word's terms (page, margins, line grid, role styles and their
// fonts, page numbers, tables), the text in order, and the same bytes for the same Doc.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Block, Doc } from "../../src/doc/types.ts";
import { CHAR_SPACING, FONT, LINE_PITCH, MARGIN, PAGE, docxOf } from "../../src/docx/index.ts";
import { STYLE } from "../../src/docx/index.ts";
import { columnWidths, plainText } from "../../src/docx/widths.ts";
import { readZip } from "../../src/xlsx/zip.ts";
import { examplePublication } from "../pdf/support.ts";
import { doc, exampleDoc, heading, para, paragraphs, part, parts, styleXml } from "./support.ts";

const PLAN = "plan-2025-annual";
const HASH = fileURLToPath(new URL("./support/hash-docx.ts", import.meta.url));

let plan: Doc;
let bytes: Uint8Array;
beforeAll(async () => {
  plan = await exampleDoc(PLAN);
  bytes = await docxOf(plan);
}, 120_000);

describe("DOCX bytes", () => {
  it("are identical when made twice, a second apart", async () => {
    await new Promise((r) => setTimeout(r, 1100));
    const again = await docxOf(plan);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
  });

  it("are identical under different time zones", () => {
    const run = (tz: string) =>
      execFileSync(process.execPath, [HASH], { env: { ...process.env, TZ: tz }, encoding: "utf8" });
    const utc = run("UTC");
    expect(utc).toMatch(/^[0-9a-f]{64}\n$/);
    expect(run("Asia/Shanghai")).toBe(utc);
    expect(run("America/Los_Angeles")).toBe(utc);
  }, 60_000);

  it("change with the content", async () => {
    const other = await docxOf({
      ...plan,
      meta: { ...plan.meta, title: `${plan.meta.title}（修订）` },
    });
    expect(Buffer.compare(Buffer.from(other), Buffer.from(bytes))).not.toBe(0);
  });

  it("carry a fixed ZIP time on every entry and [Content_Types].xml first", () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const names = readZip(bytes).map((e) => e.name);
    expect(names[0]).toBe("[Content_Types].xml");
    let at = 0;
    for (let k = 0; k < names.length; k++) {
      expect(view.getUint32(at, true)).toBe(0x04034b50);
      expect(view.getUint16(at + 10, true), names[k]).toBe(0);
      expect(view.getUint16(at + 12, true), names[k]).toBe(33); // 1980-01-01
      at +=
        30 +
        view.getUint16(at + 26, true) +
        view.getUint16(at + 28, true) +
        view.getUint32(at + 18, true);
    }
  });

  it("date the document properties from the document (00:00 in China) and name it", () => {
    const core = part(bytes, "docProps/core.xml");
    expect(core).toContain(">2025-01-19T16:00:00Z</dcterms:created>");
    expect(core).toContain(">2025-01-19T16:00:00Z</dcterms:modified>");
    expect(core).toContain(`<dc:title>${plan.meta.title}</dc:title>`);
    expect(core).toContain("<dc:creator>青禾镇人民政府</dc:creator>");
    for (const [name, text] of parts(bytes))
      expect(text, name).not.toMatch(
        new RegExp(String(new Date().getUTCFullYear()) + "-\\d\\d-\\d\\dT"),
      );
  });
});

describe("GB/T 9704 page in Word's terms", () => {
  it("is A4 with margins 37 / 26 / 35 / 28 mm and a 22-line grid", () => {
    const sect = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(part(bytes, "word/document.xml"))?.[0] ?? "";
    expect(sect).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(sect).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(MARGIN).toEqual({ top: 2098, right: 1474, bottom: 1984, left: 1587 });
    expect(PAGE).toEqual({ width: 11906, height: 16838 });
    expect(sect).toContain(`<w:docGrid w:type="lines" w:linePitch="${LINE_PITCH}"/>`);
    // 225 mm = 12756 twips: 22 lines of 579 fit, 23 do not
    expect(LINE_PITCH).toBe(579);
    expect(22 * LINE_PITCH).toBeLessThanOrEqual(PAGE.height - MARGIN.top - MARGIN.bottom);
    expect(23 * LINE_PITCH).toBeGreaterThan(PAGE.height - MARGIN.top - MARGIN.bottom);
  });

  it("fits 28 characters of 3号 on a line, and not 29", () => {
    const width = PAGE.width - MARGIN.left - MARGIN.right;
    expect(28 * (320 + CHAR_SPACING)).toBeLessThanOrEqual(width);
    expect(29 * (320 + CHAR_SPACING)).toBeGreaterThan(width);
    expect(styleXml(part(bytes, "word/styles.xml"), "Normal")).toContain(
      `<w:spacing w:val="${CHAR_SPACING}"/>`,
    );
  });

  it("sets the body in 正文 (Normal): 3号 仿宋_GB2312, justified, first line indented 2 字, on the grid", () => {
    const normal = styleXml(part(bytes, "word/styles.xml"), "Normal");
    expect(normal).toContain('w:eastAsia="仿宋_GB2312"');
    expect(normal).toContain('<w:sz w:val="32"/>');
    expect(normal).toContain('<w:jc w:val="both"/>');
    expect(normal).toMatch(/<w:ind w:firstLine="63[01]"\/>/);
    expect(normal).toContain(`w:line="${LINE_PITCH}" w:lineRule="exact"`);
  });

  it("names a style for every role with the offices' fonts", () => {
    const styles = part(bytes, "word/styles.xml");
    const want: [string, string, string][] = [
      [STYLE.title, "Title", FONT.小标宋],
      [STYLE.h1, "一级标题", FONT.黑体],
      [STYLE.h2, "二级标题", FONT.楷体],
      [STYLE.h3, "三级标题", FONT.仿宋],
      [STYLE.h4, "四级标题", FONT.仿宋],
    ];
    for (const [id, name, face] of want) {
      const s = styleXml(styles, id);
      expect(s, id).toContain(`<w:name w:val="${name}"/>`);
      if (id !== STYLE.h3 && id !== STYLE.h4) expect(s, id).toContain(`w:eastAsia="${face}"`);
    }
    expect(styleXml(styles, STYLE.title)).toContain('<w:sz w:val="44"/>');
    expect(styleXml(styles, STYLE.title)).toContain('<w:jc w:val="center"/>');
    // a long title's lines one grid line apart, as the PDF sets them, not snapped to two
    expect(styleXml(styles, STYLE.title)).toContain(
      `<w:snapToGrid w:val="0"/><w:spacing w:after="${LINE_PITCH}" w:before="0" w:line="${LINE_PITCH}" w:lineRule="exact"/>`,
    );
    expect(styleXml(styles, STYLE.cell)).toContain('<w:snapToGrid w:val="0"/><w:spacing ');
    expect(styleXml(styles, "Normal")).not.toContain("<w:snapToGrid");
    expect(styleXml(styles, STYLE.h1)).toContain("<w:keepNext/>");
    expect(styleXml(styles, STYLE.h1)).toContain('<w:outlineLvl w:val="0"/>');
  });

  it("lists the offices' fonts with fallbacks in the font table", () => {
    const table = part(bytes, "word/fontTable.xml");
    for (const face of Object.values(FONT)) expect(table).toContain(`<w:font w:name="${face}">`);
    expect(table).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋,[^"]*"\/>/);
    expect(table).toContain('<w:charset w:val="86"/>');
  });

  it("writes heading numbers as text, never Word list numbering", () => {
    const xml = part(bytes, "word/document.xml");
    expect(xml).not.toContain("<w:numPr>");
    const h1 = paragraphs(xml).filter((p) => p.style === STYLE.h1);
    expect(h1.length).toBeGreaterThan(2);
    for (const p of h1) expect(p.text).toMatch(/^[一二三四五六七八九十]+、/);
  });

  it("numbers pages — 1 — in 4号, odd on the right and even on the left", () => {
    expect(part(bytes, "word/settings.xml")).toContain("<w:evenAndOddHeaders/>");
    const rels = part(bytes, "word/_rels/document.xml.rels");
    const xml = part(bytes, "word/document.xml");
    const footer = (type: string) => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(rId\\d+)"/>`).exec(
        xml,
      )?.[1];
      const target = new RegExp(
        `Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`,
      ).exec(rels);
      return part(bytes, `word/${target?.[1] ?? target?.[2]}`);
    };
    const odd = footer("default");
    const even = footer("even");
    for (const f of [odd, even]) {
      expect(f).toContain(`<w:pStyle w:val="${STYLE.footer}"/>`);
      expect(f).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —/);
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(even).toContain('<w:jc w:val="left"/>');
    expect(styleXml(part(bytes, "word/styles.xml"), STYLE.footer)).toContain('<w:sz w:val="28"/>');
  });
});

describe("the text", () => {
  it("of the example plan comes in order: title, 主送, every heading and paragraph", () => {
    const ps = paragraphs(part(bytes, "word/document.xml"));
    // the 版头 (标志, 发文字号) and then the title
    expect(ps[0]).toEqual({ style: STYLE.mark, text: plan.meta.issuerMark });
    expect(ps[1]?.text).toBe(plan.meta.number);
    expect(ps[2]).toEqual({ style: STYLE.title, text: plan.meta.title });
    let at = 0;
    const expectNext = (text: string) => {
      const next = ps.findIndex((p, i) => i >= at && p.text === text);
      expect(next, text).toBeGreaterThanOrEqual(at);
      at = next + 1;
    };
    if (plan.meta.recipients) expectNext(`${plan.meta.recipients}：`);
    const walk = (blocks: readonly Block[]) => {
      for (const b of blocks)
        if (b.type === "heading" || b.type === "paragraph") expectNext(plainText(b.content));
    };
    walk(plan.body);
    for (const a of plan.attachments) {
      expectNext(a.label);
      expectNext(a.title);
      walk(a.body);
    }
  });

  it("sets the heading levels in their styles and a paragraph without indent as written", async () => {
    const d = doc([
      heading(1, "一、总体要求"),
      heading(2, "（一）工作目标"),
      heading(3, "1.按期办结"),
      heading(4, "（1）初信初访"),
      para("居中的一行", { align: "center" }),
      para("不缩进的一段", { indent: false }),
    ]);
    const ps = paragraphs(part(await docxOf(d), "word/document.xml"));
    expect(ps.slice(1, 5).map((p) => p.style)).toEqual([STYLE.h1, STYLE.h2, STYLE.h3, STYLE.h4]);
    const xml = part(await docxOf(d), "word/document.xml");
    expect(xml).toMatch(/<w:jc w:val="center"\/>[^]*?居中的一行/);
    expect(xml).toMatch(/<w:ind w:firstLine="0"\/>[^]*?不缩进的一段/);
  });
});

describe("tables", () => {
  it("have explicit column widths filling the text block and a repeated header row", () => {
    const xml = part(bytes, "word/document.xml");
    // the tables of the text (the 版记 is a floating table of its own)
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)]
      .map((m) => m[0])
      .filter((t) => !t.includes("<w:tblpPr"));
    expect(tables.length).toBeGreaterThan(0);
    const width = PAGE.width - MARGIN.left - MARGIN.right;
    for (const t of tables) {
      const cols = [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(cols.reduce((a, b) => a + b, 0)).toBe(width);
      expect(t).toContain('<w:tblLayout w:type="fixed"/>');
      expect(t).toMatch(/<w:trPr>(?:<w:cantSplit\/>)?<w:tblHeader\/>/);
    }
  });

  it("give short cells (序号, 扣3分) room for one line and the rest to long text", () => {
    const t = {
      type: "table" as const,
      columns: [
        { title: "序号", align: "center" as const },
        { title: "分值", align: "left" as const },
        { title: "评分标准", align: "left" as const },
      ],
      rows: [1, 2, 3].map((n) => [
        [{ type: "text" as const, text: String(n) }],
        [{ type: "text" as const, text: "扣10分" }],
        [{ type: "text" as const, text: "无故不参加信访工作例会的，每次扣5分，".repeat(4) }],
      ]),
    };
    const w = columnWidths(t, 8845, 280, 170);
    expect(w.reduce((a, b) => a + b, 0)).toBe(8845);
    expect(w[0]).toBeGreaterThanOrEqual(2 * 280 + 170);
    expect(w[1]).toBeGreaterThanOrEqual(3.2 * 280 + 170); // 扣 + 10 (two narrow, 0.6 each) + 分
    expect(w[2]).toBeGreaterThan(w[0]! + w[1]!);
  });
});

const RED = "E60000";
/** The section properties of document.xml, in order. */
const sectionsOf = (xml: string) =>
  [...xml.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
/** A footer or header part by its relationship id in document.xml. */
function partByRid(bytes: Uint8Array, rid: string): string {
  const rels = part(bytes, "word/_rels/document.xml.rels");
  const target =
    new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no relationship ${rid}`);
  return part(bytes, `word/${target}`);
}
const refs = (sectPr: string, kind: "header" | "footer"): Record<string, string> =>
  Object.fromEntries(
    [
      ...sectPr.matchAll(new RegExp(`<w:${kind}Reference w:type="(\\w+)" r:id="(\\w+)"/>`, "g")),
    ].map((m) => [m[1], m[2]]),
  );

describe("版头 per format", () => {
  const body = [para("正文第一段。"), para("正文第二段。")];

  it("文件格式: 份号 and 密级 first, the red 标志, the 发文字号 centred over the red separator, then the title", async () => {
    const d = doc(body, {
      issuerMark: "青禾镇人民政府文件",
      number: "青政发〔2025〕7号",
      copy: "000123",
      secret: { level: "秘密", term: "1年" },
    });
    const xml = part(await docxOf(d), "word/document.xml");
    const ps = paragraphs(xml);
    expect(ps.slice(0, 5).map((p) => p.text)).toEqual([
      "000123",
      "秘密★1年",
      "青禾镇人民政府文件",
      "青政发〔2025〕7号",
      d.meta.title,
    ]);
    expect(ps[2]?.style).toBe(STYLE.mark);
    expect(xml).toMatch(/秘密★1年/);
    expect(xml).toMatch(/<w:rFonts[^>]*w:eastAsia="黑体"[^>]*\/><\/w:rPr><w:t[^>]*>秘密★1年/);
    const numberP =
      /<w:p>(?:(?!<w:p>)[\s\S])*?青政发〔2025〕7号[\s\S]*?<\/w:p>/.exec(xml)?.[0] ?? "";
    expect(numberP).toContain('<w:jc w:val="center"/>');
    expect(numberP).toMatch(new RegExp(`<w:bottom w:val="single" w:color="${RED}" w:sz="\\d+"`));
    const styles = part(await docxOf(d), "word/styles.xml");
    const mark = styleXml(styles, STYLE.mark);
    expect(mark).toContain(`<w:color w:val="${RED}"/>`);
    expect(mark).toContain('w:eastAsia="方正小标宋简体"');
    expect(mark).toContain('<w:snapToGrid w:val="0"/>');
  });

  it("an upward report puts the 发文字号 left and 签发人 (楷体) right on one line", async () => {
    const d = doc(body, {
      issuerMark: "青禾镇人民政府",
      number: "青政发〔2026〕2号",
      signer: "宋文斌",
    });
    const xml = part(await docxOf(d), "word/document.xml");
    const line = paragraphs(xml).find((p) => p.text.includes("签发人"));
    expect(line?.text).toBe("青政发〔2026〕2号\t签发人：宋文斌");
    expect(xml).toMatch(/w:eastAsia="楷体_GB2312"[^>]*\/><\/w:rPr><w:t[^>]*>宋文斌/);
    expect(xml).toMatch(/<w:tab w:val="right" w:pos="\d+"\/>/);
  });

  it("信函格式: 标志 and red double rule in the first page's header, the foot rule in its footer without a number, 发文字号 flush right", async () => {
    const d = doc(body, {
      format: "letter",
      issuerMark: "青禾镇信访工作领导小组办公室",
      number: "青信办〔2025〕2号",
    });
    const bytes = await docxOf(d);
    const xml = part(bytes, "word/document.xml");
    const [first] = sectionsOf(xml);
    expect(first).toContain("<w:titlePg/>");
    const header = partByRid(bytes, refs(first as string, "header").first as string);
    expect(paragraphs(header)[0]).toEqual({
      style: STYLE.mark,
      text: "青禾镇信访工作领导小组办公室",
    });
    const rules = (x: string) =>
      [
        ...x.matchAll(new RegExp(`<w:bottom w:val="single" w:color="${RED}" w:sz="(\\d+)"`, "g")),
      ].map((m) => Number(m[1]));
    // thick (1 mm) over thin (0.35 mm) at the head, thin over thick at the foot
    expect(rules(header)).toEqual([23, 8]);
    const footer = partByRid(bytes, refs(first as string, "footer").first as string);
    expect(rules(footer)).toEqual([8, 23]);
    expect(footer).not.toContain("PAGE");
    // the rules 170 mm wide: 7 mm beyond the text block each side
    expect(header).toMatch(/<w:ind w:left="-39\d" w:right="-39\d"\/>/);
    const number = paragraphs(xml).find((p) => p.text.includes("青信办"));
    expect(number?.text).toBe("\t青信办〔2025〕2号");
  });

  it("a document without 版头 starts with its title and has no 版记", async () => {
    const d = doc(body, {
      format: "none",
      issuerMark: "青禾镇人民政府文件",
      number: "x",
      cc: ["县信访局"],
    });
    const xml = part(await docxOf(d), "word/document.xml");
    expect(paragraphs(xml)[0]).toEqual({ style: STYLE.title, text: d.meta.title });
    expect(xml).not.toContain("抄送");
    expect(xml).not.toContain("<w:tblpPr");
  });
});

describe("版记", () => {
  const colophonMeta = {
    issuerMark: "青禾镇人民政府文件",
    number: "青政发〔2025〕7号",
    cc: ["县信访局", "镇人大主席团"],
    printer: "青禾镇党政办公室",
    printDate: "2025-03-02",
  };
  const floating = (xml: string) =>
    [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)]
      .map((m) => m[0])
      .filter((t) => t.includes("<w:tblpPr"));

  it("on the page the text ends on: a table at the foot of the text block, between rules", async () => {
    const d = doc([para("正文。")], colophonMeta);
    const bytes = await docxOf(d, { layout: { colophon: "with-body", tables: new Map() } });
    const xml = part(bytes, "word/document.xml");
    expect(sectionsOf(xml)).toHaveLength(1);
    const [t] = floating(xml);
    expect(t).toBeDefined();
    const pos =
      /<w:tblpPr w:tblpX="(\d+)" w:tblpY="(\d+)" w:horzAnchor="page" w:vertAnchor="margin"\/>/.exec(
        t as string,
      );
    expect(pos?.[1]).toBe(String(MARGIN.left));
    // two rows of one line each: its foot on the text block's
    const textHeight = PAGE.height - MARGIN.top - MARGIN.bottom;
    expect(Number(pos?.[2]) + 2 * LINE_PITCH).toBe(textHeight);
    expect(t).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"\/>/);
    expect(t).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="8"\/>/);
    expect(t).toMatch(/<w:insideH w:val="single" w:color="000000" w:sz="6"\/>/);
    const texts = paragraphs(t as string).map((p) => p.text);
    expect(texts).toEqual(["抄送：县信访局，镇人大主席团。", "青禾镇党政办公室\t2025年3月2日印发"]);
  });

  it("on a page of its own: the next even page (信函格式: the next page), without a page number", async () => {
    for (const [format, type] of [
      ["file", "evenPage"],
      ["letter", "nextPage"],
    ] as const) {
      const d = doc([para("正文。")], { ...colophonMeta, format });
      const bytes = await docxOf(d, { layout: { colophon: "own-page", tables: new Map() } });
      const xml = part(bytes, "word/document.xml");
      const secs = sectionsOf(xml);
      expect(secs, format).toHaveLength(2);
      const last = secs[1] as string;
      expect(last).toContain(`<w:type w:val="${type}"/>`);
      for (const rid of Object.values(refs(last, "footer")))
        expect(partByRid(bytes, rid), format).not.toContain("PAGE");
      expect(floating(xml)).toHaveLength(1);
      // the printer line only in 文件格式
      expect(xml.includes("印发"), format).toBe(format === "file");
    }
  });
});

describe("tables as the PDF sets them", () => {
  const wide: Block = {
    type: "table",
    caption: "表1 宽表",
    columns: Array.from({ length: 6 }, (_, i) => ({
      title: `第${i + 1}列`,
      align: "left" as const,
    })),
    rows: [Array.from({ length: 6 }, () => [{ type: "text" as const, text: "内容" }])],
  };

  it("a landscape table gets a turned section of its own, then the text goes on upright", async () => {
    const d = doc([para("前文。"), wide, para("后文。")]);
    const bytes = await docxOf(d, {
      layout: { colophon: null, tables: new Map([[wide, { size: 10.5, landscape: true }]]) },
    });
    const xml = part(bytes, "word/document.xml");
    const secs = sectionsOf(xml);
    expect(secs).toHaveLength(3);
    expect(secs[0]).toContain('w:orient="portrait"');
    expect(secs[1]).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(secs[2]).toContain('w:orient="portrait"');
    expect(secs[2]).toContain('<w:type w:val="nextPage"/>');
    const textHeight = PAGE.height - MARGIN.top - MARGIN.bottom;
    const cols = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(cols.reduce((a, b) => a + b, 0)).toBe(textHeight);
    // 五号: 10.5 pt runs on 14.7 pt lines
    expect(xml).toMatch(/<w:sz w:val="21"\/>[\s\S]*?内容/);
    expect(xml).toMatch(/<w:spacing [^>]*w:line="294" w:lineRule="exact"/);
  });

  it("an upright table in 4号 stays in the flow", async () => {
    const d = doc([para("前文。"), wide, para("后文。")]);
    const xml = part(await docxOf(d), "word/document.xml");
    expect(sectionsOf(xml)).toHaveLength(1);
    expect(xml).not.toContain('w:orient="landscape"');
  });
});

describe("what a clerk reads in the Word files", () => {
  it("has no ids, ISO dates or paths, in the text, headers, footers or document properties", async () => {
    const pub = await examplePublication();
    for (const { doc: d } of pub.documents) {
      const all = parts(await docxOf(d));
      const texts = [...all]
        .filter(([name]) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name))
        .flatMap(([, xml]) => paragraphs(xml).map((p) => p.text));
      const core = all.get("docProps/core.xml") ?? "";
      const props = [...core.matchAll(/<(dc:\w+|cp:keywords)>([^<]*)</g)].map(
        (m) => m[2] as string,
      );
      for (const t of [...texts, ...props]) {
        expect(t, d.meta.id).not.toMatch(/\d{4}-\d\d-\d\d/);
        expect(t, d.meta.id).not.toMatch(/[A-Za-z]{3,}/);
        expect(t, d.meta.id).not.toContain(d.meta.id);
        expect(t, d.meta.id).not.toMatch(/\.ya?ml|ledger\//);
      }
    }
  }, 120_000);
});

describe("the package's parts", () => {
  it("escape markup characters in the text and leave out control characters", async () => {
    const d = doc([para(`A&B <c> "d" 'e'\u0001f`)], { title: "<标题>" });
    const all = parts(await docxOf(d));
    expect(all.get("word/document.xml")).toContain(
      "A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;f</w:t>",
    );
    expect(all.get("docProps/core.xml")).toContain("<dc:title>&lt;标题&gt;</dc:title>");
  });

  it("all exist where the relationships and content types say, and nothing else", async () => {
    for (const id of [PLAN, "notice-2025-03", "notice-2025-06"]) {
      const all = parts(await docxOf(await exampleDoc(id)));
      const targets = [
        ...(all.get("word/_rels/document.xml.rels") ?? "").matchAll(/Target="([^"]+)"/g),
      ].map((m) => `word/${m[1]}`);
      const overrides = [
        ...(all.get("[Content_Types].xml") ?? "").matchAll(/PartName="\/([^"]+)"/g),
      ]
        .map((m) => m[1] as string)
        .filter((n) => n.startsWith("word/") && n !== "word/document.xml");
      const stories = [...all.keys()].filter((n) => /^word\/(header|footer)\d+\.xml$/.test(n));
      for (const n of [...targets, ...overrides]) expect(all.has(n), `${id}: ${n}`).toBe(true);
      for (const n of stories) {
        expect(targets, id).toContain(n);
        expect(overrides, id).toContain(n);
        expect(all.has(n.replace(/^word\//, "word/_rels/") + ".rels"), n).toBe(true);
      }
      const media = [...all.keys()].filter((n) => n.startsWith("word/media/"));
      expect(media.sort(), id).toEqual(targets.filter((t) => t.startsWith("word/media/")).sort());
    }
  });
});
