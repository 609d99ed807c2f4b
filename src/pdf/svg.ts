// A small SVG reader for charts: svg/g (transform, inherited fill/stroke), path, line, rect,
// circle, ellipse, polyline, polygon and text, with fill/stroke from attributes or style. Gives
// vector shapes in the SVG's user space; nothing is rasterised, nothing is fetched.
import type { PathOp, Rgb } from "./boxes.ts";

type Matrix = [number, number, number, number, number, number];

export interface SvgShape {
  ops: PathOp[];
  fill: Rgb | null;
  stroke: Rgb | null;
  strokeWidth: number;
  evenOdd: boolean;
}

export interface SvgText {
  text: string;
  /** Transform of the text's own coordinate space (origin at the anchor point). */
  matrix: Matrix;
  size: number;
  anchor: "start" | "middle" | "end";
  fill: Rgb;
  bold: boolean;
}

export interface SvgDrawing {
  width: number;
  height: number;
  /** viewBox origin and size (user space). */
  viewBox: [number, number, number, number];
  shapes: SvgShape[];
  texts: SvgText[];
}

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(
          e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
        )
      : (ENTITIES[e] ?? m),
  );

function parseXml(src: string): Node {
  const root: Node = { name: "#root", attrs: {}, children: [], text: "" };
  const stack = [root];
  const re =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<![^>]*>|<\/\s*([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    const top = stack[stack.length - 1] as Node;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[2]) {
      if (stack.length > 1) stack.pop();
    } else if (m[3]) {
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? "").matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
        attrs[a[1] as string] = decode(a[2] ?? a[3] ?? "");
      const node: Node = { name: m[3], attrs, children: [], text: "" };
      top.children.push(node);
      if (!m[5]) stack.push(node);
    } else if (m[6]) top.text += decode(m[6]);
  }
  return root;
}

const NAMED: Record<string, Rgb> = {
  black: [0, 0, 0],
  white: [1, 1, 1],
  red: [1, 0, 0],
  green: [0, 0.5, 0],
  blue: [0, 0, 1],
  gray: [0.5, 0.5, 0.5],
  grey: [0.5, 0.5, 0.5],
  silver: [0.75, 0.75, 0.75],
  lightgray: [0.83, 0.83, 0.83],
  darkgray: [0.66, 0.66, 0.66],
  orange: [1, 0.65, 0],
  navy: [0, 0, 0.5],
  maroon: [0.5, 0, 0],
  teal: [0, 0.5, 0.5],
};

function color(v: string | undefined): Rgb | null | undefined {
  if (v === undefined) return undefined;
  const s = v.trim().toLowerCase();
  if (s === "none" || s === "transparent") return null;
  if (s === "currentcolor") return [0, 0, 0];
  let m = /^#([0-9a-f]{3})$/.exec(s);
  if (m) {
    const h = m[1] as string;
    return [0, 1, 2].map((i) => parseInt(h[i] as string, 16) / 15) as unknown as Rgb;
  }
  m = /^#([0-9a-f]{6})/.exec(s);
  if (m) {
    const h = m[1] as string;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as unknown as Rgb;
  }
  m = /^rgba?\(([^)]*)\)$/.exec(s);
  if (m) {
    const p = (m[1] as string).split(/[\s,/]+/).filter(Boolean);
    return [0, 1, 2].map((i) => {
      const x = p[i] ?? "0";
      return x.endsWith("%") ? parseFloat(x) / 100 : parseFloat(x) / 255;
    }) as unknown as Rgb;
  }
  return NAMED[s] ?? [0, 0, 0];
}

const multiply = (a: Matrix, b: Matrix): Matrix => [
  a[0] * b[0] + a[2] * b[1],
  a[1] * b[0] + a[3] * b[1],
  a[0] * b[2] + a[2] * b[3],
  a[1] * b[2] + a[3] * b[3],
  a[0] * b[4] + a[2] * b[5] + a[4],
  a[1] * b[4] + a[3] * b[5] + a[5],
];

function transform(v: string | undefined): Matrix {
  let m: Matrix = [1, 0, 0, 1, 0, 0];
  if (!v) return m;
  for (const t of v.matchAll(/(\w+)\s*\(([^)]*)\)/g)) {
    const n = (t[2] as string)
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    const [a = 0, b, c, d, e, f] = n;
    let x: Matrix = [1, 0, 0, 1, 0, 0];
    switch (t[1]) {
      case "matrix":
        x = [a, b ?? 0, c ?? 0, d ?? 0, e ?? 0, f ?? 0];
        break;
      case "translate":
        x = [1, 0, 0, 1, a, b ?? 0];
        break;
      case "scale":
        x = [a, 0, 0, b ?? a, 0, 0];
        break;
      case "rotate": {
        const r = (a * Math.PI) / 180;
        const rot: Matrix = [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0];
        x =
          b !== undefined
            ? multiply(multiply([1, 0, 0, 1, b, c ?? 0], rot), [1, 0, 0, 1, -b, -(c ?? 0)])
            : rot;
        break;
      }
    }
    m = multiply(m, x);
  }
  return m;
}

interface Style {
  fill: Rgb | null;
  stroke: Rgb | null;
  strokeWidth: number;
  fontSize: number;
  anchor: "start" | "middle" | "end";
  bold: boolean;
  evenOdd: boolean;
}

function styleOf(node: Node, parent: Style): Style {
  const a: Record<string, string> = { ...node.attrs };
  for (const decl of (node.attrs.style ?? "").split(";")) {
    const [k, v] = decl.split(":");
    if (k && v) a[k.trim()] = v.trim();
  }
  const fill = color(a.fill);
  const stroke = color(a.stroke);
  const anchor = a["text-anchor"];
  return {
    fill: fill === undefined ? parent.fill : fill,
    stroke: stroke === undefined ? parent.stroke : stroke,
    strokeWidth:
      a["stroke-width"] !== undefined ? parseFloat(a["stroke-width"]) || 0 : parent.strokeWidth,
    fontSize:
      a["font-size"] !== undefined
        ? parseFloat(a["font-size"]) || parent.fontSize
        : parent.fontSize,
    anchor: anchor === "middle" || anchor === "end" || anchor === "start" ? anchor : parent.anchor,
    bold: a["font-weight"] !== undefined ? /bold|[6-9]00/.test(a["font-weight"]) : parent.bold,
    evenOdd: a["fill-rule"] !== undefined ? a["fill-rule"] === "evenodd" : parent.evenOdd,
  };
}

const num = (v: string | undefined, d = 0) => (v === undefined ? d : parseFloat(v) || d);

/** SVG path data → absolute M/L/C/Z (quadratics and arcs become cubics). */
export function pathOps(d: string): PathOp[] {
  const out: PathOp[] = [];
  const tokens = d.match(/[a-zA-Z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  let i = 0;
  let cmd = "";
  let x = 0;
  let y = 0;
  let sx = 0;
  let sy = 0;
  let cx = 0;
  let cy = 0;
  let qx = 0;
  let qy = 0;
  let prev = "";
  const n = () => Number(tokens[i++]);
  const cubic = (x1: number, y1: number, x2: number, y2: number, ex: number, ey: number) => {
    out.push({ op: "C", x1, y1, x2, y2, x: ex, y: ey });
    cx = x2;
    cy = y2;
    x = ex;
    y = ey;
  };
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i] as string)) cmd = tokens[i++] as string;
    const rel = cmd === cmd.toLowerCase();
    const ox = rel ? x : 0;
    const oy = rel ? y : 0;
    switch (cmd.toUpperCase()) {
      case "M":
        x = ox + n();
        y = oy + n();
        sx = x;
        sy = y;
        out.push({ op: "M", x, y });
        cmd = rel ? "l" : "L";
        break;
      case "L":
        x = ox + n();
        y = oy + n();
        out.push({ op: "L", x, y });
        break;
      case "H":
        x = ox + n();
        out.push({ op: "L", x, y });
        break;
      case "V":
        y = oy + n();
        out.push({ op: "L", x, y });
        break;
      case "C": {
        const a = [n(), n(), n(), n(), n(), n()];
        cubic(
          ox + (a[0] as number),
          oy + (a[1] as number),
          ox + (a[2] as number),
          oy + (a[3] as number),
          ox + (a[4] as number),
          oy + (a[5] as number),
        );
        break;
      }
      case "S": {
        const a = [n(), n(), n(), n()];
        const r = /[CS]/i.test(prev);
        cubic(
          r ? 2 * x - cx : x,
          r ? 2 * y - cy : y,
          ox + (a[0] as number),
          oy + (a[1] as number),
          ox + (a[2] as number),
          oy + (a[3] as number),
        );
        break;
      }
      case "Q":
      case "T": {
        let px: number;
        let py: number;
        if (cmd.toUpperCase() === "Q") {
          px = ox + n();
          py = oy + n();
        } else {
          const r = /[QT]/i.test(prev);
          px = r ? 2 * x - qx : x;
          py = r ? 2 * y - qy : y;
        }
        const ex = ox + n();
        const ey = oy + n();
        qx = px;
        qy = py;
        cubic(
          x + (2 / 3) * (px - x),
          y + (2 / 3) * (py - y),
          ex + (2 / 3) * (px - ex),
          ey + (2 / 3) * (py - ey),
          ex,
          ey,
        );
        break;
      }
      case "A": {
        const [rx, ry, rot, large, sweep] = [n(), n(), n(), n(), n()];
        const ex = ox + n();
        const ey = oy + n();
        for (const c of arcToCubics(x, y, rx, ry, rot, large !== 0, sweep !== 0, ex, ey))
          cubic(...c);
        x = ex;
        y = ey;
        break;
      }
      case "Z":
        out.push({ op: "Z" });
        x = sx;
        y = sy;
        break;
      default:
        i++;
    }
    prev = cmd;
  }
  return out;
}

type Cubic = [number, number, number, number, number, number];

function arcToCubics(
  x1: number,
  y1: number,
  rx: number,
  ry: number,
  angle: number,
  large: boolean,
  sweep: boolean,
  x2: number,
  y2: number,
): Cubic[] {
  if (rx === 0 || ry === 0) return [[x1, y1, x2, y2, x2, y2]];
  const phi = (angle * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const x1p = cos * dx + sin * dy;
  const y1p = -sin * dx + cos * dy;
  rx = Math.abs(rx);
  ry = Math.abs(ry);
  const lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const sign = large === sweep ? -1 : 1;
  const num2 = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  const co = sign * Math.sqrt(Math.max(0, num2 / den));
  const cxp = (co * rx * y1p) / ry;
  const cyp = (-co * ry * x1p) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const ang = (ux: number, uy: number, vx: number, vy: number) => {
    const a = Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
    return a;
  };
  let t1 = ang(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
  let dt = ang((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry);
  if (!sweep && dt > 0) dt -= 2 * Math.PI;
  if (sweep && dt < 0) dt += 2 * Math.PI;
  const segs = Math.ceil(Math.abs(dt) / (Math.PI / 2));
  const out: Cubic[] = [];
  const step = dt / segs;
  const k = (4 / 3) * Math.tan(step / 4);
  const pt = (t: number): [number, number] => [
    cx + rx * Math.cos(t) * cos - ry * Math.sin(t) * sin,
    cy + rx * Math.cos(t) * sin + ry * Math.sin(t) * cos,
  ];
  const der = (t: number): [number, number] => [
    -rx * Math.sin(t) * cos - ry * Math.cos(t) * sin,
    -rx * Math.sin(t) * sin + ry * Math.cos(t) * cos,
  ];
  for (let s = 0; s < segs; s++) {
    const a = t1;
    const b = t1 + step;
    const [ax, ay] = pt(a);
    const [bx, by] = pt(b);
    const [dax, day] = der(a);
    const [dbx, dby] = der(b);
    out.push([ax + k * dax, ay + k * day, bx - k * dbx, by - k * dby, bx, by]);
    t1 = b;
  }
  return out;
}

function ellipse(cx: number, cy: number, rx: number, ry: number): PathOp[] {
  return pathOps(
    `M${cx - rx},${cy} A${rx},${ry} 0 1 0 ${cx + rx},${cy} A${rx},${ry} 0 1 0 ${cx - rx},${cy} Z`,
  );
}

function apply(ops: PathOp[], m: Matrix): PathOp[] {
  const t = (x: number, y: number): [number, number] => [
    m[0] * x + m[2] * y + m[4],
    m[1] * x + m[3] * y + m[5],
  ];
  return ops.map((o) => {
    if (o.op === "Z") return o;
    if (o.op === "C") {
      const [x1, y1] = t(o.x1, o.y1);
      const [x2, y2] = t(o.x2, o.y2);
      const [x, y] = t(o.x, o.y);
      return { op: "C", x1, y1, x2, y2, x, y };
    }
    const [x, y] = t(o.x, o.y);
    return { op: o.op, x, y };
  });
}

function points(v: string | undefined): number[] {
  return (v ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
}

function shapeOps(node: Node): PathOp[] | null {
  const a = node.attrs;
  switch (node.name) {
    case "path":
      return pathOps(a.d ?? "");
    case "line":
      return [
        { op: "M", x: num(a.x1), y: num(a.y1) },
        { op: "L", x: num(a.x2), y: num(a.y2) },
      ];
    case "rect": {
      const x = num(a.x);
      const y = num(a.y);
      const w = num(a.width);
      const h = num(a.height);
      return [
        { op: "M", x, y },
        { op: "L", x: x + w, y },
        { op: "L", x: x + w, y: y + h },
        { op: "L", x, y: y + h },
        { op: "Z" },
      ];
    }
    case "circle":
      return ellipse(num(a.cx), num(a.cy), num(a.r), num(a.r));
    case "ellipse":
      return ellipse(num(a.cx), num(a.cy), num(a.rx), num(a.ry));
    case "polyline":
    case "polygon": {
      const p = points(a.points);
      const ops: PathOp[] = [];
      for (let i = 0; i + 1 < p.length; i += 2)
        ops.push({ op: i ? "L" : "M", x: p[i] as number, y: p[i + 1] as number });
      if (node.name === "polygon") ops.push({ op: "Z" });
      return ops;
    }
    default:
      return null;
  }
}

/** Reads an SVG document. Unknown elements are skipped. */
export function readSvg(src: string): SvgDrawing {
  const root = parseXml(src);
  const svg = root.children.find((n) => n.name === "svg") ?? root;
  const vb = points(svg.attrs.viewBox);
  const width = num(svg.attrs.width, vb[2] ?? 400);
  const height = num(svg.attrs.height, vb[3] ?? 300);
  const viewBox: [number, number, number, number] =
    vb.length === 4 ? (vb as [number, number, number, number]) : [0, 0, width, height];
  const shapes: SvgShape[] = [];
  const texts: SvgText[] = [];
  const base: Style = {
    fill: [0, 0, 0],
    stroke: null,
    strokeWidth: 1,
    fontSize: 16,
    anchor: "start",
    bold: false,
    evenOdd: false,
  };
  const walk = (node: Node, parentStyle: Style, parentMatrix: Matrix) => {
    if (
      node.name === "defs" ||
      node.name === "title" ||
      node.name === "desc" ||
      node.name === "style"
    )
      return;
    const style = styleOf(node, parentStyle);
    const m = multiply(parentMatrix, transform(node.attrs.transform));
    const ops = shapeOps(node);
    if (ops) {
      const scale = Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
      const fill =
        node.name === "line" || node.name === "polyline"
          ? node.attrs.fill || /fill:/.test(node.attrs.style ?? "")
            ? style.fill
            : null
          : style.fill;
      shapes.push({
        ops: apply(ops, m),
        fill,
        stroke: style.stroke,
        strokeWidth: style.strokeWidth * scale,
        evenOdd: style.evenOdd,
      });
      return;
    }
    if (node.name === "text") {
      const text = (node.text + node.children.map((c) => c.text).join(""))
        .replace(/\s+/g, " ")
        .trim();
      const x = num(node.attrs.x ?? node.children[0]?.attrs.x);
      const y = num(node.attrs.y ?? node.children[0]?.attrs.y);
      if (text)
        texts.push({
          text,
          matrix: multiply(m, [1, 0, 0, 1, x, y]),
          size: style.fontSize,
          anchor: style.anchor,
          fill: style.fill ?? [0, 0, 0],
          bold: style.bold,
        });
      return;
    }
    for (const c of node.children) walk(c, style, m);
  };
  walk(svg, base, [1, 0, 0, 1, -viewBox[0], -viewBox[1]]);
  return { width, height, viewBox, shapes, texts };
}
