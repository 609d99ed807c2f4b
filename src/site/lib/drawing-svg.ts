// A drawing (doc/drawing.ts) as inline SVG: millimetres as user units, each shape's role written
// out as presentation attributes (grey, fill, dash), no CSS, no scripts, text escaped. Written
// from data, never read back: nothing here parses SVG.
import { LINE_STYLES, PT_PER_MM, TEXT_STYLES } from "../../doc/drawing.ts";
import type { Drawing, Grey, LineStyle, Shape } from "../../doc/drawing.ts";
import { h } from "./html.ts";

export interface DrawingSvgOptions {
  /** Class of the svg element (the stylesheet sizes it). */
  className: string;
  /** How it is read out: a label (a figure's alt text), or a description whose title and desc
   *  elements get ids from `id` and are referenced by aria-labelledby. */
  access: { label: string } | { id: string; description: string };
  /** Typeface of the text; without it, the page's (CSS). */
  fontFamily?: string;
}

/** Numbers to a thousandth of a millimetre, no trailing zeros. */
const n = (v: number): string => {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? "0" : String(r);
};

/** A grey level as #rrggbb. */
export function greyHex(grey: Grey): string {
  const byte = Math.min(255, Math.max(0, Math.round(grey)))
    .toString(16)
    .padStart(2, "0");
  return `#${byte}${byte}${byte}`;
}

function strokeAttrs(style: LineStyle, width: number, open: boolean): string {
  if (width <= 0) return "";
  let s = ` stroke="${greyHex(style.stroke)}" stroke-width="${n(width)}"`;
  if (open && style.dash) s += ` stroke-dasharray="${n(style.dash[0])} ${n(style.dash[1])}"`;
  return s;
}

const fillAttr = (style: LineStyle) =>
  ` fill="${style.fill === null ? "none" : greyHex(style.fill)}"`;

export function shapeToSvg(shape: Shape): string {
  switch (shape.kind) {
    case "line": {
      const style = LINE_STYLES[shape.role];
      return `<line x1="${n(shape.x1)}" y1="${n(shape.y1)}" x2="${n(shape.x2)}" y2="${n(shape.y2)}"${strokeAttrs(style, shape.lineWidth, true)}/>`;
    }
    case "polyline": {
      const style = LINE_STYLES[shape.role];
      const points = shape.points.map(([x, y]) => `${n(x)},${n(y)}`).join(" ");
      const join = style.roundJoin ? ' stroke-linejoin="round"' : "";
      return `<polyline points="${points}" fill="none"${strokeAttrs(style, shape.lineWidth, true)}${join}/>`;
    }
    case "rect": {
      const style = LINE_STYLES[shape.role];
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}"${fillAttr(style)}${strokeAttrs(style, shape.lineWidth, false)}/>`;
    }
    case "marker": {
      const style = LINE_STYLES[shape.role];
      const paint = `${fillAttr(style)}${strokeAttrs(style, shape.lineWidth, false)}`;
      const r = shape.size / 2;
      return shape.symbol === "dot"
        ? `<circle cx="${n(shape.x)}" cy="${n(shape.y)}" r="${n(r)}"${paint}/>`
        : `<rect x="${n(shape.x - r)}" y="${n(shape.y - r)}" width="${n(shape.size)}" height="${n(shape.size)}"${paint}/>`;
    }
    case "text": {
      const style = TEXT_STYLES[shape.role];
      let attrs = `x="${n(shape.x)}" y="${n(shape.y)}" font-size="${n(shape.size / PT_PER_MM)}"`;
      if (shape.anchor !== "start") attrs += ` text-anchor="${shape.anchor}"`;
      if (shape.weight === "bold") attrs += ' font-weight="bold"';
      attrs += ` fill="${greyHex(style.fill)}"`;
      if (style.halo)
        attrs += ` stroke="${greyHex(style.halo.grey)}" stroke-width="${n(style.halo.width)}" stroke-linejoin="round" paint-order="stroke"`;
      if (shape.rotate)
        attrs += ` transform="rotate(${n(shape.rotate)} ${n(shape.x)} ${n(shape.y)})"`;
      return `<text ${attrs}>${h(shape.text)}</text>`;
    }
    default: {
      const never: never = shape;
      throw new Error(`unknown shape ${JSON.stringify(never)}`);
    }
  }
}

/** The drawing as an svg element, as large as it is (mm) and scaled by the stylesheet. */
export function drawingSvg(drawing: Drawing, options: DrawingSvgOptions): string {
  const { width, height } = drawing;
  let open = `<svg class="${h(options.className)}" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}mm" height="${n(height)}mm" role="img"`;
  let head: string;
  const access = options.access;
  if ("label" in access) {
    open += ` aria-label="${h(access.label)}"`;
    head = `<title>${h(drawing.title)}</title>`;
  } else {
    const title = `${access.id}-title`;
    const desc = `${access.id}-desc`;
    open += ` aria-labelledby="${h(title)} ${h(desc)}"`;
    head = `<title id="${h(title)}">${h(drawing.title)}</title><desc id="${h(desc)}">${h(access.description)}</desc>`;
  }
  if (options.fontFamily) open += ` font-family="${h(options.fontFamily)}"`;
  return `${open}>${head}${drawing.shapes.map(shapeToSvg).join("")}</svg>`;
}
