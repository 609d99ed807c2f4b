// What the search index is told about each page (src/site/lib/search-meta.ts), on the example
// content: checked against the scores and documents themselves.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FORMS } from "../../schemas/common.ts";
import { publish } from "../../src/index.ts";
import { cellText } from "../../src/render/wording.ts";
import { deriveSiteData } from "../../src/site/lib/data.ts";
import { docToHtml } from "../../src/site/lib/doc-html.ts";
import type { SiteData } from "../../src/site/lib/data.ts";
import {
  DOMAIN_WORDS,
  FILTER_KIND,
  FILTER_NUMBER,
  FILTER_UNIT,
  FILTER_YEAR,
  META_FACTS,
  META_GROUP,
  META_SUBJECTS,
  SUBJECT_SEPARATOR,
  documentSearchInfo,
  searchVocabulary,
  unitEvents,
  unitSearchInfo,
} from "../../src/site/lib/search-meta.ts";
import { DOC_KIND_NAMES } from "../../src/text/kinds.ts";
import { ROOT } from "./support/build.ts";

let data: SiteData;

beforeAll(async () => {
  const published = await publish(join(ROOT, "content"));
  if (!published.publication) throw new Error("the example content does not publish");
  data = deriveSiteData({ publication: published.publication, files: new Set() });
}, 120_000);

const list = (s: string | undefined) => (s ? s.split(SUBJECT_SEPARATOR) : []);

describe("unit pages", () => {
  it("are about the unit's name and every petition form and destination it had", () => {
    for (const unit of data.publication.units) {
      const info = unitSearchInfo(data, unit.id);
      const subjects = list(info.meta[META_SUBJECTS]);
      expect(subjects[0]).toBe(unit.name);
      expect(info.filters[FILTER_UNIT]).toEqual([unit.name]);
      for (const year of data.years) {
        const u = data.unitScore(year, unit.id);
        if (!u) continue;
        expect(info.filters[FILTER_YEAR]).toContain(String(year));
        for (const e of u.entries)
          if (e.cell) {
            expect(subjects).toContain(e.cell.form);
            expect(subjects).toContain(cellText(e.cell));
          }
        if (u.vetoed) expect(subjects).toContain("一票否决");
      }
    }
  });

  it("count what happened as the scores have it (赴市集访1次)", () => {
    for (const year of data.years)
      for (const u of data.scores(year)?.sheet.units ?? []) {
        const { facts } = unitEvents([u]);
        for (const e of u.entries.filter((x) => x.cell)) {
          const what = e.cell ? cellText(e.cell) : "";
          const n = u.entries.filter((x) => x.cell && cellText(x.cell) === what).length;
          expect(facts).toContain(`${what}${n}次`);
        }
        const info = unitSearchInfo(data, u.id);
        expect(list(info.meta[META_FACTS])).toEqual(expect.arrayContaining(facts));
      }
  });
});

describe("document pages", () => {
  it("are filtered by year, a unit's also by the unit; numbered ones by their number", () => {
    for (const d of data.documents) {
      const m = d.doc.meta;
      const info = documentSearchInfo(data, d);
      expect(info.filters[FILTER_YEAR]).toEqual([String(m.year)]);
      expect(info.filters[FILTER_KIND]).toBeUndefined(); // Base.astro sets it, once
      expect(info.filters[FILTER_UNIT]).toEqual(m.unit ? [data.unitName(m.unit)] : undefined);
      expect(info.filters[FILTER_NUMBER]).toEqual(m.number ? [m.number] : undefined);
      if (m.number) expect(list(info.meta[META_SUBJECTS])).toContain(m.number);
    }
  });

  it("group the documents of a kind and year made for every unit, and no others", () => {
    const groups = new Map<string, string[]>();
    for (const d of data.documents) {
      const group = documentSearchInfo(data, d).meta[META_GROUP];
      if (!group) continue;
      expect(d.doc.meta.unit).toBeDefined();
      groups.set(group, [...(groups.get(group) ?? []), d.doc.meta.kind]);
    }
    const agreements = data.documentsOf({ kind: "agreement" });
    expect(agreements.length).toBeGreaterThan(1);
    const label = `${agreements[0]?.doc.meta.year}年${DOC_KIND_NAMES.agreement}`;
    expect(groups.get(label)?.length).toBe(agreements.length);
    for (const kinds of groups.values()) expect(new Set(kinds).size).toBe(1);
  });

  it("are about a unit's events only where the document shows them", () => {
    for (const d of data.documentsOf({ kind: "scoring-sheet" })) {
      const subjects = list(documentSearchInfo(data, d).meta[META_SUBJECTS]);
      const html = JSON.stringify(d.doc);
      for (const s of subjects.slice(1)) expect(html, `${d.doc.meta.id}: ${s}`).toContain(s);
    }
  });

  it("are told the same given the HTML their page shows as when they render it themselves", () => {
    let withEvents = 0;
    for (const d of data.documents) {
      const own = documentSearchInfo(data, d);
      const page = docToHtml(d.doc, { base: "/" });
      expect(documentSearchInfo(data, d, page)).toEqual(own);
      if (own.meta[META_FACTS]) withEvents++;
      // the HTML given is the one read: an empty page shows none of the unit's events
      if (own.meta[META_FACTS])
        expect(documentSearchInfo(data, d, "").meta[META_FACTS]).toBeUndefined();
    }
    expect(withEvents).toBeGreaterThan(0);
  });
});

describe("the vocabulary", () => {
  it("holds the trade's words, the forms, every unit name; longest first; no separator", () => {
    const words = searchVocabulary(data);
    for (const w of [...DOMAIN_WORDS, ...FORMS, ...data.publication.units.map((u) => u.name)])
      expect(words).toContain(w);
    for (let i = 1; i < words.length; i++)
      expect((words[i - 1] ?? "").length).toBeGreaterThanOrEqual((words[i] ?? "").length);
    for (const w of words) expect(w).not.toContain(SUBJECT_SEPARATOR);
  });
});
