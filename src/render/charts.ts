// Charts as plain SVG: the same drawing in the site page and in the PDF (drawn as vectors). Only
// presentation attributes (no CSS, no scripts), black lines and grey fills with values written
// on the chart, so it reads without colour and without JavaScript.

export interface Series {
  label: string;
  values: number[];
  /** Drawn dashed (e.g. last year). */
  dashed?: boolean;
}

const FONT = 'font-family="serif"';
const FS = (size: number) => `font-size="${size}"`;

function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** A "nice" step: 1, 2 or 5 × 10^k, at least `raw` and at least 1 (counts are whole). */
function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** Axis top for four whole-number ticks: a multiple of a nice step at or above `max`. */
export function niceMax(max: number): number {
  const step = niceStep(Math.max(1, max) / 4);
  return step * Math.max(1, Math.ceil(max / step));
}

/** Tick values from 0 to `top`, every nice step. */
function ticks(top: number): number[] {
  const step = niceStep(top / 4);
  const out: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(v);
  return out;
}

/** Line chart over categories (months): one polyline per series, values at the points. */
export function lineChart(title: string, labels: string[], series: Series[], unit: string): string {
  const w = 560;
  const h = 260;
  const left = 44;
  const right = 16;
  const top = 30;
  const bottom = 46;
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  const x = (i: number) =>
    left +
    (labels.length <= 1 ? (w - left - right) / 2 : (i * (w - left - right)) / (labels.length - 1));
  const y = (v: number) => top + (h - top - bottom) * (1 - v / max);
  const parts: string[] = [];
  parts.push(
    `<text x="${w / 2}" y="18" text-anchor="middle" ${FONT} ${FS(14)}>${esc(title)}</text>`,
  );
  for (const v of ticks(max)) {
    parts.push(
      `<line x1="${left}" y1="${r1(y(v))}" x2="${w - right}" y2="${r1(y(v))}" stroke="#bbbbbb" stroke-width="0.5"/>`,
    );
    parts.push(
      `<text x="${left - 6}" y="${r1(y(v) + 4)}" text-anchor="end" ${FONT} ${FS(12)}>${r1(v)}</text>`,
    );
  }
  labels.forEach((l, i) =>
    parts.push(
      `<text x="${r1(x(i))}" y="${h - bottom + 16}" text-anchor="middle" ${FONT} ${FS(12)}>${esc(l)}</text>`,
    ),
  );
  parts.push(
    `<text x="${left - 6}" y="${top - 10}" text-anchor="end" ${FONT} ${FS(12)}>${esc(unit)}</text>`,
  );
  series.forEach((s, n) => {
    const pts = s.values.map((v, i) => `${r1(x(i))},${r1(y(v))}`).join(" ");
    parts.push(
      `<polyline points="${pts}" fill="none" stroke="#000000" stroke-width="${s.dashed ? 1 : 1.6}"${s.dashed ? ' stroke-dasharray="4 3"' : ""}/>`,
    );
    s.values.forEach((v, i) => {
      parts.push(
        s.dashed
          ? `<rect x="${r1(x(i) - 2.5)}" y="${r1(y(v) - 2.5)}" width="5" height="5" fill="#ffffff" stroke="#000000" stroke-width="1"/>`
          : `<circle cx="${r1(x(i))}" cy="${r1(y(v))}" r="2.8" fill="#000000"/>`,
      );
      if (!s.dashed)
        parts.push(
          `<text x="${r1(x(i))}" y="${r1(y(v) - 7)}" text-anchor="middle" ${FONT} ${FS(10)}>${v}</text>`,
        );
    });
    // Legend
    const lx = left + n * 150;
    const ly = h - 12;
    parts.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="#000000" stroke-width="${s.dashed ? 1 : 1.6}"${s.dashed ? ' stroke-dasharray="4 3"' : ""}/>`,
    );
    parts.push(`<text x="${lx + 30}" y="${ly}" ${FONT} ${FS(12)}>${esc(s.label)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img"><title>${esc(title)}</title>${parts.join("")}</svg>`;
}

/** Horizontal bar chart: one bar per item, the value written after the bar. */
export function barChart(
  title: string,
  items: { label: string; value: number }[],
  unit: string,
): string {
  const w = 560;
  const rowH = 22;
  const top = 30;
  const left = 110;
  const right = 60;
  const h = top + Math.max(1, items.length) * rowH + 12;
  const max = niceMax(Math.max(1, ...items.map((i) => i.value)));
  const bw = (v: number) => ((w - left - right) * v) / max;
  const parts: string[] = [
    `<text x="${w / 2}" y="18" text-anchor="middle" ${FONT} ${FS(14)}>${esc(title)}</text>`,
  ];
  items.forEach((it, i) => {
    const y0 = top + i * rowH;
    parts.push(
      `<text x="${left - 8}" y="${y0 + 15}" text-anchor="end" ${FONT} ${FS(12)}>${esc(it.label)}</text>`,
    );
    parts.push(
      `<rect x="${left}" y="${y0 + 4}" width="${r1(Math.max(0.5, bw(it.value)))}" height="${rowH - 8}" fill="#9a9a9a" stroke="#000000" stroke-width="0.6"/>`,
    );
    parts.push(
      `<text x="${r1(left + bw(it.value) + 6)}" y="${y0 + 15}" ${FONT} ${FS(12)}>${it.value}${esc(unit)}</text>`,
    );
  });
  parts.push(
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + items.length * rowH}" stroke="#000000" stroke-width="0.8"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img"><title>${esc(title)}</title>${parts.join("")}</svg>`;
}
