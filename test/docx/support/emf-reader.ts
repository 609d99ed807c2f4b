// Reads an EMF back for the tests, written from [MS-EMF] independently of src/docx/emf.ts: the
// record stream (each record's type, size and offset, checked as it goes), the header, and a
// small player that keeps the object table and what is selected and gives every drawing record
// with the pen, brush and font it is drawn with.

export interface EmfRecord {
  type: number;
  size: number;
  offset: number;
}

export interface EmfHeader {
  bounds: [number, number, number, number];
  frame: [number, number, number, number];
  signature: number;
  version: number;
  bytes: number;
  records: number;
  handles: number;
  description: string;
  device: [number, number];
  millimeters: [number, number];
  micrometers: [number, number];
}

export interface Pen {
  style: number;
  width: number;
  color: number;
  styleEntries: number[];
}
export interface Brush {
  style: number;
  color: number;
}
export interface Font {
  height: number;
  escapement: number;
  orientation: number;
  weight: number;
  charset: number;
  face: string;
}
type Obj =
  { kind: "pen"; pen: Pen } | { kind: "brush"; brush: Brush } | { kind: "font"; font: Font };

/** What a drawing record draws, and with what: null for a stock object (NULL_PEN, NULL_BRUSH …). */
export interface Op {
  type: number;
  /** Points of a polyline or polygon; the box corners of an ellipse; the reference of a text. */
  points: [number, number][];
  /** A polypolyline's pieces, each its point count. */
  counts?: number[];
  /** The record's own bounds field (drawing records with one). */
  bounds?: [number, number, number, number];
  pen: Pen | number;
  brush: Brush | number;
  font: Font | number;
  text?: string;
  dx?: number[];
  align: number;
  textColor: number;
  bkMode: number;
}

export const R = {
  HEADER: 1,
  POLYGON: 3,
  POLYLINE: 4,
  POLYPOLYLINE: 7,
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
  POLYPOLYLINE16: 90,
  EXTCREATEPEN: 95,
} as const;

export const STOCK_NULL_BRUSH = 0x80000005;
export const STOCK_NULL_PEN = 0x80000008;

const utf16 = (bytes: Uint8Array, at: number, units: number): string => {
  const codes: number[] = [];
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < units; i++) codes.push(v.getUint16(at + 2 * i, true));
  return String.fromCharCode(...codes);
};

/** The records, in order; throws on a size that is not a multiple of 4 or runs past the end. */
export function records(bytes: Uint8Array): EmfRecord[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: EmfRecord[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) throw new Error(`record at ${at}: truncated`);
    const type = v.getUint32(at, true);
    const size = v.getUint32(at + 4, true);
    if (size < 8 || size % 4 !== 0) throw new Error(`record ${type} at ${at}: size ${size}`);
    if (at + size > bytes.length) throw new Error(`record ${type} at ${at}: past the end`);
    out.push({ type, size, offset: at });
    at += size;
  }
  return out;
}

export function header(bytes: Uint8Array): EmfHeader {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const i = (at: number) => v.getInt32(at, true);
  const n = (at: number) => v.getUint32(at, true);
  const nDescription = n(60);
  const offDescription = n(64);
  return {
    bounds: [i(8), i(12), i(16), i(20)],
    frame: [i(24), i(28), i(32), i(36)],
    signature: n(40),
    version: n(44),
    bytes: n(48),
    records: n(52),
    handles: v.getUint16(56, true),
    description: utf16(bytes, offDescription, nDescription),
    device: [i(72), i(76)],
    millimeters: [i(80), i(84)],
    micrometers: offDescription >= 108 ? [n(100), n(104)] : [0, 0],
  };
}

/**
 * Plays the records: the object table (an object must be made before it is selected or deleted,
 * and its index must be below the header's handle count), the state, and the drawing records.
 */
export function play(bytes: Uint8Array): { ops: Op[]; made: number; deleted: number[] } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const i32 = (at: number) => v.getInt32(at, true);
  const u32 = (at: number) => v.getUint32(at, true);
  const i16 = (at: number) => v.getInt16(at, true);
  const { handles } = header(bytes);
  const table = new Map<number, Obj>();
  const deleted: number[] = [];
  let made = 0;
  const state = {
    pen: 0x80000007 as Pen | number,
    brush: 0x80000000 as Brush | number,
    font: 0x8000000d as Font | number,
    align: 0,
    textColor: 0,
    bkMode: 2,
  };
  const ops: Op[] = [];
  const define = (index: number, obj: Obj) => {
    if (index === 0 || index >= handles) throw new Error(`object ${index} outside the table`);
    if (table.has(index)) throw new Error(`object ${index} made twice`);
    table.set(index, obj);
    made++;
  };
  const drawn = (type: number, points: [number, number][], extra: Partial<Op> = {}) =>
    ops.push({ type, points, ...state, ...extra });
  const rect = (at: number): [number, number, number, number] => [
    i32(at),
    i32(at + 4),
    i32(at + 8),
    i32(at + 12),
  ];
  for (const r of records(bytes)) {
    const at = r.offset;
    switch (r.type) {
      case R.EXTCREATEPEN: {
        const count = u32(at + 48);
        define(u32(at + 8), {
          kind: "pen",
          pen: {
            style: u32(at + 28),
            width: u32(at + 32),
            color: u32(at + 40),
            styleEntries: Array.from({ length: count }, (_, k) => u32(at + 52 + 4 * k)),
          },
        });
        break;
      }
      case R.CREATEBRUSHINDIRECT:
        define(u32(at + 8), { kind: "brush", brush: { style: u32(at + 12), color: u32(at + 16) } });
        break;
      case R.EXTCREATEFONTINDIRECTW: {
        const face = utf16(bytes, at + 12 + 28, 32).replace(/\0[\s\S]*$/, "");
        define(u32(at + 8), {
          kind: "font",
          font: {
            height: i32(at + 12),
            escapement: i32(at + 20),
            orientation: i32(at + 24),
            weight: i32(at + 28),
            charset: v.getUint8(at + 35),
            face,
          },
        });
        break;
      }
      case R.SELECTOBJECT: {
        const index = u32(at + 8);
        if (index & 0x80000000) {
          // stock: pens 6–8, brushes 0–5, fonts 10–17
          const k = index & 0x7fffffff;
          if (k >= 6 && k <= 8) state.pen = index;
          else if (k <= 5) state.brush = index;
          else state.font = index;
          break;
        }
        const obj = table.get(index);
        if (!obj) throw new Error(`select of object ${index}, not made`);
        if (obj.kind === "pen") state.pen = obj.pen;
        else if (obj.kind === "brush") state.brush = obj.brush;
        else state.font = obj.font;
        break;
      }
      case R.DELETEOBJECT: {
        const index = u32(at + 8);
        if (!table.delete(index)) throw new Error(`delete of object ${index}, not made`);
        deleted.push(index);
        break;
      }
      case R.SETTEXTALIGN:
        state.align = u32(at + 8);
        break;
      case R.SETTEXTCOLOR:
        state.textColor = u32(at + 8);
        break;
      case R.SETBKMODE:
        state.bkMode = u32(at + 8);
        break;
      case R.POLYLINE16:
      case R.POLYGON16: {
        const count = u32(at + 24);
        if (r.size !== 28 + 4 * count) throw new Error("points size");
        const pts = Array.from(
          { length: count },
          (_, k) => [i16(at + 28 + 4 * k), i16(at + 30 + 4 * k)] as [number, number],
        );
        drawn(r.type, pts, { bounds: rect(at + 8) });
        break;
      }
      case R.POLYLINE:
      case R.POLYGON: {
        const count = u32(at + 24);
        if (r.size !== 28 + 8 * count) throw new Error("points size");
        const pts = Array.from(
          { length: count },
          (_, k) => [i32(at + 28 + 8 * k), i32(at + 32 + 8 * k)] as [number, number],
        );
        drawn(r.type, pts, { bounds: rect(at + 8) });
        break;
      }
      case R.POLYPOLYLINE16:
      case R.POLYPOLYLINE: {
        const n = u32(at + 24);
        const total = u32(at + 28);
        const counts = Array.from({ length: n }, (_, k) => u32(at + 32 + 4 * k));
        if (counts.reduce((a, b) => a + b, 0) !== total) throw new Error("polypolyline counts");
        const first = at + 32 + 4 * n;
        const wide = r.type === R.POLYPOLYLINE;
        const expected = 32 + 4 * n + (wide ? 8 : 4) * total;
        if (r.size !== Math.ceil(expected / 4) * 4) throw new Error("polypolyline size");
        const pts = Array.from({ length: total }, (_, k) =>
          wide
            ? ([i32(first + 8 * k), i32(first + 8 * k + 4)] as [number, number])
            : ([i16(first + 4 * k), i16(first + 4 * k + 2)] as [number, number]),
        );
        drawn(r.type, pts, { counts, bounds: rect(at + 8) });
        break;
      }
      case R.ELLIPSE: {
        const [l, t, rr, b] = rect(at + 8);
        drawn(r.type, [
          [l, t],
          [rr, b],
        ]);
        break;
      }
      case R.EXTTEXTOUTW: {
        const chars = u32(at + 44);
        const offString = u32(at + 48);
        const offDx = u32(at + 72);
        if (offString + 2 * chars > r.size) throw new Error("string past the record");
        if (offDx && offDx + 4 * chars > r.size) throw new Error("dx past the record");
        drawn(r.type, [[i32(at + 36), i32(at + 40)]], {
          bounds: rect(at + 8),
          text: utf16(bytes, at + offString, chars),
          dx: offDx ? Array.from({ length: chars }, (_, k) => u32(at + offDx + 4 * k)) : [],
        });
        break;
      }
      default:
        break;
    }
  }
  return { ops, made, deleted };
}
