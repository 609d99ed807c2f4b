// Reads a PDF the way a viewer does for two things the bundle tests check: the page labels
// (/PageLabels, PDF 1.7 §12.4.2: the "page number" a viewer shows) and the page each outline
// entry leads to.
import type { PDFHexString, PDFRef, PDFString } from "pdf-lib";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from "pdf-lib";

const roman = (n: number): string => {
  const table: [number, string][] = [
    [1000, "m"],
    [900, "cm"],
    [500, "d"],
    [400, "cd"],
    [100, "c"],
    [90, "xc"],
    [50, "l"],
    [40, "xl"],
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let s = "";
  for (const [v, r] of table)
    while (n >= v) {
      s += r;
      n -= v;
    }
  return s;
};

const letters = (n: number): string => {
  const c = String.fromCharCode(97 + ((n - 1) % 26));
  return c.repeat(Math.floor((n - 1) / 26) + 1);
};

/** The label of every page, as a viewer shows it ("" when the file has no labels for it). */
export function pageLabels(pdf: PDFDocument): string[] {
  const count = pdf.getPageCount();
  const root = pdf.catalog.lookupMaybe(PDFName.of("PageLabels"), PDFDict);
  if (!root) return Array.from({ length: count }, (_, i) => String(i + 1));
  const ranges: { start: number; dict: PDFDict }[] = [];
  const visit = (node: PDFDict) => {
    const nums = node.lookupMaybe(PDFName.of("Nums"), PDFArray);
    if (nums)
      for (let i = 0; i < nums.size(); i += 2)
        ranges.push({
          start: nums.lookup(i, PDFNumber).asNumber(),
          dict: nums.lookup(i + 1, PDFDict),
        });
    const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
    if (kids) for (let i = 0; i < kids.size(); i++) visit(kids.lookup(i, PDFDict));
  };
  visit(root);
  ranges.sort((a, b) => a.start - b.start);
  return Array.from({ length: count }, (_, page) => {
    const r = ranges.filter((x) => x.start <= page).at(-1);
    if (!r) return "";
    const style = r.dict.lookupMaybe(PDFName.of("S"), PDFName)?.decodeText();
    const prefix =
      (r.dict.lookup(PDFName.of("P")) as PDFString | PDFHexString | undefined)?.decodeText() ?? "";
    const n = (r.dict.lookupMaybe(PDFName.of("St"), PDFNumber)?.asNumber() ?? 1) + page - r.start;
    const number =
      style === "D"
        ? String(n)
        : style === "r"
          ? roman(n)
          : style === "R"
            ? roman(n).toUpperCase()
            : style === "a"
              ? letters(n)
              : style === "A"
                ? letters(n).toUpperCase()
                : "";
    return prefix + number;
  });
}

export interface Bookmark {
  title: string;
  /** Index of the page it leads to. */
  page: number;
  children: Bookmark[];
}

/** The outline (bookmarks) as a tree, each entry with the index of its destination page. */
export function bookmarks(pdf: PDFDocument): Bookmark[] {
  const refs = pdf.getPages().map((p) => p.ref.toString());
  const walk = (first: PDFDict | undefined): Bookmark[] => {
    const out: Bookmark[] = [];
    for (let item = first; item; item = item.lookupMaybe(PDFName.of("Next"), PDFDict)) {
      const dest = item.lookup(PDFName.of("Dest"), PDFArray);
      const target = (dest.get(0) as PDFRef).toString();
      out.push({
        title: (item.lookup(PDFName.of("Title")) as PDFHexString).decodeText(),
        page: refs.indexOf(target),
        children: walk(item.lookupMaybe(PDFName.of("First"), PDFDict)),
      });
    }
    return out;
  };
  const outlines = pdf.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  return outlines ? walk(outlines.lookupMaybe(PDFName.of("First"), PDFDict)) : [];
}

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false });
}
