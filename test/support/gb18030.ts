// A GB18030 encoder for tests (Node's TextEncoder writes only UTF-8): the two-byte table is read
// back from the platform's GB18030 decoder once. Characters outside it (rare in office text)
// become "?", which is fine for files written to test the readers.

let table: Map<string, number> | null = null;

function twoByteTable(): Map<string, number> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder("gb18030");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if ([...ch].length === 1 && ch !== "\uFFFD" && !table.has(ch))
        table.set(ch, (lead << 8) | trail);
    }
  }
  return table;
}

/** `text` in GB18030 (ASCII as is, CJK and full-width forms as two bytes). */
export function encodeGb18030(text: string): Uint8Array {
  const t = twoByteTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out.push(cp);
    else {
      const code = t.get(ch);
      if (code === undefined) out.push(0x3f);
      else out.push(code >> 8, code & 0xff);
    }
  }
  return Uint8Array.from(out);
}
