// The texts of a content folder's files by content-relative path, in path order. A UTF-8 file
// read as its bytes (a CSV ledger: its rows are read from the bytes) is decoded only when its text
// is asked for, by a code frame or a search through every file; reading and scoring a province's
// ledger never makes its 450 MB string. A workbook's ledger sheet is held as its rows
// (SheetData), its text form made likewise only when asked for.
import type { ByteSource, Utf8Content } from "./byte-source.ts";
import { SheetData } from "./sheet-data.ts";

type Stored = string | Utf8Content | SheetData;

export class ContentTexts implements ReadonlyMap<string, string> {
  readonly #files: Map<string, Stored>;

  constructor(files: Iterable<readonly [string, Stored]>) {
    this.#files = new Map(files);
  }

  get size(): number {
    return this.#files.size;
  }

  has(file: string): boolean {
    return this.#files.has(file);
  }

  get(file: string): string | undefined {
    const f = this.#files.get(file);
    return f === undefined || typeof f === "string" ? f : f.text;
  }

  /**
   * The bytes of a file read as UTF-8 bytes (in memory, or a source read from the disk a part
   * at a time); undefined for one read as text (or absent).
   */
  utf8Bytes(file: string): Buffer | ByteSource | undefined {
    const f = this.#files.get(file);
    return f === undefined || typeof f === "string" || f instanceof SheetData ? undefined : f.bytes;
  }

  /** The rows of a workbook's ledger sheet; undefined for any other file. */
  sheet(file: string): SheetData | undefined {
    const f = this.#files.get(file);
    return f instanceof SheetData ? f : undefined;
  }

  keys(): MapIterator<string> {
    return this.#files.keys();
  }

  entries(): MapIterator<[string, string]> {
    return new Map([...this.#files.keys()].map((k) => [k, this.get(k) as string])).entries();
  }

  values(): MapIterator<string> {
    return new Map(this.entries()).values();
  }

  forEach(
    callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void,
    thisArg?: unknown,
  ): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }
}
