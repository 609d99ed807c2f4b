// The worksheet reader of src/load/xlsx.ts reads the sheet XML from its bytes, a window at a
// time, as the zip entry inflates. Its oracle here is the reader it replaced, which decoded the
// whole sheet and read it with string searches and regular expressions (kept below as it was):
// on generated sheets — every cell type, attribute spellings, entities, prefixed elements, rows
// and cells without references, windows of any size — both give the same sheet text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serialParts } from "../../src/load/cells.ts";
import { escapeCell } from "../../src/load/sheet-text.ts";
import { readXlsx } from "../../src/load/xlsx.ts";
import type { XlsxRead } from "../../src/load/xlsx.ts";
import { workbookEntries, zipBytes } from "../support/zip-writer.ts";
import type { ZipEntryInput } from "../support/zip-writer.ts";

// ---- the previous reader (string based), the oracle ----

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function xmlText(s: string): string {
  let t = s.includes("&")
    ? s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
        if (e[0] === "#") {
          const cp = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
          return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
        }
        return XML_ENTITIES[e] ?? m;
      })
    : s;
  if (t.includes("_x"))
    t = t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return t;
}

const unprefix = (xml: string) => xml.replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, "<$1");

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? xmlText(m[1] ?? m[2] ?? "") : null;
}

function quickAttr(tag: string, name: string): string | null {
  const key = ` ${name}="`;
  let at = tag.indexOf(key);
  if (at === -1) {
    at = tag.indexOf(` ${name}='`);
    if (at === -1)
      return tag.includes(`${name}=`) || tag.includes(`${name} =`) ? attr(tag, name) : null;
  }
  const start = at + key.length;
  const end = tag.indexOf(tag[start - 1] as string, start);
  return end === -1 ? null : xmlText(tag.slice(start, end));
}

function runText(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of plain.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += xmlText(m[1] ?? "");
  return out;
}

function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}

/** The sheet text the previous reader gave for a whole sheet XML and shared strings XML. */
function previousReader(
  name: string,
  sheet: string,
  sst: string,
  dates: ReadonlySet<number>,
  prefixed: boolean,
): string {
  const shared: string[] = [];
  const sstText = prefixed ? unprefix(sst) : sst;
  for (const m of sstText.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g))
    shared.push(runText(m[1] ?? ""));
  const lines: string[] = [];
  const whole = prefixed ? unprefix(sheet) : sheet;
  const from = whole.indexOf("<sheetData");
  if (from !== -1) {
    const dataEnd = whole.indexOf("</sheetData>", from);
    const text = whole.slice(from, dataEnd === -1 ? whole.length : dataEnd);
    let autoRow = 0;
    let p = text.indexOf("<row");
    while (p !== -1) {
      const gt = text.indexOf(">", p);
      if (gt === -1) break;
      const rAttr = quickAttr(text.slice(p, gt), "r");
      const rowNum = rAttr !== null ? Number(rAttr) : autoRow + 1;
      autoRow = rowNum;
      if (text.charCodeAt(gt - 1) === 47) {
        p = text.indexOf("<row", gt);
        continue;
      }
      const close = text.indexOf("</row>", gt);
      const rowEndAt = close === -1 ? text.length : close;
      const cells: string[] = [];
      let autoCol = 0;
      let any = false;
      let c = text.indexOf("<c", gt);
      while (c !== -1 && c < rowEndAt) {
        const next = text.charCodeAt(c + 2);
        if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
          c = text.indexOf("<c", c + 2);
          continue;
        }
        const cgt = text.indexOf(">", c);
        const tag = text.slice(c, cgt);
        const ref = quickAttr(tag, "r");
        const col = ref !== null ? columnOf(ref) : autoCol + 1;
        autoCol = col;
        let inner = "";
        let after = cgt + 1;
        if (text.charCodeAt(cgt - 1) !== 47) {
          const cend = text.indexOf("</c>", cgt);
          inner = text.slice(cgt + 1, cend === -1 ? rowEndAt : cend);
          after = cend === -1 ? rowEndAt : cend + 4;
        }
        const t = quickAttr(tag, "t") ?? "n";
        const vs = inner.indexOf("<v");
        let v: string | undefined;
        if (vs !== -1) {
          const vgt = inner.indexOf(">", vs);
          const ve = inner.indexOf("</v>", vgt);
          if (vgt !== -1 && ve !== -1 && inner.charCodeAt(vgt - 1) !== 47)
            v = inner.slice(vgt + 1, ve);
        }
        let value = "";
        if (t === "s") value = v !== undefined ? (shared[Number(v)] ?? "") : "";
        else if (t === "inlineStr") value = runText(inner);
        else if (t === "b") value = v === "1" ? "TRUE" : v === "0" ? "FALSE" : (v ?? "");
        else if (t === "str" || t === "e" || t === "d") value = xmlText(v ?? "");
        else if (v !== undefined) {
          const style = Number(quickAttr(tag, "s") ?? 0);
          const n = Number(v);
          if (dates.has(style) && Number.isFinite(n)) {
            const parts = serialParts(n);
            value =
              Number.isInteger(n) || parts.time === "00:00"
                ? parts.date
                : `${parts.date}T${parts.time}`;
          } else value = v.trim();
        }
        c = text.indexOf("<c", after);
        if (value === "") continue;
        while (cells.length < col - 1) cells.push("");
        cells[col - 1] = escapeCell(value.trim());
        any = true;
      }
      if (any) lines.push(`${rowNum}\t${cells.join("\t")}`);
      p = text.indexOf("<row", rowEndAt);
    }
  }
  return [name, ...lines].join("\n");
}

// ---- generated workbooks ----

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Cell text: Chinese, spaces, tabs and line breaks, XML specials, entities, _x000D_ escapes. */
const text = fc
  .array(
    fc.constantFrom(
      "信",
      "访",
      "事项",
      "a",
      "Z",
      "7",
      " ",
      "\t",
      "\n",
      "&",
      "<",
      ">",
      '"',
      "'",
      "_x000D_",
      "\\",
      "𠀀",
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(""));

/** Written as character data: escaped, sometimes with a character reference. */
const charData = fc
  .tuple(text, fc.constantFrom("", "&#x4E00;", "&#38;", "&quot;", "&bogus;"))
  .map(([t, ref]) => escapeXml(t) + ref);

const item = fc.oneof(
  charData.map((t) => `<t>${t}</t>`),
  charData.map((t) => `<t xml:space="preserve">${t}</t>`),
  fc
    .tuple(charData, charData)
    .map(([a, b]) => `<r><rPr><b/></rPr><t>${a}</t></r><r><t>${b}</t></r>`),
  fc.tuple(charData, charData).map(([a, b]) => `<t>${a}</t><rPh sb="0" eb="1"><t>${b}</t></rPh>`),
  fc.constant("<t/>"),
  fc.constant(""),
);

/** ` name="value"` in one of the spellings writers use. */
const spelled = (name: string, value: string, how: number) =>
  [
    ` ${name}="${value}"`,
    ` ${name}='${value}'`,
    `\t${name}="${value}"`,
    ` ${name} = "${value}"`,
    `\n${name}="${value}"`,
  ][how % 5];

const cell = fc.record({
  ref: fc.option(fc.constantFrom("A", "B", "C", "AA", "Z", "", "b"), { nil: null }),
  type: fc.constantFrom("s", "inlineStr", "n", "b", "str", "e", "d", null, "x"),
  style: fc.option(fc.constantFrom("0", "1", "2", "3", " 1", "&#49;"), { nil: null }),
  value: fc.oneof(
    fc.constantFrom("0", "1", "2", "5", "45658", "45658.75", " 3 ", "", "x", "1e3", "-2", "07"),
    charData,
  ),
  inline: item,
  form: fc.constantFrom("value", "empty-value", "self-closing", "no-value", "inline"),
  how: fc.nat(20),
});

const row = fc.record({
  numbered: fc.boolean(),
  selfClosing: fc.boolean(),
  how: fc.nat(20),
  cells: fc.array(cell, { maxLength: 6 }),
});

type Cell = typeof cell extends fc.Arbitrary<infer T> ? T : never;
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

function cellXml(c: Cell, rowNumber: number, p: string): string {
  let attrs = "";
  if (c.ref !== null) attrs += spelled("r", `${c.ref}${rowNumber}`, c.how);
  if (c.style !== null) attrs += spelled("s", c.style, c.how + 1);
  if (c.type !== null) attrs += spelled("t", c.type, c.how + 2);
  switch (c.form) {
    case "self-closing":
      return `<${p}c${attrs}/>`;
    case "no-value":
      return `<${p}c${attrs}></${p}c>`;
    case "empty-value":
      return `<${p}c${attrs}><${p}v/></${p}c>`;
    case "inline":
      return `<${p}c${attrs}><${p}is>${c.inline.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${p}`)}</${p}is></${p}c>`;
    default:
      return `<${p}c${attrs}><${p}v>${c.value}</${p}v></${p}c>`;
  }
}

/** Cell styles 1 and 2 show dates (numFmtId 14 and 22). */
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/></cellXfs></styleSheet>`;

function workbook(
  rows: Row[],
  items: string[],
  prefix: string | null,
  pad: number,
): { bytes: Buffer; entries: ZipEntryInput[]; sheet: string; sst: string } {
  const p = prefix === null ? "" : `${prefix}:`;
  const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const xmlns = prefix === null ? `xmlns="${ns}"` : `xmlns:${prefix}="${ns}"`;
  let number = 0;
  const body = rows
    .map((r) => {
      number += 1 + (r.how % 3);
      const attrs = r.numbered ? spelled("r", String(number), r.how) : "";
      if (r.selfClosing) return `<${p}row${attrs}/>`;
      return `<${p}row${attrs} spans="1:6">${r.cells.map((c) => cellXml(c, number, p)).join("")}</${p}row>`;
    })
    .join("");
  // columns before the data push it past the first window (and a `<col` is not a cell)
  const cols = `<${p}cols>${`<${p}col min="1" max="1" width="9"/>`.repeat(pad)}</${p}cols>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${xmlns}>${cols}<${p}sheetData>${body}</${p}sheetData><${p}rowBreaks><${p}brk id="1"/></${p}rowBreaks><${p}row r="99"><${p}c><${p}v>9</${p}v></${p}c></${p}row></${p}worksheet>`;
  const sst = `<?xml version="1.0" encoding="UTF-8"?><${p}sst ${xmlns}>${items
    .map((i) =>
      i === "" ? `<${p}si/>` : `<${p}si>${i.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${p}`)}</${p}si>`,
    )
    .join("")}</${p}sst>`;
  const entries = [
    ...workbookEntries([["信访事项", sheet]]),
    { name: "xl/sharedStrings.xml", data: sst },
    { name: "xl/styles.xml", data: STYLES },
  ];
  return { bytes: zipBytes(entries), entries, sheet, sst };
}

/** The text form of the sheet a read gave (null when none). */
const sheetText = (r: XlsxRead) => r.sheet?.text ?? null;

describe("the worksheet reader", () => {
  it("gives the previous reader's sheet text for any sheet, in windows of any size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 10 }),
        fc.array(item, { maxLength: 8 }),
        fc.constantFrom(null, "x"),
        fc.nat(160),
        fc.integer({ min: 1, max: 400 }),
        async (rows, items, prefix, pad, window) => {
          const { bytes, sheet, sst } = workbook(rows, items, prefix, pad);
          const expected = previousReader("信访事项", sheet, sst, new Set([1, 2]), prefix !== null);
          const whole = await readXlsx("p.xlsx", bytes, "petitions");
          expect(whole.diagnostics).toEqual([]);
          expect(whole.sheet?.text).toBe(expected);
          expect(sheetText(await readXlsx("p.xlsx", bytes, "petitions", undefined, window))).toBe(
            expected,
          );
        },
      ),
      { numRuns: 400, seed: 20261203 },
    );
  });

  it("reads every shared string as the previous reader did (entities, runs, phonetic guides)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(null, "x"),
        async (items, prefix) => {
          // one row per item, its only cell the shared string
          const rows: Row[] = items.map((_, i) => ({
            numbered: true,
            selfClosing: false,
            how: 0,
            cells: [
              {
                ref: "A",
                type: "s",
                style: null,
                value: String(i),
                inline: "",
                form: "value",
                how: 0,
              },
            ],
          }));
          const { bytes, sheet, sst } = workbook(rows, items, prefix, 0);
          const expected = previousReader("信访事项", sheet, sst, new Set([1, 2]), prefix !== null);
          expect(sheetText(await readXlsx("p.xlsx", bytes, "petitions"))).toBe(expected);
        },
      ),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it("reads a row longer than its window, and data that starts after several windows", async () => {
    const long = { numbered: true, selfClosing: false, how: 0, cells: [] as Cell[] };
    for (let i = 0; i < 40; i++)
      long.cells.push({
        ref: null,
        type: "inlineStr",
        style: null,
        value: "",
        inline: `<t>第${i}格：信访事项</t>`,
        form: "inline",
        how: 0,
      });
    const { bytes, sheet, sst } = workbook([long, long], [], null, 300);
    const expected = previousReader("信访事项", sheet, sst, new Set([1, 2]), false);
    expect(expected.split("\n")).toHaveLength(3);
    for (const window of [1, 7, 64, 4096, 1 << 20])
      expect(sheetText(await readXlsx("p.xlsx", bytes, "petitions", undefined, window))).toBe(
        expected,
      );
  });

  it("reads a stored (uncompressed) sheet the same; a damaged stream is xlsx/damaged, not an exception", async () => {
    const rows: Row[] = [
      {
        numbered: true,
        selfClosing: false,
        how: 0,
        cells: [
          { ref: "A", type: "s", style: null, value: "0", inline: "", form: "value", how: 0 },
          { ref: "B", type: null, style: "1", value: "45658", inline: "", form: "value", how: 0 },
        ],
      },
    ];
    const { bytes, entries, sheet, sst } = workbook(rows, ["<t>编号</t>"], null, 200);
    const expected = previousReader("信访事项", sheet, sst, new Set([1, 2]), false);
    expect(expected).toBe("信访事项\n1\t编号\t2025-01-01");
    const stored = zipBytes(
      entries.map((e) => (e.name.endsWith("sheet1.xml") ? { ...e, deflate: false } : e)),
    );
    for (const window of [3, 1 << 20])
      expect(sheetText(await readXlsx("p.xlsx", stored, "petitions", undefined, window))).toBe(
        expected,
      );
    // bytes of the deflated sheet overwritten: a bad stream, or one whose CRC-32 fails
    const start = bytes.indexOf("xl/worksheets/sheet1.xml") + "xl/worksheets/sheet1.xml".length;
    for (const at of [start + 40, start + 200]) {
      const bad = Buffer.from(bytes);
      bad.fill(0x55, at, at + 12);
      const r = await readXlsx("p.xlsx", bad, "petitions", undefined, 64);
      expect(r.sheet).toBeNull();
      expect(r.diagnostics.map((d) => d.code)).toEqual(["xlsx/damaged"]);
    }
  });
});
