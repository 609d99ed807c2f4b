// What a table reader needs of well-formed UTF-8 bytes without decoding them: where a cell's
// text starts and ends once trimmed as String#trim trims it, and how many UTF-16 units (the
// columns of a position) a run of bytes holds.

/**
 * Bytes of the white space or line terminator (String#trim's set: ASCII 9–13 and space, U+00A0,
 * U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF) that starts at `i`;
 * 0 when the character there is another. A character's bytes all lie before `end`.
 */
export function spaceAt(b: Uint8Array, i: number, end: number): number {
  const c = b[i] as number;
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13) ? 1 : 0;
  if (c === 0xc2) return i + 1 < end && b[i + 1] === 0xa0 ? 2 : 0;
  if (i + 2 >= end) return 0;
  const d = b[i + 1] as number;
  const e = b[i + 2] as number;
  switch (c) {
    case 0xe1:
      return d === 0x9a && e === 0x80 ? 3 : 0;
    case 0xe2:
      if (d === 0x80) return e <= 0x8a || e === 0xa8 || e === 0xa9 || e === 0xaf ? 3 : 0;
      return d === 0x81 && e === 0x9f ? 3 : 0;
    case 0xe3:
      return d === 0x80 && e === 0x80 ? 3 : 0;
    case 0xef:
      return d === 0xbb && e === 0xbf ? 3 : 0;
    default:
      return 0;
  }
}

/** Bytes of a String#trim space that ends just before `end` (none before `start`); 0 if none. */
export function spaceBefore(b: Uint8Array, start: number, end: number): number {
  const last = b[end - 1] as number;
  if (last < 0x80) return last === 32 || (last >= 9 && last <= 13) ? 1 : 0;
  if (end - 2 >= start && b[end - 2] === 0xc2) return last === 0xa0 ? 2 : 0;
  return end - 3 >= start && spaceAt(b, end - 3, end) === 3 ? 3 : 0;
}

/** Where the text of bytes `start`..`end` starts once leading spaces are trimmed. */
export function trimmedStart(b: Uint8Array, start: number, end: number): number {
  while (start < end) {
    const n = spaceAt(b, start, end);
    if (n === 0) break;
    start += n;
  }
  return start;
}

/** Where the text of bytes `start`..`end` ends once trailing spaces are trimmed. */
export function trimmedEnd(b: Uint8Array, start: number, end: number): number {
  while (end > start) {
    const n = spaceBefore(b, start, end);
    if (n === 0) break;
    end -= n;
  }
  return end;
}

/** UTF-16 units of the text of bytes `start`..`end` (a character outside the BMP takes two). */
export function utf16Length(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = b[i] as number;
    if ((c & 0xc0) !== 0x80) n += c >= 0xf0 ? 2 : 1;
  }
  return n;
}
