// Drawing: a chart as plain data, shared by every output (the PDF paints it as vectors, the site
// writes it as SVG, DOCX and XLSX will do their own). Lengths are millimetres from the drawing's
// top-left corner, y growing downwards; font sizes are points. Shapes carry a role, never a
// colour: the role decides grey, fill and dash, so every chart prints in black and white. Outputs
// switch on `kind` with an exhaustive `never` default, so a new shape fails to compile until every
// output draws it.

/** A grey level: 0 black … 255 white. Charts have no other colours. */
export type Grey = number;

/** What a line or closed shape is in its chart; decides how it is drawn (LINE_STYLES). */
export type LineRole =
  /** An axis: a thin black line. */
  | "axis"
  /** The outline of the plot area: black, white inside. */
  | "frame"
  /** A light solid line at a value tick. */
  | "grid"
  /** A grey dashed line at a value tick, over a frame. */
  | "guide"
  /** The main series: a solid black line, filled black markers. */
  | "series-1"
  /** The series compared with: a dashed black line, hollow markers. */
  | "series-2"
  /** A bar: grey with a black outline. */
  | "bar"
  /** A point that stands out (a vetoed month): hollow, black outline. */
  | "highlight";

/** What a text is in its chart; decides its grey and whether it has a halo (TEXT_STYLES). */
export type TextRole =
  | "title"
  | "label"
  | "value"
  /** A value written over lines: a white halo keeps it readable. */
  | "callout";

export type Anchor = "start" | "middle" | "end";

export type Shape =
  | {
      kind: "line";
      role: LineRole;
      /** Stroke width, mm. */
      lineWidth: number;
      x1: number;
      y1: number;
      x2: number;
      y2: number;
    }
  | {
      kind: "polyline";
      role: LineRole;
      lineWidth: number;
      points: [number, number][];
    }
  | {
      kind: "rect";
      role: LineRole;
      /** Outline width, mm; 0: no outline. */
      lineWidth: number;
      x: number;
      y: number;
      width: number;
      height: number;
    }
  | {
      /** A point symbol centred on (x, y): a dot (circle) or a square, `size` mm across. */
      kind: "marker";
      role: LineRole;
      lineWidth: number;
      symbol: "dot" | "square";
      x: number;
      y: number;
      size: number;
    }
  | {
      kind: "text";
      role: TextRole;
      text: string;
      /** The anchor point on the baseline. */
      x: number;
      y: number;
      /** Font size, pt. */
      size: number;
      anchor: Anchor;
      weight: "normal" | "bold";
      /** Degrees, about the anchor point; negative turns counter-clockwise (reads upwards). */
      rotate?: number;
    };

export interface Drawing {
  /** What the chart shows, in words (the SVG title; the chart's own heading is a text shape). */
  title: string;
  /** Size, mm. */
  width: number;
  height: number;
  /** Painted in order: later shapes cover earlier ones. */
  shapes: Shape[];
}

export interface LineStyle {
  /** Grey of lines and outlines. */
  stroke: Grey;
  /** Grey inside closed shapes (rect, marker); null: not filled. */
  fill: Grey | null;
  /** Dash of open lines (line, polyline), mm on and off; null: solid. Outlines are solid. */
  dash: readonly [number, number] | null;
  /** Polyline corners rounded (a data line), or mitred. */
  roundJoin: boolean;
}

export interface TextStyle {
  fill: Grey;
  /** A band of `grey` around the glyphs, `width` mm wide in total. */
  halo: { grey: Grey; width: number } | null;
}

export const LINE_STYLES: Readonly<Record<LineRole, LineStyle>> = {
  axis: { stroke: 0, fill: null, dash: null, roundJoin: false },
  frame: { stroke: 0, fill: 255, dash: null, roundJoin: false },
  grid: { stroke: 187, fill: null, dash: null, roundJoin: false },
  guide: { stroke: 153, fill: null, dash: [0.8, 0.8], roundJoin: false },
  "series-1": { stroke: 0, fill: 0, dash: null, roundJoin: true },
  "series-2": { stroke: 0, fill: 255, dash: [1, 0.8], roundJoin: true },
  bar: { stroke: 0, fill: 154, dash: null, roundJoin: false },
  highlight: { stroke: 0, fill: 255, dash: null, roundJoin: false },
};

export const TEXT_STYLES: Readonly<Record<TextRole, TextStyle>> = {
  title: { fill: 0, halo: null },
  label: { fill: 0, halo: null },
  value: { fill: 0, halo: null },
  callout: { fill: 0, halo: { grey: 255, width: 0.8 } },
};

/** Millimetres rounded to 0.01 mm: drawings hold tidy numbers. */
export const mm2 = (v: number): number => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
};

/** Points in one millimetre. */
export const PT_PER_MM = 72 / 25.4;

const LINE_ROLES = new Set<string>(Object.keys(LINE_STYLES));
const TEXT_ROLES = new Set<string>(Object.keys(TEXT_STYLES));
const ANCHORS = new Set<string>(["start", "middle", "end"]);

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields =>
  v !== null && typeof v === "object" && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function readShape(v: unknown): Shape | null {
  if (!isObject(v)) return null;
  if (v.kind === "text") {
    const { role, text, x, y, size, anchor, weight, rotate } = v;
    if (
      !TEXT_ROLES.has(String(role)) ||
      typeof text !== "string" ||
      !isNum(x) ||
      !isNum(y) ||
      !isNum(size) ||
      !ANCHORS.has(String(anchor)) ||
      (weight !== "normal" && weight !== "bold") ||
      (rotate !== undefined && !isNum(rotate))
    )
      return null;
    const shape: Shape = {
      kind: "text",
      role: role as TextRole,
      text,
      x,
      y,
      size,
      anchor: anchor as Anchor,
      weight,
    };
    if (rotate !== undefined) shape.rotate = rotate;
    return shape;
  }
  const { role, lineWidth } = v;
  if (!LINE_ROLES.has(String(role)) || !isNum(lineWidth)) return null;
  const base = { role: role as LineRole, lineWidth };
  switch (v.kind) {
    case "line": {
      const { x1, y1, x2, y2 } = v;
      return isNum(x1) && isNum(y1) && isNum(x2) && isNum(y2)
        ? { kind: "line", ...base, x1, y1, x2, y2 }
        : null;
    }
    case "polyline": {
      const points = Array.isArray(v.points) ? v.points : [];
      const ok = points.every((p) => Array.isArray(p) && p.length === 2 && p.every(isNum));
      return ok
        ? { kind: "polyline", ...base, points: points.map((p) => [p[0], p[1]] as [number, number]) }
        : null;
    }
    case "rect": {
      const { x, y, width, height } = v;
      return isNum(x) && isNum(y) && isNum(width) && isNum(height)
        ? { kind: "rect", ...base, x, y, width, height }
        : null;
    }
    case "marker": {
      const { symbol, x, y, size } = v;
      return (symbol === "dot" || symbol === "square") && isNum(x) && isNum(y) && isNum(size)
        ? { kind: "marker", ...base, symbol, x, y, size }
        : null;
    }
    default:
      return null;
  }
}

/**
 * A drawing from data that arrived as text (a ```figure block's YAML): every field checked, a
 * shape that is not one of ours left out, a missing size read as 0.
 */
export function readDrawing(v: unknown): Drawing {
  const o = isObject(v) ? v : {};
  const shapes = Array.isArray(o.shapes) ? o.shapes.map(readShape) : [];
  return {
    title: typeof o.title === "string" ? o.title : "",
    width: isNum(o.width) && o.width > 0 ? o.width : 0,
    height: isNum(o.height) && o.height > 0 ? o.height : 0,
    shapes: shapes.filter((s): s is Shape => s !== null),
  };
}
