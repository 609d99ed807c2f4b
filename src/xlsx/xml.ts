// Writing SpreadsheetML text the way exceljs wrote it: the workbooks used to be made with exceljs,
// and the parts written here keep their bytes (test/xlsx/writer.test.ts compares them).
import { xmlEscaper } from "../text/xml-escape.ts";

/** The declaration every part starts with, a line of its own. */
export const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Text or an attribute value, escaped: quotes too, and the control characters XML cannot hold
 * (all below U+0020 but tab, line feed and carriage return, and U+007F) dropped.
 */
export const esc = xmlEscaper(true);

/** A string's `<t>`: white space kept when the text starts or ends with it or breaks a line. */
export function textElement(s: string): string {
  return /^\s|\n|\s$/.test(s) ? `<t xml:space="preserve">${esc(s)}</t>` : `<t>${esc(s)}</t>`;
}

/** Column letters: 1 → A, 27 → AA. */
export function letters(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * Text written as UTF-8 as it comes, in chunks: a part of many megabytes (the sheet of every
 * entry of a year) made without one long string to join and encode.
 */
export class Utf8Chunks {
  private readonly done: Buffer[] = [];
  /** Chunks grow from 64 KiB to 4 MiB: small parts stay small. */
  private chunk = Buffer.allocUnsafe(1 << 16);
  private at = 0;

  add(s: string): void {
    // at most three bytes for each UTF-16 unit
    if (this.chunk.length - this.at < s.length * 3) {
      this.done.push(this.chunk.subarray(0, this.at));
      const size = Math.max(Math.min(this.chunk.length * 2, 1 << 22), s.length * 3);
      this.chunk = Buffer.allocUnsafe(size);
      this.at = 0;
    }
    this.at += this.chunk.write(s, this.at);
  }

  /** The bytes written, between `head` and `tail`. */
  bytes(head = "", tail = ""): Uint8Array {
    return Buffer.concat([
      Buffer.from(head),
      ...this.done,
      this.chunk.subarray(0, this.at),
      Buffer.from(tail),
    ]);
  }
}
