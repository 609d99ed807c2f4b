// A GB18030 encoder for tests (Node has only the decoder): the reverse of TextDecoder's table for
// the two-byte codes and the four-byte codes of the Basic Multilingual Plane, plus the four-byte
// ranges for the supplementary planes. Lets tests write content files as Excel, WPS and Notepad
// on Chinese Windows write them.

let table: Map<number, number[]> | null = null;

function buildTable(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  const dec = new TextDecoder("gb18030", { fatal: true });
  const add = (bytes: number[]) => {
    let s: string;
    try {
      s = dec.decode(new Uint8Array(bytes));
    } catch {
      return;
    }
    const cp = s.codePointAt(0);
    if (cp !== undefined && s.length === 1 && !map.has(cp)) map.set(cp, bytes);
  };
  for (let b1 = 0x81; b1 <= 0xfe; b1++)
    for (let b2 = 0x40; b2 <= 0xfe; b2++) if (b2 !== 0x7f) add([b1, b2]);
  for (let b1 = 0x81; b1 <= 0x84; b1++)
    for (let b2 = 0x30; b2 <= 0x39; b2++)
      for (let b3 = 0x81; b3 <= 0xfe; b3++)
        for (let b4 = 0x30; b4 <= 0x39; b4++) add([b1, b2, b3, b4]);
  return map;
}

/** `text` encoded as GB18030 (throws on a character the encoding cannot hold, none exist). */
export function encodeGb18030(text: string): Uint8Array {
  table ??= buildTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const bytes = table.get(cp);
    if (bytes) {
      out.push(...bytes);
      continue;
    }
    if (cp >= 0x10000) {
      // Supplementary planes: a linear four-byte range starting at 0x90 0x30 0x81 0x30.
      let n = cp - 0x10000;
      const b4 = n % 10;
      n = Math.floor(n / 10);
      const b3 = n % 126;
      n = Math.floor(n / 126);
      const b2 = n % 10;
      const b1 = Math.floor(n / 10);
      out.push(0x90 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4);
      continue;
    }
    throw new Error(`no GB18030 code for U+${cp.toString(16)}`);
  }
  return new Uint8Array(out);
}
