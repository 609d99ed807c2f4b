// The search page's own matching, ranking and excerpts (src/site/scripts/search-rank.ts), on
// pages made up here; the same code runs in the browser (search.e2e.test.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DOC_NUMBER,
  UNIT_TYPE,
  factCount,
  markTerms,
  matchPositions,
  queryTerms,
  rankResults,
  readable,
  resultSnippet,
  scorePage,
  snippet,
  splitByVocabulary,
  withoutDocNumbers,
} from "../../src/site/scripts/search-rank.ts";
import type { Candidate, SearchResult } from "../../src/site/scripts/search-rank.ts";

const VOCABULARY = ["信访", "上访", "来访", "集访", "赴市集访", "桃花村", "石桥村", "黄牌警告"];

function page(over: Partial<Candidate> & { url: string }): Candidate {
  return { title: over.url, type: "考评结果通报", content: "", subjects: [], ...over };
}

const urls = (rs: SearchResult[]) => rs.map((r) => (r.kind === "page" ? r.page.url : r.label));

/** Strings over a small alphabet, so that terms occur in texts often. */
const chars = fc.constantFrom(..."信访问集桃花村题上来市。 ");
const text = fc.string({ unit: chars, maxLength: 60 });
const term = fc.string({ unit: chars, minLength: 1, maxLength: 4 }).filter((s) => s.trim() === s);

describe("queryTerms", () => {
  it("splits at spaces and punctuation, drops quotes, keeps each term once, lower case", () => {
    expect(queryTerms(" 集访  桃花村，集访 ")).toEqual(["集访", "桃花村"]);
    expect(queryTerms("“黄牌警告”")).toEqual(["黄牌警告"]);
    expect(queryTerms("P-2025 ABC")).toEqual(["p-2025", "abc"]);
    expect(queryTerms("  ")).toEqual([]);
  });

  it("never yields an empty term or one with a space", () => {
    fc.assert(
      fc.property(fc.string(), (q) => {
        for (const t of queryTerms(q)) {
          expect(t).not.toBe("");
          expect(t).not.toMatch(/\s/);
        }
      }),
    );
  });
});

describe("splitByVocabulary", () => {
  it("splits a query typed without spaces at known words, longest first", () => {
    expect(splitByVocabulary("桃花村集访", VOCABULARY)).toEqual(["桃花村", "集访"]);
    expect(splitByVocabulary("石桥村赴市集访", VOCABULARY)).toEqual(["石桥村", "赴市集访"]);
    expect(splitByVocabulary("桃花村的集访", VOCABULARY)).toEqual(["桃花村", "的", "集访"]);
    expect(splitByVocabulary("集访", VOCABULARY)).toEqual(["集访"]);
    expect(splitByVocabulary("没有词", VOCABULARY)).toEqual(["没有词"]);
  });

  it("gives back the words a query was typed from, in order", () => {
    const words = ["桃花村", "石桥村", "黄牌警告", "集访"];
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...words), { minLength: 1 }), (ws) => {
        expect(splitByVocabulary(ws.join(""), VOCABULARY)).toEqual(ws);
      }),
    );
  });

  it("gives pieces of the term only", () => {
    fc.assert(
      fc.property(term, (t) => {
        for (const p of splitByVocabulary(t, VOCABULARY)) expect(t).toContain(p);
      }),
    );
  });
});

describe("matchPositions", () => {
  it("finds 集访 as typed and never 访 alone or 访问", () => {
    expect(matchPositions("群众赴市集访的", "集访")).toEqual([4]);
    expect(matchPositions("接访、来访、访问", "集访")).toEqual([]);
  });

  it("does not cut a word of the vocabulary: 访问 is not in 信访问题, 集访 is in 赴市集访", () => {
    expect(matchPositions("信访问题", "访问", VOCABULARY)).toEqual([]);
    expect(matchPositions("信访问题", "访问")).toEqual([1]);
    expect(matchPositions("入户访问群众", "访问", VOCABULARY)).toEqual([2]);
    expect(matchPositions("赴市集访", "集访", VOCABULARY)).toEqual([2]);
    expect(matchPositions("信访", "访", VOCABULARY)).toEqual([1]);
  });

  it("gives only real occurrences, and all of them (not overlapping) without a vocabulary", () => {
    fc.assert(
      fc.property(text, term, (s, t) => {
        const all = matchPositions(s, t);
        const found = matchPositions(s, t, VOCABULARY);
        for (const i of found) expect(s.startsWith(t, i)).toBe(true);
        for (const i of found) expect(all).toContain(i);
        const expected: number[] = [];
        for (let i = s.indexOf(t); i !== -1; i = s.indexOf(t, i + t.length)) expected.push(i);
        expect(all).toEqual(expected);
      }),
    );
  });
});

describe("scorePage", () => {
  const onlyFang = page({ url: "/a/", content: "接访和来访，访问群众" });
  const jifang = page({ url: "/b/", content: "群众赴市集访的" });

  it("drops a page that lacks a term as typed", () => {
    expect(scorePage(onlyFang, ["集访"])).toBeNull();
    expect(scorePage(jifang, ["集访"])).not.toBeNull();
    expect(scorePage(jifang, ["集访", "桃花村"])).toBeNull();
  });

  it("finds a page by a subject alone, or by part of one (the 发文字号)", () => {
    const notice = page({ url: "/n/", subjects: ["青信办〔2025〕4号"] });
    expect(scorePage(notice, ["青信办〔2025〕4号"])).not.toBeNull();
    expect(scorePage(notice, ["青信办"])).not.toBeNull();
    expect(scorePage(notice, ["集访"])).toBeNull();
  });

  it("ranks a subject over any number of mentions, a unit's page over its documents", () => {
    const unit = page({ url: "/units/x/", type: UNIT_TYPE, subjects: ["集访"], content: "无" });
    const sheet = page({ url: "/d/x/", subjects: ["集访"], content: "集访" });
    const mentions = page({ url: "/d/y/", content: "集访。".repeat(500) });
    const [u, s, m] = [unit, sheet, mentions].map((p) => scorePage(p, ["集访"]) ?? 0);
    expect(u).toBeGreaterThan(s ?? 0);
    expect(s).toBeGreaterThan(m ?? 0);
  });

  it("counts what a unit's facts say (赴市集访1次 and 到镇集访2次: 3 for 集访)", () => {
    expect(factCount({ facts: ["赴市集访1次", "到镇集访2次", "黄牌警告1次"] }, "集访")).toBe(3);
    expect(factCount({ facts: ["一票否决"] }, "一票否决")).toBe(1);
    expect(factCount({}, "集访")).toBe(0);
  });
});

describe("rankResults", () => {
  const agreements = ["桃花村", "石桥村", "上河村", "北岭村"].map((name) =>
    page({
      url: `/documents/agreement-${name}/`,
      title: `${name}2025年度信访工作目标责任书`,
      type: "目标责任书",
      content: `乙方：${name}。集访每次扣3分。`.repeat(3),
      subjects: [name],
      group: "2025年目标责任书",
    }),
  );
  const unit = page({
    url: "/units/shiqiao/",
    title: "石桥村",
    type: UNIT_TYPE,
    content: "石桥村 书记：某某",
    subjects: ["石桥村", "集访", "赴市集访"],
    facts: ["赴市集访1次"],
  });
  const notice = page({
    url: "/documents/notice/",
    content: "石桥村赴市集访（6月10日），给予黄牌警告。集访情况见附表。",
  });
  const pages = [...agreements, unit, notice];

  it("puts the units with a 集访 first and folds the agreements into one result", () => {
    const ranked = rankResults(pages, ["集访"], { vocabulary: VOCABULARY });
    expect(urls(ranked)).toEqual(["/units/shiqiao/", "/documents/notice/", "2025年目标责任书"]);
    const group = ranked[2];
    expect(group?.kind === "group" && group.pages.length).toBe(4);
  });

  it("shows by itself the agreement of the village searched for", () => {
    const ranked = rankResults(pages, ["石桥村"]);
    expect(urls(ranked).slice(0, 2)).toEqual(["/units/shiqiao/", "/documents/agreement-石桥村/"]);
    expect(urls(ranked)).not.toContain("2025年目标责任书");
  });

  it("does not fold when told not to (a kind or unit was chosen), nor a group of one", () => {
    expect(urls(rankResults(pages, ["集访"], { group: false }))).toHaveLength(6);
    const one = rankResults([agreements[0] as Candidate, notice], ["集访"]);
    expect(one.every((r) => r.kind === "page")).toBe(true);
  });

  it("ranks a group that the query names at its best page (目标责任书)", () => {
    const ranked = rankResults(pages, ["目标责任书"]);
    expect(urls(ranked)[0]).toBe("2025年目标责任书");
  });

  it("lists each matching page exactly once, a group at most once, best first", () => {
    const pageArb = fc.record({
      url: fc.uuid().map((u) => `/p/${u}/`),
      title: text,
      type: fc.constantFrom(UNIT_TYPE, "考评结果通报", "目标责任书"),
      content: text,
      subjects: fc.array(term, { maxLength: 3 }),
      group: fc.option(fc.constantFrom("g1", "g2"), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(pageArb, { maxLength: 12 }),
        fc.array(term, { maxLength: 2 }),
        (ps, ts) => {
          const ranked = rankResults(ps, ts, { vocabulary: VOCABULARY });
          const listed = ranked.flatMap((r) =>
            r.kind === "page" ? [r.page.url] : r.pages.map((p) => p.page.url),
          );
          expect(new Set(listed).size).toBe(listed.length);
          const matching = ps.filter((p) => !ts.length || scorePage(p, ts, VOCABULARY) !== null);
          expect(listed.sort()).toEqual(matching.map((p) => p.url).sort());
          const labels = ranked.filter((r) => r.kind === "group").map((r) => r.label);
          expect(new Set(labels).size).toBe(labels.length);
          for (let i = 1; i < ranked.length; i++)
            expect((ranked[i - 1]?.score ?? 0) >= (ranked[i]?.score ?? 0)).toBe(true);
        },
      ),
    );
  });
});

describe("snippets", () => {
  const marked = (parts: { text: string; mark: boolean }[]) =>
    parts.filter((p) => p.mark).map((p) => p.text);
  const textOf = (parts: { text: string; mark: boolean }[]) => parts.map((p) => p.text).join("");

  it("prefers running text to a table cell, shows a sentence alone, and marks the term", () => {
    const content =
      "表1 排名\n1\n桃花村\n98.50\n三、扣分情况\n桃花村：赴县个访1件（扣1分），合计扣1分。 其余略。";
    const parts = snippet(content, ["桃花村"]);
    // a sentence stands alone: the lines of other villages around it are not added
    expect(textOf(parts)).toBe("桃花村：赴县个访1件（扣1分），合计扣1分。");
    expect(marked(parts)).toContain("桃花村");
  });

  it("joins a table cell with the readable cells beside it, leaving out ids, paths and heads", () => {
    const content =
      "处理\n处理 日期 事件 条款 说明 出处 黄牌警告\n2025年6月10日\nP-2025-0137\n因村内事务处理不公引发群众赴市集访的\nledger/2025/petitions.yaml:2143\n经济处理";
    const s = textOf(snippet(content, ["集访"]));
    expect(s).toContain("因村内事务处理不公引发群众赴市集访的");
    expect(s).toContain("2025年6月10日 · ");
    expect(s).not.toMatch(/P-2025|ledger|条款 说明/);
  });

  it("never shows a 发文字号", () => {
    const content =
      "青信办〔2025〕4号\n关于考评结果的通报\n根据青信办〔2025〕1号文件，现将集访情况通报如下。";
    const s = textOf(snippet(content, ["集访"]));
    expect(s).toContain("集访");
    expect(s).not.toMatch(DOC_NUMBER);
    expect(withoutDocNumbers("通报 · 青信办〔2025〕4号 · 2026年1月12日")).toBe(
      "通报 · 2026年1月12日",
    );
  });

  it("tells a table head, an id or a number from readable text", () => {
    expect(readable("处理 日期 事件 条款 说明 出处")).toBe(false);
    expect(readable("P-2025-0137")).toBe(false);
    expect(readable("98.50")).toBe(false);
    expect(readable("因村内事务处理不公引发群众赴市集访的")).toBe(true);
  });

  it("falls back to a unit's facts, then to the first running text", () => {
    const unit = page({
      url: "/units/x/",
      type: UNIT_TYPE,
      content: "上河村 书记：某某 主任：某某某 分管副职：某某",
      subjects: ["集访"],
      facts: ["到镇集访2次", "赴县个访4次"],
    });
    expect(textOf(resultSnippet(unit, ["集访"]))).toBe("考评记录：到镇集访2次");
    const doc = page({
      url: "/d/",
      content: "关于2025年1—6月村（社区）信访工作考评结果的通报",
      subjects: ["青信办〔2025〕4号"],
    });
    const parts = resultSnippet(doc, ["青信办"]);
    expect(textOf(parts)).toBe("关于2025年1—6月村（社区）信访工作考评结果的通报");
    expect(marked(parts)).toEqual([]);
  });

  it("holds the term marked, within the length asked (with its two ellipses)", () => {
    const word = fc.string({
      unit: fc.constantFrom(..."信访问集桃花村题上来市"),
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(text, word, text, (a, t, b) => {
        const parts = snippet(`${a}${t}${b}`, [t], 20);
        expect(textOf(parts).length).toBeLessThanOrEqual(22);
        expect(marked(parts).some((m) => m.includes(t))).toBe(true);
      }),
    );
  });

  it("marks every occurrence, and adjacent parts are never both marked or both plain", () => {
    fc.assert(
      fc.property(text, term, (s, t) => {
        const parts = markTerms(s, [t]);
        expect(textOf(parts)).toBe(s);
        for (let i = 1; i < parts.length; i++) expect(parts[i]?.mark).not.toBe(parts[i - 1]?.mark);
        expect(marked(parts).join("").length).toBe(matchPositions(s, t).length * t.length);
      }),
    );
  });
});
