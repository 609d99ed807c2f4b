import { describe, expect, it } from "vitest";
import { rankChartDescription, rankChartSvg, rankTicks } from "../../src/site/lib/rank-chart.ts";
import type { RankPoint } from "../../src/site/lib/rank-chart.ts";

const months = (ranks: (number | null)[], vetoedFrom = 13): RankPoint[] =>
  ranks.map((rank, i) => ({ label: `${i + 1}月`, rank, vetoed: i + 1 >= vetoedFrom }));

describe("rankTicks", () => {
  it("labels every rank for a town (up to 15 units)", () => {
    expect(rankTicks(1)).toEqual([1]);
    expect(rankTicks(12)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("labels 1, multiples of a round step and the last rank for a county", () => {
    expect(rankTicks(300)).toEqual([1, 50, 100, 150, 200, 250, 300]);
    expect(rankTicks(16)).toEqual([1, 5, 10, 16]);
    expect(rankTicks(301)).toEqual([1, 50, 100, 150, 200, 250, 301]);
  });
});

describe("rankChartSvg", () => {
  const svg = rankChartSvg({
    id: "rank-dongpo-2025",
    title: "东坡村2025年逐月累计排名",
    units: 12,
    points: months([10, 9, 11, 9, 9, 8, 8, 8, 7, 7, 6, 6]),
  });

  it("is an accessible image: role, title and desc referenced by aria-labelledby", () => {
    expect(svg).toMatch(/^<svg class="rank-chart" viewBox="0 0 640 280"/);
    expect(svg).toContain(
      'role="img" aria-labelledby="rank-dongpo-2025-title rank-dongpo-2025-desc"',
    );
    expect(svg).toContain('<title id="rank-dongpo-2025-title">东坡村2025年逐月累计排名</title>');
    expect(svg).toContain("1月第10名，2月第9名，3月第11名");
  });

  it("draws one line through the twelve months and writes each rank at its point", () => {
    expect(svg.match(/<polyline /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(12);
    expect(svg).toContain(
      'font-weight="bold" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke">11</text>',
    );
  });

  it("puts rank 1 at the top and the last rank at the bottom", () => {
    const top = rankChartSvg({ id: "a", title: "t", units: 12, points: months([1]) });
    const bottom = rankChartSvg({ id: "b", title: "t", units: 12, points: months([12]) });
    const cy = (s: string) => Number(/<circle cx="[\d.]+" cy="([\d.]+)"/.exec(s)?.[1]);
    expect(cy(top)).toBe(30 + 24);
    expect(cy(bottom)).toBe(280 - 44 - 12);
  });

  it("uses only black, white and grey (legible in black-and-white print)", () => {
    const colours = new Set(svg.match(/#[0-9a-f]{3,6}\b/gi));
    expect([...colours].sort()).toEqual(["#000", "#999", "#fff"]);
  });

  it("marks vetoed months with a hollow square instead of a dot", () => {
    const v = rankChartSvg({
      id: "v",
      title: "t",
      units: 12,
      points: months([12, 12, 12], 2),
    });
    expect(v.match(/<circle /g)).toHaveLength(1);
    expect(v.match(/<rect x="[\d.]+" y="[\d.]+" width="10" height="10" fill="#fff"/g)).toHaveLength(
      2,
    );
    expect(
      rankChartDescription({ id: "v", title: "t", units: 12, points: months([12, 12], 2) }),
    ).toBe("共12个村（社区）参加排名。1月第12名，2月第12名（一票否决）。");
  });

  it("breaks the line at months without a sheet and says so when there is none", () => {
    const gap = rankChartSvg({ id: "g", title: "t", units: 5, points: months([1, 2, null, 3, 4]) });
    expect(gap.match(/<polyline /g)).toHaveLength(2);
    expect(rankChartDescription({ id: "e", title: "t", units: 5, points: months([null]) })).toBe(
      "暂无月度排名。",
    );
  });

  it("escapes its text", () => {
    const s = rankChartSvg({
      id: '"x',
      title: "<b>",
      units: 2,
      points: [{ label: "<i>", rank: 1, vetoed: false }],
    });
    expect(s).not.toMatch(/<b>|<i>/);
    expect(s).toContain("&lt;b&gt;");
    expect(s).toContain('id="&quot;x-title"');
  });
});
