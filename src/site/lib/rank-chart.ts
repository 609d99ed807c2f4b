// The monthly rank history of a unit as an inline SVG line chart: months across, rank down
// (rank 1 at the top). Readable without JavaScript and in black-and-white print: black line, the
// rank written at every point, a hollow square where the unit stood vetoed; title and desc for
// screen readers. Pure: data in, markup out.
import { h } from "./html.ts";

export interface RankPoint {
  /** Axis label, e.g. `3月`. */
  label: string;
  /** Year-to-date rank at the end of the month; null when there is no sheet for that month. */
  rank: number | null;
  vetoed: boolean;
}

export interface RankChartInput {
  /** Unique within the page: used for the title/desc ids. */
  id: string;
  title: string;
  /** Number of ranked units: the bottom of the axis. */
  units: number;
  points: readonly RankPoint[];
}

const W = 640;
const H = 280;
const LEFT = 56;
const RIGHT = 20;
const TOP = 30;
const BOTTOM = 44;
const INSET_X = 18;
const INSET_TOP = 24;
const INSET_BOTTOM = 12;

/** Rank ticks: every rank up to 15 units; beyond, 1, multiples of a 1-2-5 step and the last. */
export function rankTicks(units: number): number[] {
  if (units <= 1) return [1];
  if (units <= 15) return Array.from({ length: units }, (_, i) => i + 1);
  let step = 1;
  for (let k = 1; step === 1; k *= 10) {
    step = [1, 2, 5].map((s) => s * k).find((s) => s > 1 && (units - 1) / s <= 6) ?? 1;
  }
  const ticks = [1];
  for (let r = step; r < units; r += step) ticks.push(r);
  // Keep the last rank; drop a multiple that would sit on top of it.
  if (units - (ticks.at(-1) ?? 1) < step / 3) ticks.pop();
  ticks.push(units);
  return ticks;
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

/** The description text: every month's rank in words, for screen readers and the desc element. */
export function rankChartDescription(input: RankChartInput): string {
  const parts = input.points
    .filter((p) => p.rank !== null)
    .map((p) => `${p.label}第${p.rank}名${p.vetoed ? "（一票否决）" : ""}`);
  return parts.length
    ? `共${input.units}个村（社区）参加排名。${parts.join("，")}。`
    : "暂无月度排名。";
}

export function rankChartSvg(input: RankChartInput): string {
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const n = Math.max(input.points.length, 1);
  // Points sit inside the frame, with room above the top rank for its label.
  const innerW = plotW - 2 * INSET_X;
  const innerH = plotH - INSET_TOP - INSET_BOTTOM;
  const x = (i: number) => LEFT + INSET_X + (n === 1 ? innerW / 2 : (i * innerW) / (n - 1));
  const y = (rank: number) =>
    TOP + INSET_TOP + (input.units <= 1 ? innerH / 2 : ((rank - 1) * innerH) / (input.units - 1));
  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const out: string[] = [
    `<svg class="rank-chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${h(titleId)} ${h(descId)}">`,
    `<title id="${h(titleId)}">${h(input.title)}</title>`,
    `<desc id="${h(descId)}">${h(rankChartDescription(input))}</desc>`,
    `<rect x="${LEFT}" y="${TOP}" width="${plotW}" height="${plotH}" fill="#fff" stroke="#000" stroke-width="1"/>`,
  ];
  for (const tick of rankTicks(input.units)) {
    const ty = fmt(y(tick));
    out.push(
      `<line x1="${LEFT}" y1="${ty}" x2="${LEFT + plotW}" y2="${ty}" stroke="#999" stroke-width="0.75" stroke-dasharray="3 3"/>`,
      `<text x="${LEFT - 8}" y="${ty}" text-anchor="end" dominant-baseline="middle" font-size="13" fill="#000">${tick}</text>`,
    );
  }
  input.points.forEach((p, i) => {
    out.push(
      `<text x="${fmt(x(i))}" y="${TOP + plotH + 22}" text-anchor="middle" font-size="13" fill="#000">${h(p.label)}</text>`,
    );
  });
  out.push(
    `<text x="14" y="${fmt(TOP + plotH / 2)}" text-anchor="middle" font-size="13" fill="#000" transform="rotate(-90 14 ${fmt(TOP + plotH / 2)})">名次</text>`,
  );
  // The line, broken where a month has no rank.
  const segments: string[][] = [];
  let current: string[] = [];
  input.points.forEach((p, i) => {
    if (p.rank === null) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push(`${fmt(x(i))},${fmt(y(p.rank))}`);
  });
  if (current.length) segments.push(current);
  for (const seg of segments) {
    if (seg.length > 1)
      out.push(
        `<polyline points="${seg.join(" ")}" fill="none" stroke="#000" stroke-width="2" stroke-linejoin="round"/>`,
      );
  }
  input.points.forEach((p, i) => {
    if (p.rank === null) return;
    const px = x(i);
    const py = y(p.rank);
    out.push(
      p.vetoed
        ? `<rect x="${fmt(px - 5)}" y="${fmt(py - 5)}" width="10" height="10" fill="#fff" stroke="#000" stroke-width="2"/>`
        : `<circle cx="${fmt(px)}" cy="${fmt(py)}" r="4.5" fill="#000"/>`,
    );
    const above = py - TOP >= INSET_TOP;
    out.push(
      `<text x="${fmt(px)}" y="${fmt(above ? py - 10 : py + 20)}" text-anchor="middle" font-size="13" font-weight="bold" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke">${p.rank}</text>`,
    );
  });
  out.push("</svg>");
  return out.join("");
}
