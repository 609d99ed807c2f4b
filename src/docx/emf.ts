// A drawing (doc/drawing.ts) as an Enhanced Metafile ([MS-EMF]): vectors and text that Word, WPS
// and LibreOffice draw natively, for the DOCX's charts. Written from data, byte by byte, with no
// dependency; the same drawing always gives the same bytes.
//
// Units: the reference device has 100 pixels a millimetre (Device 21000 × 29700 for Millimeters
// 210 × 297), and the page is mapped MM_ANISOTROPIC with equal window and viewport extents, so a
// logical unit, a device unit and a frame unit are all 0.01 mm: the drawing's millimetres × 100,
// y growing downwards as in the drawing.
//
// Roles become greys, fills and dashes from the drawing's style tables, as in the PDF and the SVG:
// open lines in their role's dash with flat caps, data lines with round joins, outlines solid.
// A dashed line is written as its dashes (one EMR_POLYPOLYLINE16 of solid pieces, the pattern
// running on across corners), not as a pen with a user style: LibreOffice 7.4 draws user-styled
// pens solid, and the dashes then come out the same in every reader.
// Text is set on its baseline, aligned by the anchor, in the DOCX's East Asian faces (仿宋 for
// normal text, 黑体 for bold, as the PDF sets charts), with a spacing array (Dx): full-width
// characters one em, the rest half an em, the advances of the GB fonts the offices have, so
// alignment and the halo box do not depend on the reader's font measurements. A halo (the
// "callout" role) is a white box drawn under the text: the em box grown by half the halo's width
// on each side. A background fill from the text's own background mode would take the reader's
// cell box with no clearance, and readers differ in drawing it; a polygon is drawn the same
// everywhere.
import { LINE_STYLES, PT_PER_MM, TEXT_STYLES } from "../doc/drawing.ts";
import type { Drawing, Grey, LineStyle, Shape } from "../doc/drawing.ts";
import { FONT } from "./fonts.ts";

/** Record types ([MS-EMF] 2.1.1), the ones written here. */
export const EMR = {
  HEADER: 1,
  POLYGON: 3,
  POLYLINE: 4,
  SETWINDOWEXTEX: 9,
  SETWINDOWORGEX: 10,
  SETVIEWPORTEXTEX: 11,
  SETVIEWPORTORGEX: 12,
  EOF: 14,
  SETMAPMODE: 17,
  SETBKMODE: 18,
  SETTEXTALIGN: 22,
  SETTEXTCOLOR: 24,
  SELECTOBJECT: 37,
  CREATEBRUSHINDIRECT: 39,
  DELETEOBJECT: 40,
  ELLIPSE: 42,
  EXTCREATEFONTINDIRECTW: 82,
  EXTTEXTOUTW: 84,
  POLYGON16: 86,
  POLYLINE16: 87,
  POLYPOLYLINE: 7,
  POLYPOLYLINE16: 90,
  EXTCREATEPEN: 95,
} as const;

/** " EMF", the header's signature. */
export const EMF_SIGNATURE = 0x464d4520;
/** Logical (and device) units in a millimetre. */
export const UNITS_PER_MM = 100;
/** The reference device: A4 at 100 pixels a millimetre. */
const DEVICE_MM = { cx: 210, cy: 297 } as const;
/** Size of the header record up to the description (with both header extensions). */
const HEADER_SIZE = 108;

const MM_ANISOTROPIC = 8;
const TRANSPARENT = 1;
const TA_BASELINE = 24;
const TA_CENTER = 6;
const TA_RIGHT = 2;
const GM_COMPATIBLE = 1;
const BS_SOLID = 0;
const PS_GEOMETRIC = 0x00010000;
const PS_ENDCAP_FLAT = 0x200;
const PS_JOIN_ROUND = 0;
const PS_JOIN_MITER = 0x2000;
const GB2312_CHARSET = 134;
/** FF_MODERN | VARIABLE_PITCH, as the font table gives 仿宋 and 黑体. */
const MODERN_VARIABLE = 0x32;
/** Stock objects ([MS-EMF] 2.1.31). */
const STOCK = { WHITE_BRUSH: 0x80000000, NULL_BRUSH: 0x80000005, BLACK_PEN: 0x80000007 };
const STOCK_NULL_PEN = 0x80000008;
const STOCK_SYSTEM_FONT = 0x8000000d;

/** Miter limit GDI draws with (the default, as in PDF): a corner reaches at most 5 widths out. */
const MITER_REACH = 5;
/** The em box of the GB faces about the baseline, in ems: ascent and descent. */
export const EM_ASCENT = 0.88;
export const EM_DESCENT = 0.12;

/** A length in logical units: 0.01 mm. */
const u = (mm: number): number => Math.round(mm * UNITS_PER_MM);

/** A grey as a ColorRef (0x00BBGGRR). */
const colorRef = (grey: Grey): number => {
  const g = Math.min(255, Math.max(0, Math.round(grey)));
  return g | (g << 8) | (g << 16);
};

/**
 * A character's advance in ems as the offices' GB fonts set it: ASCII, Latin and the half-width
 * forms half an em, everything else (Han, kana, full-width forms and punctuation, the GB2312
 * symbols) one em. A low surrogate takes nothing: its pair's high half carries the advance.
 */
export function advanceEm(code: number): number {
  if (code >= 0xdc00 && code <= 0xdfff) return 0;
  if (code < 0x1100) return [0xa7, 0xb0, 0xb1, 0xb7, 0xd7, 0xf7].includes(code) ? 1 : 0.5;
  if (code >= 0xff61 && code <= 0xffdc) return 0.5;
  if (code >= 0xffe8 && code <= 0xffee) return 0.5;
  return 1;
}

/** Width of a text in ems, as the Dx array sets it. */
export const textEms = (text: string): number => {
  let w = 0;
  for (let i = 0; i < text.length; i++) w += advanceEm(text.charCodeAt(i));
  return w;
};

type Text = Extract<Shape, { kind: "text" }>;
type Point = readonly [number, number];

/**
 * The corners of a text's em box in mm, turned with it about its anchor, grown by `grow` mm on
 * every side: what the halo covers and what the bounds take for the text.
 */
export function textBox(s: Text, grow = 0): Point[] {
  const em = s.size / PT_PER_MM;
  const w = textEms(s.text) * em;
  const x0 = s.anchor === "middle" ? -w / 2 : s.anchor === "end" ? -w : 0;
  const corners: Point[] = [
    [x0 - grow, -EM_ASCENT * em - grow],
    [x0 + w + grow, -EM_ASCENT * em - grow],
    [x0 + w + grow, EM_DESCENT * em + grow],
    [x0 - grow, EM_DESCENT * em + grow],
  ];
  const a = ((s.rotate ?? 0) * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  return corners.map(([x, y]) => [s.x + x * cos - y * sin, s.y + x * sin + y * cos] as const);
}

/** The drawn extent of a shape in mm, [left, top, right, bottom], or null when nothing is drawn. */
export function shapeExtent(s: Shape): [number, number, number, number] | null {
  const span = (points: readonly Point[], pad: number): [number, number, number, number] => {
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    return [
      Math.min(...xs) - pad,
      Math.min(...ys) - pad,
      Math.max(...xs) + pad,
      Math.max(...ys) + pad,
    ];
  };
  if (!drawn(s)) return null;
  switch (s.kind) {
    case "line":
      return span(
        [
          [s.x1, s.y1],
          [s.x2, s.y2],
        ],
        s.lineWidth / 2,
      );
    case "polyline":
      return span(
        s.points,
        (s.lineWidth / 2) *
          (LINE_STYLES[s.role].roundJoin || s.points.length < 3 ? 1 : MITER_REACH),
      );
    case "rect":
      return span(
        [
          [s.x, s.y],
          [s.x + s.width, s.y + s.height],
        ],
        (Math.max(0, s.lineWidth) / 2) * MITER_REACH,
      );
    case "marker": {
      const r = s.size / 2;
      return span(
        [
          [s.x - r, s.y - r],
          [s.x + r, s.y + r],
        ],
        (Math.max(0, s.lineWidth) / 2) * (s.symbol === "square" ? MITER_REACH : 1),
      );
    }
    case "text": {
      const halo = TEXT_STYLES[s.role].halo;
      return span(textBox(s, halo ? halo.width / 2 : 0), 0);
    }
    default: {
      const never: never = s;
      throw new Error(`unknown shape ${JSON.stringify(never)}`);
    }
  }
}

/** Whether a shape leaves any mark: a line needs a width, a closed shape a fill or an outline. */
function drawn(s: Shape): boolean {
  switch (s.kind) {
    case "line":
      return s.lineWidth > 0;
    case "polyline":
      return s.lineWidth > 0 && s.points.length >= 2;
    case "rect":
    case "marker":
      return s.lineWidth > 0 || LINE_STYLES[s.role].fill !== null;
    case "text":
      return s.text.length > 0;
    default: {
      const never: never = s;
      throw new Error(`unknown shape ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The dashes of a line through `points`: pieces `on` mm long, `off` mm apart, from the first point
 * on, the pattern running on across corners (a dash over a corner keeps the corner). A pattern
 * without length gives the whole line.
 */
export function dashes(points: readonly Point[], [on, off]: readonly [number, number]): Point[][] {
  if (!(on > 0) || !(off > 0)) return points.length >= 2 ? [points.slice()] : [];
  const out: Point[][] = [];
  let piece: Point[] | null = null;
  let drawing = true;
  let left = on;
  for (let k = 1; k < points.length; k++) {
    const [px, py] = points[k - 1] as Point;
    const [qx, qy] = points[k] as Point;
    const length = Math.hypot(qx - px, qy - py);
    if (!(length > 0)) continue;
    const at = (t: number): Point => [px + ((qx - px) * t) / length, py + ((qy - py) * t) / length];
    let t = 0;
    while (t < length) {
      const step = Math.min(left, length - t);
      if (drawing) {
        if (!piece) piece = [at(t)];
        piece.push(t + step >= length ? [qx, qy] : at(t + step));
      }
      t += step;
      left -= step;
      if (left <= 1e-9) {
        if (piece) out.push(piece);
        piece = null;
        drawing = !drawing;
        left = drawing ? on : off;
      }
    }
  }
  if (piece && piece.length >= 2) out.push(piece);
  return out;
}

/** A growing little-endian byte buffer. */
class Bytes {
  buf = new Uint8Array(1024);
  view = new DataView(this.buf.buffer);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.room(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }
  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }
  i32(v: number): void {
    this.room(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }
  f32(v: number): void {
    this.room(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }
  /** UTF-16LE code units of `s`, padded with zeros to `units` when given. */
  utf16(s: string, units = s.length): void {
    for (let i = 0; i < units; i++) this.u16(i < s.length ? s.charCodeAt(i) : 0);
  }
  /** Zeros up to a multiple of four bytes. */
  align(): void {
    while (this.length % 4) this.u8(0);
  }
  patchU32(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0, true);
  }
  patchI32(at: number, v: number): void {
    this.view.setInt32(at, v, true);
  }
  patchU16(at: number, v: number): void {
    this.view.setUint16(at, v, true);
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const I16_MIN = -32768;
const I16_MAX = 32767;

/** The EMF writer: records, the object table (pens, brushes, fonts made once, kept to the end). */
class Emf {
  private out = new Bytes();
  private records = 0;
  private objects = new Map<string, number>();
  private selected = { pen: -1, brush: -1, font: -1 };
  private textColor = -1;
  private textAlign = -1;

  private readonly drawing: Drawing;

  constructor(drawing: Drawing) {
    this.drawing = drawing;
    this.header();
  }

  /** One record: type, size, the body `fill` writes, padded to four bytes. */
  private record(type: number, fill: (b: Bytes) => void): void {
    const start = this.out.length;
    this.out.u32(type);
    this.out.u32(0);
    fill(this.out);
    this.out.align();
    this.out.patchU32(start + 4, this.out.length - start);
    this.records++;
  }

  private header(): void {
    const d = this.drawing;
    const description = `xinfang\0${d.title}\0\0`;
    this.record(EMR.HEADER, (b) => {
      for (let k = 0; k < 4; k++) b.i32(0); // Bounds, set at the end
      b.i32(0);
      b.i32(0);
      b.i32(u(d.width));
      b.i32(u(d.height)); // Frame, 0.01 mm
      b.u32(EMF_SIGNATURE);
      b.u32(0x00010000); // Version
      b.u32(0); // Bytes, set at the end
      b.u32(0); // Records, set at the end
      b.u16(0); // Handles, set at the end
      b.u16(0); // Reserved
      b.u32(description.length);
      b.u32(HEADER_SIZE); // offDescription
      b.u32(0); // nPalEntries
      b.i32(DEVICE_MM.cx * UNITS_PER_MM); // Device, pixels
      b.i32(DEVICE_MM.cy * UNITS_PER_MM);
      b.i32(DEVICE_MM.cx); // Millimeters
      b.i32(DEVICE_MM.cy);
      b.u32(0); // cbPixelFormat
      b.u32(0); // offPixelFormat
      b.u32(0); // bOpenGL
      b.u32(DEVICE_MM.cx * 1000); // Micrometers
      b.u32(DEVICE_MM.cy * 1000);
      b.utf16(description);
    });
    const w = Math.max(1, u(d.width));
    const h = Math.max(1, u(d.height));
    this.record(EMR.SETMAPMODE, (b) => b.u32(MM_ANISOTROPIC));
    const pair = (type: number, x: number, y: number) =>
      this.record(type, (b) => {
        b.i32(x);
        b.i32(y);
      });
    pair(EMR.SETWINDOWORGEX, 0, 0);
    pair(EMR.SETWINDOWEXTEX, w, h);
    pair(EMR.SETVIEWPORTORGEX, 0, 0);
    pair(EMR.SETVIEWPORTEXTEX, w, h);
    this.record(EMR.SETBKMODE, (b) => b.u32(TRANSPARENT));
  }

  /** The index of an object made by `make` (once per key), selected into the context. */
  private use(kind: "pen" | "brush" | "font", key: string, make: (index: number) => void): void {
    let index = this.objects.get(`${kind}:${key}`);
    if (index === undefined) {
      index = this.objects.size + 1;
      this.objects.set(`${kind}:${key}`, index);
      make(index);
    }
    this.select(kind, index);
  }

  private select(kind: "pen" | "brush" | "font", index: number): void {
    if (this.selected[kind] === index) return;
    this.selected[kind] = index;
    this.record(EMR.SELECTOBJECT, (b) => b.u32(index));
  }

  /** A solid geometric pen: flat caps, mitred or round joins; the null pen for no width. */
  private pen(grey: Grey, widthMm: number, round: boolean) {
    if (widthMm <= 0) {
      this.select("pen", STOCK_NULL_PEN);
      return;
    }
    const width = Math.max(1, u(widthMm));
    this.use("pen", `${grey}/${width}/${round}`, (index) =>
      this.record(EMR.EXTCREATEPEN, (b) => {
        b.u32(index);
        b.u32(0); // offBmi
        b.u32(0); // cbBmi
        b.u32(0); // offBits
        b.u32(0); // cbBits
        b.u32(PS_GEOMETRIC | PS_ENDCAP_FLAT | (round ? PS_JOIN_ROUND : PS_JOIN_MITER));
        b.u32(width);
        b.u32(BS_SOLID);
        b.u32(colorRef(grey));
        b.u32(0); // BrushHatch
        b.u32(0); // NumStyleEntries
      }),
    );
  }

  /** A solid brush, or the stock null brush (nothing filled). */
  private brush(grey: Grey | null): void {
    if (grey === null) {
      this.select("brush", STOCK.NULL_BRUSH);
      return;
    }
    this.use("brush", String(grey), (index) =>
      this.record(EMR.CREATEBRUSHINDIRECT, (b) => {
        b.u32(index);
        b.u32(BS_SOLID);
        b.u32(colorRef(grey));
        b.u32(0); // Hatch
      }),
    );
  }

  private font(s: Text): void {
    const height = -Math.max(1, u(s.size / PT_PER_MM)); // negative: the em height
    // tenths of a degree, counter-clockwise; the drawing turns clockwise (y downwards)
    const escapement = (((Math.round(-(s.rotate ?? 0) * 10) % 3600) + 3600) % 3600) | 0;
    const face = s.weight === "bold" ? FONT.黑体 : FONT.仿宋;
    this.use("font", `${height}/${escapement}/${face}`, (index) =>
      this.record(EMR.EXTCREATEFONTINDIRECTW, (b) => {
        b.u32(index);
        b.i32(height);
        b.i32(0); // Width: the face's own
        b.i32(escapement);
        b.i32(escapement); // Orientation, with the escapement
        b.i32(400); // 黑体 is the bold face; no synthetic bold
        b.u8(0); // Italic
        b.u8(0); // Underline
        b.u8(0); // StrikeOut
        b.u8(GB2312_CHARSET);
        b.u8(0); // OutPrecision
        b.u8(0); // ClipPrecision
        b.u8(0); // Quality
        b.u8(MODERN_VARIABLE);
        b.utf16(face, 32);
        // the rest of a LogFontPanose, zeros (full name, style, version … panose): the record is
        // as long as GDI's own, and the spec reads it as the plain LogFont above
        for (let k = 0; k < (320 - 92) / 4; k++) b.u32(0);
      }),
    );
  }

  private points16(type: number, points: readonly (readonly [number, number])[]): void {
    const ps = points.map(([x, y]) => [u(x), u(y)] as const);
    const xs = ps.map((p) => p[0]);
    const ys = ps.map((p) => p[1]);
    const fits = ps.every(([x, y]) => x >= I16_MIN && x <= I16_MAX && y >= I16_MIN && y <= I16_MAX);
    const wide = type === EMR.POLYGON16 ? EMR.POLYGON : EMR.POLYLINE;
    this.record(fits ? type : wide, (b) => {
      // Bounds: inclusive, device units (not used by readers: the header's bounds are)
      b.i32(Math.min(...xs));
      b.i32(Math.min(...ys));
      b.i32(Math.max(...xs));
      b.i32(Math.max(...ys));
      b.u32(ps.length);
      for (const [x, y] of ps)
        if (fits) {
          b.u16(x & 0xffff);
          b.u16(y & 0xffff);
        } else {
          b.i32(x);
          b.i32(y);
        }
    });
  }

  /** An open line in its role's pen, solid or as its dashes. */
  private open(style: LineStyle, lineWidth: number, points: readonly Point[]): void {
    this.pen(style.stroke, lineWidth, style.roundJoin);
    if (!style.dash) {
      this.points16(EMR.POLYLINE16, points);
      return;
    }
    const pieces = dashes(points, style.dash);
    if (pieces.length === 0) return;
    const all = pieces.flat().map(([x, y]) => [u(x), u(y)] as const);
    const fits = all.every(
      ([x, y]) => x >= I16_MIN && x <= I16_MAX && y >= I16_MIN && y <= I16_MAX,
    );
    this.record(fits ? EMR.POLYPOLYLINE16 : EMR.POLYPOLYLINE, (b) => {
      b.i32(Math.min(...all.map((p) => p[0])));
      b.i32(Math.min(...all.map((p) => p[1])));
      b.i32(Math.max(...all.map((p) => p[0])));
      b.i32(Math.max(...all.map((p) => p[1])));
      b.u32(pieces.length);
      b.u32(all.length);
      for (const p of pieces) b.u32(p.length);
      for (const [x, y] of all)
        if (fits) {
          b.u16(x & 0xffff);
          b.u16(y & 0xffff);
        } else {
          b.i32(x);
          b.i32(y);
        }
    });
  }

  private closed(style: LineStyle, lineWidth: number): void {
    this.pen(style.stroke, lineWidth, false);
    this.brush(style.fill);
  }

  private text(s: Text): void {
    const style = TEXT_STYLES[s.role];
    if (style.halo) {
      this.select("pen", STOCK_NULL_PEN);
      this.brush(style.halo.grey);
      this.points16(EMR.POLYGON16, textBox(s, style.halo.width / 2));
    }
    this.font(s);
    const color = colorRef(style.fill);
    if (this.textColor !== color) {
      this.textColor = color;
      this.record(EMR.SETTEXTCOLOR, (b) => b.u32(color));
    }
    const align =
      TA_BASELINE | (s.anchor === "middle" ? TA_CENTER : s.anchor === "end" ? TA_RIGHT : 0);
    if (this.textAlign !== align) {
      this.textAlign = align;
      this.record(EMR.SETTEXTALIGN, (b) => b.u32(align));
    }
    const em = s.size / PT_PER_MM;
    const n = s.text.length;
    // Dx: whole units that add up to the rounded running width (no drift along the line)
    const dx: number[] = [];
    let at = 0;
    let done = 0;
    for (let i = 0; i < n; i++) {
      at += advanceEm(s.text.charCodeAt(i)) * em;
      const next = u(at);
      dx.push(next - done);
      done = next;
    }
    const [left, top, right, bottom] = shapeExtent(s) as [number, number, number, number];
    const stringAt = 76;
    const dxAt = stringAt + Math.ceil((2 * n) / 4) * 4;
    this.record(EMR.EXTTEXTOUTW, (b) => {
      b.i32(Math.floor(left * UNITS_PER_MM));
      b.i32(Math.floor(top * UNITS_PER_MM));
      b.i32(Math.ceil(right * UNITS_PER_MM));
      b.i32(Math.ceil(bottom * UNITS_PER_MM));
      b.u32(GM_COMPATIBLE);
      b.f32(1); // exScale: page units are 0.01 mm
      b.f32(1); // eyScale
      b.i32(u(s.x)); // Reference
      b.i32(u(s.y));
      b.u32(n); // Chars
      b.u32(stringAt);
      b.u32(0); // Options: no clipping, no opaquing
      for (let k = 0; k < 4; k++) b.i32(0); // Rectangle (unused)
      b.u32(dxAt);
      b.utf16(s.text);
      b.align();
      for (const v of dx) b.u32(v);
    });
  }

  shape(s: Shape): void {
    if (!drawn(s)) return;
    switch (s.kind) {
      case "line": {
        const style = LINE_STYLES[s.role];
        this.open(style, s.lineWidth, [
          [s.x1, s.y1],
          [s.x2, s.y2],
        ]);
        break;
      }
      case "polyline": {
        const style = LINE_STYLES[s.role];
        this.open(style, s.lineWidth, s.points);
        break;
      }
      case "rect":
        this.closed(LINE_STYLES[s.role], s.lineWidth);
        this.points16(EMR.POLYGON16, [
          [s.x, s.y],
          [s.x + s.width, s.y],
          [s.x + s.width, s.y + s.height],
          [s.x, s.y + s.height],
        ]);
        break;
      case "marker": {
        this.closed(LINE_STYLES[s.role], s.lineWidth);
        const r = s.size / 2;
        if (s.symbol === "dot")
          this.record(EMR.ELLIPSE, (b) => {
            b.i32(u(s.x - r));
            b.i32(u(s.y - r));
            b.i32(u(s.x + r));
            b.i32(u(s.y + r));
          });
        else
          this.points16(EMR.POLYGON16, [
            [s.x - r, s.y - r],
            [s.x + r, s.y - r],
            [s.x + r, s.y + r],
            [s.x - r, s.y + r],
          ]);
        break;
      }
      case "text":
        this.text(s);
        break;
      default: {
        const never: never = s;
        throw new Error(`unknown shape ${JSON.stringify(never)}`);
      }
    }
  }

  /** Stock objects back in, every object made deleted, EOF; the header's totals and bounds. */
  finish(): Uint8Array {
    if (this.objects.size > 0) {
      this.select("pen", STOCK.BLACK_PEN);
      this.select("brush", STOCK.WHITE_BRUSH);
      this.select("font", STOCK_SYSTEM_FONT);
      for (const index of this.objects.values()) this.record(EMR.DELETEOBJECT, (b) => b.u32(index));
    }
    this.record(EMR.EOF, (b) => {
      b.u32(0); // nPalEntries
      b.u32(16); // offPalEntries
      b.u32(20); // SizeLast: this record's size
    });
    let box: [number, number, number, number] | null = null;
    for (const s of this.drawing.shapes) {
      const e = shapeExtent(s);
      if (!e) continue;
      box = box
        ? [
            Math.min(box[0], e[0]),
            Math.min(box[1], e[1]),
            Math.max(box[2], e[2]),
            Math.max(box[3], e[3]),
          ]
        : e;
    }
    // Bounds, inclusive, device units; an empty picture has right < left, as GDI writes it
    const bounds = box
      ? [
          Math.floor(box[0] * UNITS_PER_MM),
          Math.floor(box[1] * UNITS_PER_MM),
          Math.ceil(box[2] * UNITS_PER_MM),
          Math.ceil(box[3] * UNITS_PER_MM),
        ]
      : [0, 0, -1, -1];
    bounds.forEach((v, k) => this.out.patchI32(8 + 4 * k, v));
    this.out.patchU32(48, this.out.length);
    this.out.patchU32(52, this.records);
    this.out.patchU16(56, this.objects.size + 1);
    return this.out.bytes();
  }
}

/** The drawing as EMF bytes: its size the frame, its shapes in order. */
export function emfOf(drawing: Drawing): Uint8Array {
  const emf = new Emf(drawing);
  for (const s of drawing.shapes) emf.shape(s);
  return emf.finish();
}
