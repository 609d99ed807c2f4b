// A fast reader for the plain YAML that ledgers are written in: block mappings and sequences,
// one-line flow collections, plain and quoted one-line scalars, comments, and the literal block
// scalars (`|`, `|-`) that document files write their paragraphs in. It reads 5 MB of
// petitions in a fraction of the time of a general parser. Whenever a document steps outside
// that subset — or is anything but perfectly valid — it returns null and the general reader
// (yaml.ts, on js-yaml's events) takes over, so results never depend on which reader ran:
// test/load/yaml-fast.test.ts checks values and item offsets against the general reader.
import { resolveCoreScalar } from "./core-schema.ts";
import { FAST_MAX_DEPTH } from "./limits.ts";

export interface FastYaml {
  value: unknown;
  /** Start offset of every item of every sequence, by sequence. */
  seqOffsets: WeakMap<object, number[]>;
  /** Offset of the node at a path, exactly as the general reader locates it. */
  locate(path: readonly PathKey[], at?: "value" | "key"): number;
}

/** Thrown inside the reader when the document leaves the subset; caught in fastYaml. */
class Unsupported extends Error {}
const bail = (): never => {
  throw new Unsupported();
};

// What js-yaml refuses as non-printable (its checkPrintable), so both readers agree on errors.
/* eslint-disable no-control-regex -- control characters are what this expression is about */
const NON_PRINTABLE =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/* eslint-enable no-control-regex */

const SP = 32;
const HASH = 35;
/** Distinct plain scalars remembered (Reader.plain); past that, new ones are read each time. */
const PLAIN_MEMO = 1 << 16;

class Reader {
  /** Significant lines: offsets of the first non-space character and of the line end. */
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly indents: number[] = [];
  i = 0;
  readonly seqOffsets = new WeakMap<object, number[]>();
  /** Where each block mapping starts, to find a key's position again when a diagnostic needs it. */
  readonly blockMaps = new WeakMap<object, { line: number; indent: number; first: number }>();
  /**
   * Key and value offsets of each flow mapping (they are small): one list of key, key offset,
   * value offset, key by key, rather than a table per mapping (a ledger has 100,000 of them).
   */
  readonly flowMaps = new Map<object, (string | number)[]>();
  readonly text: string;
  /** Plain keys already read (a ledger repeats the same twenty keys). */
  readonly keys = new Map<string, string>();
  /** Collections open around the current node; deeper documents go to the general reader. */
  depth = 0;

  constructor(text: string) {
    this.text = text;
    let pos = 0;
    const n = text.length;
    while (pos <= n) {
      let end = text.indexOf("\n", pos);
      if (end === -1) end = n;
      let stop = end;
      if (stop > pos && text.charCodeAt(stop - 1) === 13) stop--;
      let p = pos;
      while (p < stop && text.charCodeAt(p) === SP) p++;
      if (p < stop) {
        const c = text.charCodeAt(p);
        if (c === 9) bail(); // tab in indentation
        if (c !== HASH) {
          if (
            p === pos &&
            (text.startsWith("---", p) || text.startsWith("...", p) || c === 37) /* % */
          )
            bail();
          this.starts.push(p);
          this.ends.push(stop);
          this.indents.push(p - pos);
        }
      }
      pos = end + 1;
    }
  }

  get done(): boolean {
    return this.i >= this.starts.length;
  }

  /** A node starting on the current line at column `indent` (a block collection or a scalar). */
  node(indent: number): unknown {
    const start = this.starts[this.i] as number;
    if (this.isSeqEntry(start)) return this.sequence(indent);
    if (this.keyEnd(start, this.ends[this.i] as number) !== -1) return this.mapping(indent, start);
    // A lone scalar or flow collection on its own line.
    const { value, next } = this.inlineValue(start, this.ends[this.i] as number);
    this.expectEnd(next);
    this.i++;
    return value;
  }

  isSeqEntry(at: number): boolean {
    if (this.text.charCodeAt(at) !== 45 /* - */) return false;
    const next = this.text.charCodeAt(at + 1);
    return at + 1 >= (this.ends[this.i] as number) || next === SP;
  }

  /** Opens a collection; a document nested too deeply is the general reader's to report. */
  enter(): void {
    if (++this.depth > FAST_MAX_DEPTH) bail();
  }

  sequence(indent: number): unknown[] {
    this.enter();
    const out: unknown[] = [];
    const offsets: number[] = [];
    this.seqOffsets.set(out, offsets);
    while (!this.done) {
      const lineIndent = this.indents[this.i] as number;
      if (lineIndent < indent) break;
      if (lineIndent > indent) bail();
      const start = this.starts[this.i] as number;
      if (!this.isSeqEntry(start)) break;
      const end = this.ends[this.i] as number;
      let p = start + 1;
      while (p < end && this.text.charCodeAt(p) === SP) p++;
      if (p >= end || this.text.charCodeAt(p) === HASH) {
        // `-` alone: the item is the block below it, or null.
        if (p < end && this.text.charCodeAt(p - 1) !== SP) bail();
        this.i++;
        if (!this.done && (this.indents[this.i] as number) > indent) {
          offsets.push(this.starts[this.i] as number);
          out.push(this.node(this.indents[this.i] as number));
        } else {
          offsets.push(start);
          out.push(null);
        }
        continue;
      }
      if (this.isSeqEntryAt(p, end)) bail(); // `- - x`
      const isMapping = this.keyEnd(p, end) !== -1;
      // Like js-yaml, a quoted scalar's offset is that of its first character inside the quotes.
      const quoted = this.text.charCodeAt(p) === 34 || this.text.charCodeAt(p) === 39;
      offsets.push(quoted && !isMapping ? p + 1 : p);
      if (isMapping) {
        // `- key: value`: a mapping whose keys sit at column of `key`.
        const column = p - (start - indent);
        out.push(this.mapping(column, p));
      } else {
        const { value, next } = this.inlineValue(p, end);
        this.expectEnd(next);
        this.i++;
        out.push(value);
      }
    }
    this.depth--;
    return out;
  }

  /**
   * A literal block scalar, `|` or `|-` at `at` (its line ends at `end`), the value of a key at
   * column `indent`: the lines below that are indented further, as they are written. Anything
   * less plain (other indicators, a comment after it, no content, leading or over-indented blank
   * lines, a carriage return, a line end missing at the end) is the general reader's.
   */
  literal(indent: number, at: number, end: number): string {
    const t = this.text;
    let p = at + 1;
    const strip = t.charCodeAt(p) === 45; /* - */
    if (strip) p++;
    while (p < end && t.charCodeAt(p) === SP) p++;
    if (p < end) bail();
    const lines: string[] = [];
    let blanks = 0;
    let content = -1;
    let pos = t.indexOf("\n", end);
    if (pos === -1) bail();
    pos++;
    while (pos < t.length) {
      const lineEnd = t.indexOf("\n", pos);
      if (lineEnd === -1) bail(); // the last line must end with a line break
      let sp = pos;
      while (sp < lineEnd && t.charCodeAt(sp) === SP) sp++;
      const spaces = sp - pos;
      if (t.charCodeAt(lineEnd - 1) === 13) bail();
      if (sp === lineEnd) {
        // a blank line: content if more follows, dropped at the end
        if (content === -1 || spaces > content) bail();
        blanks++;
        pos = lineEnd + 1;
        continue;
      }
      if (content === -1) {
        if (spaces <= indent) bail();
        content = spaces;
      }
      if (spaces < content) {
        if (spaces > indent || t.charCodeAt(sp) === HASH) bail();
        break;
      }
      for (; blanks > 0; blanks--) lines.push("");
      lines.push(t.slice(pos + content, lineEnd));
      pos = lineEnd + 1;
    }
    if (content === -1) bail();
    // past the block's lines (its significant ones; comment-like lines inside it are content)
    while (!this.done && (this.starts[this.i] as number) < pos) this.i++;
    const text = lines.join("\n");
    return strip ? text : `${text}\n`;
  }

  isSeqEntryAt(at: number, end: number): boolean {
    return (
      this.text.charCodeAt(at) === 45 && (at + 1 >= end || this.text.charCodeAt(at + 1) === SP)
    );
  }

  /**
   * A block mapping at column `indent`; its first key starts at `first` on the current line (for
   * `- key: value` that is after the dash, otherwise the line's first character).
   */
  mapping(indent: number, first: number): Record<string, unknown> {
    this.enter();
    const out: Record<string, unknown> = {};
    this.blockMaps.set(out, { line: this.i, indent, first });
    let keyStart = first;
    for (;;) {
      const end = this.ends[this.i] as number;
      const sep = this.keyEnd(keyStart, end);
      if (sep === -1) bail();
      const key = this.key(keyStart, sep);
      if (key === "__proto__" || Object.prototype.hasOwnProperty.call(out, key)) bail();
      let p = sep + 1;
      while (p < end && this.text.charCodeAt(p) === SP) p++;
      if (p >= end || this.text.charCodeAt(p) === HASH) {
        if (p < end && p === sep + 1) bail();
        // `key:` — the value is the block below (deeper, or a sequence at the same column).
        this.i++;
        if (!this.done && (this.indents[this.i] as number) > indent)
          out[key] = this.node(this.indents[this.i] as number);
        else if (
          !this.done &&
          (this.indents[this.i] as number) === indent &&
          this.isSeqEntry(this.starts[this.i] as number)
        )
          out[key] = this.sequence(indent);
        else out[key] = null;
      } else if (this.text.charCodeAt(p) === 124 /* | */) {
        out[key] = this.literal(indent, p, end);
      } else {
        const { value, next } = this.inlineValue(p, end);
        this.expectEnd(next);
        out[key] = value;
        this.i++;
      }
      if (this.done) break;
      const lineIndent = this.indents[this.i] as number;
      if (lineIndent < indent) break;
      if (lineIndent > indent) bail();
      keyStart = this.starts[this.i] as number;
      if (this.isSeqEntry(keyStart)) break;
    }
    this.depth--;
    return out;
  }

  /** Key and value offsets of `key` in a block mapping, found again from where the mapping starts. */
  blockKey(map: object, key: string): [number, number] | null {
    const info = this.blockMaps.get(map);
    if (!info) return null;
    let keyStart = info.first;
    for (let j = info.line; j < this.starts.length;) {
      const end = this.ends[j] as number;
      const sep = this.keyEnd(keyStart, end);
      if (sep === -1) return null;
      const keyAt =
        this.text.charCodeAt(keyStart) === 34 || this.text.charCodeAt(keyStart) === 39
          ? keyStart + 1
          : keyStart;
      if (this.key(keyStart, sep) === key) {
        let p = sep + 1;
        while (p < end && this.text.charCodeAt(p) === SP) p++;
        if (p < end && this.text.charCodeAt(p) !== HASH) {
          const c = this.text.charCodeAt(p);
          // like js-yaml, a block scalar is where the line after its indicator begins
          if (c === 124) return [keyAt, this.text.indexOf("\n", end) + 1];
          return [keyAt, c === 34 || c === 39 ? p + 1 : p];
        }
        const next = this.starts[j + 1];
        const nextIndent = this.indents[j + 1];
        if (
          next !== undefined &&
          nextIndent !== undefined &&
          (nextIndent > info.indent || (nextIndent === info.indent && this.isSeqEntryLine(j + 1)))
        )
          return [keyAt, next];
        return [keyAt, keyAt];
      }
      // Next key of this mapping: skip lines of nested values.
      // (A sequence at the mapping's own column belongs to the key before it.)
      j++;
      while (
        j < this.starts.length &&
        ((this.indents[j] as number) > info.indent ||
          ((this.indents[j] as number) === info.indent && this.isSeqEntryLine(j)))
      )
        j++;
      if (
        j >= this.starts.length ||
        (this.indents[j] as number) < info.indent ||
        this.isSeqEntryLine(j)
      )
        return null;
      keyStart = this.starts[j] as number;
    }
    return null;
  }

  isSeqEntryLine(j: number): boolean {
    const at = this.starts[j] as number;
    return (
      this.text.charCodeAt(at) === 45 &&
      (at + 1 >= (this.ends[j] as number) || this.text.charCodeAt(at + 1) === SP)
    );
  }

  /** Offset of the `:` ending a block key that starts at `at`, or -1 when the line has none. */
  keyEnd(at: number, end: number): number {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 34 || c === 39) {
      const close = c === 34 ? this.doubleEnd(at, end) : this.singleEnd(at, end);
      return close + 1 < end &&
        t.charCodeAt(close + 1) === 58 &&
        (close + 2 >= end || t.charCodeAt(close + 2) === SP)
        ? close + 1
        : -1;
    }
    if (c === 123 || c === 91) return -1; // a flow collection, not a key
    for (let p = at; p < end; p++) {
      const ch = t.charCodeAt(p);
      if (ch === 58 && (p + 1 >= end || t.charCodeAt(p + 1) === SP)) return p;
      if (ch === HASH && p > at && t.charCodeAt(p - 1) === SP) return -1;
    }
    return -1;
  }

  key(at: number, sep: number): string {
    const c = this.text.charCodeAt(at);
    if (c === 34) return this.doubleValue(at, this.doubleEnd(at, sep));
    if (c === 39) return this.singleValue(at, this.singleEnd(at, sep));
    const raw = this.text.slice(at, sep).trimEnd();
    const known = this.keys.get(raw);
    if (known !== undefined) return known;
    if (!this.plainOk(raw, false)) bail();
    const v = resolveCoreScalar(raw);
    if (v === null || typeof v === "object") bail();
    this.keys.set(raw, String(v));
    return String(v);
  }

  /** After a value, only spaces or a comment may follow on the line. */
  expectEnd(p: number): void {
    const end = this.ends[this.i] as number;
    const t = this.text;
    let q = p;
    while (q < end && t.charCodeAt(q) === SP) q++;
    if (q < end && !(t.charCodeAt(q) === HASH && q > p)) bail();
  }

  /** A scalar or flow collection starting at `p` on the current line. */
  inlineValue(p: number, end: number): { value: unknown; next: number } {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 34) {
      const close = this.doubleEnd(p, end);
      return { value: this.doubleValue(p, close), next: close + 1 };
    }
    if (c === 39) {
      const close = this.singleEnd(p, end);
      return { value: this.singleValue(p, close), next: close + 1 };
    }
    if (c === 123 || c === 91) return this.flow(p, end);
    let q = p;
    while (q < end) {
      const ch = t.charCodeAt(q);
      if (ch === HASH && t.charCodeAt(q - 1) === SP) break;
      q++;
    }
    const raw = t.slice(p, q).trimEnd();
    // the scalar ends where its text does: the spaces before a comment are the comment's
    return { value: this.plain(raw, false), next: p + raw.length };
  }

  /** Plain scalars read so far, in a flow collection and outside (plainOk differs). */
  private readonly flowPlain = new Map<string, unknown>();
  private readonly blockPlain = new Map<string, unknown>();

  /**
   * The value of plain scalar `raw` (resolveCoreScalar), after plainOk; remembered, as a ledger
   * repeats its keys, villages, weeks and flags on every line.
   */
  plain(raw: string, inFlow: boolean): unknown {
    const memo = inFlow ? this.flowPlain : this.blockPlain;
    let v = memo.get(raw);
    if (v === undefined) {
      // resolveCoreScalar never gives undefined: a miss
      if (!this.plainOk(raw, inFlow)) bail();
      v = resolveCoreScalar(raw);
      if (memo.size < PLAIN_MEMO) memo.set(raw, v);
    }
    return v;
  }

  /** Plain scalars this reader can take without doubt. */
  plainOk(raw: string, inFlow: boolean): boolean {
    if (raw.length === 0) return false;
    const c = raw.charCodeAt(0);
    // Indicators that start something else: - ? : , [ ] { } # & * ! | > ' " % @ `
    if ("-?:,[]{}#&*!|>'\"%@`".includes(raw[0] as string)) {
      // `-5`, `-0.5` and `-x` are fine plain scalars; a lone `-` is not.
      if (!(c === 45 && raw.length > 1 && raw.charCodeAt(1) !== SP)) return false;
    }
    if (raw.includes(": ") || raw.endsWith(":") || raw.includes(" #") || raw.includes("\t"))
      return false;
    if (inFlow && /[,[\]{}]/.test(raw)) return false;
    return true;
  }

  doubleEnd(at: number, end: number): number {
    const t = this.text;
    for (let p = at + 1; p < end; p++) {
      const ch = t.charCodeAt(p);
      if (ch === 92) p++;
      else if (ch === 34) return p;
    }
    return bail();
  }

  doubleValue(at: number, close: number): string {
    const body = this.text.slice(at + 1, close);
    if (!body.includes("\\")) return body;
    return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => {
      switch (e[0]) {
        case "\\":
          return "\\";
        case '"':
          return '"';
        case "/":
          return "/";
        case "n":
          return "\n";
        case "t":
          return "\t";
        case "u":
          return String.fromCharCode(Number.parseInt(e.slice(1), 16));
        default:
          return bail();
      }
    });
  }

  singleEnd(at: number, end: number): number {
    const t = this.text;
    for (let p = at + 1; p < end; p++) {
      if (t.charCodeAt(p) === 39) {
        if (t.charCodeAt(p + 1) === 39) p++;
        else return p;
      }
    }
    return bail();
  }

  singleValue(at: number, close: number): string {
    return this.text.slice(at + 1, close).replaceAll("''", "'");
  }

  /** A flow collection that opens and closes on this line. */
  flow(p: number, end: number): { value: unknown; next: number } {
    this.enter();
    const read = this.flowBody(p, end);
    this.depth--;
    return read;
  }

  /** Where the scalar flowScalar read last ends. */
  private flowNext = 0;

  /** Past the spaces from `q`. */
  skipSpaces(q: number, end: number): number {
    const t = this.text;
    while (q < end && t.charCodeAt(q) === SP) q++;
    return q;
  }

  /**
   * A scalar (or nested collection) of a flow collection at `q`, up to `,` or `close` (`]` or
   * `}`); where it ends is left in flowNext.
   */
  flowScalar(q: number, end: number, close: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(q);
    if (c === 34) {
      const e = this.doubleEnd(q, end);
      this.flowNext = e + 1;
      return this.doubleValue(q, e);
    }
    if (c === 39) {
      const e = this.singleEnd(q, end);
      this.flowNext = e + 1;
      return this.singleValue(q, e);
    }
    if (c === 123 || c === 91) {
      const read = this.flow(q, end);
      this.flowNext = read.next;
      return read.value;
    }
    let r = q;
    for (; r < end; r++) {
      const ch = t.charCodeAt(r);
      if (ch === 44 || ch === close) break;
      if (ch === 58) {
        const after = t.charCodeAt(r + 1);
        if (r + 1 >= end || after === SP || after === 44 || after === 93 || after === 125) break;
      }
    }
    this.flowNext = r;
    return this.plain(t.slice(q, r).trimEnd(), true);
  }

  flowBody(p: number, end: number): { value: unknown; next: number } {
    const t = this.text;
    if (t.charCodeAt(p) === 91) {
      const out: unknown[] = [];
      const offsets: number[] = [];
      this.seqOffsets.set(out, offsets);
      let q = this.skipSpaces(p + 1, end);
      if (t.charCodeAt(q) === 93) return { value: out, next: q + 1 };
      for (;;) {
        q = this.skipSpaces(q, end);
        offsets.push(t.charCodeAt(q) === 34 || t.charCodeAt(q) === 39 ? q + 1 : q);
        const item = this.flowScalar(q, end, 93);
        q = this.skipSpaces(this.flowNext, end);
        if (t.charCodeAt(q) === 58) bail(); // a single-pair mapping inside a list
        out.push(item);
        if (t.charCodeAt(q) === 44) {
          q = this.skipSpaces(q + 1, end);
          if (t.charCodeAt(q) === 93) bail(); // trailing comma
          continue;
        }
        if (t.charCodeAt(q) === 93) return { value: out, next: q + 1 };
        return bail();
      }
    }
    const out: Record<string, unknown> = {};
    const offsets: (string | number)[] = [];
    this.flowMaps.set(out, offsets);
    let q = this.skipSpaces(p + 1, end);
    if (t.charCodeAt(q) === 125) return { value: out, next: q + 1 };
    for (;;) {
      q = this.skipSpaces(q, end);
      const c = t.charCodeAt(q);
      if (c === 123 || c === 91) bail();
      const keyAt = t.charCodeAt(q) === 34 || t.charCodeAt(q) === 39 ? q + 1 : q;
      const k = this.flowScalar(q, end, 125);
      if (k === null || typeof k === "object") bail();
      const key = String(k);
      if (key === "__proto__" || Object.prototype.hasOwnProperty.call(out, key)) bail();
      q = this.skipSpaces(this.flowNext, end);
      if (t.charCodeAt(q) !== 58) bail();
      q = this.skipSpaces(q + 1, end);
      let value: unknown = null;
      let valueAt = keyAt;
      if (t.charCodeAt(q) !== 44 && t.charCodeAt(q) !== 125) {
        valueAt = t.charCodeAt(q) === 34 || t.charCodeAt(q) === 39 ? q + 1 : q;
        value = this.flowScalar(q, end, 125);
        q = this.skipSpaces(this.flowNext, end);
      }
      out[key] = value;
      offsets.push(key, keyAt, valueAt);
      if (t.charCodeAt(q) === 44) {
        q = this.skipSpaces(q + 1, end);
        if (t.charCodeAt(q) === 125) bail();
        continue;
      }
      if (t.charCodeAt(q) === 125) return { value: out, next: q + 1 };
      return bail();
    }
  }
}

export type PathKey = string | number;

/** The key and value offsets of `key` in a flow mapping's list (Reader.flowMaps). */
function flowKey(offsets: (string | number)[] | undefined, key: string): [number, number] | null {
  if (offsets === undefined) return null;
  for (let i = 0; i < offsets.length; i += 3)
    if (offsets[i] === key) return [offsets[i + 1] as number, offsets[i + 2] as number];
  return null;
}

/**
 * Offset of the node at `path` (of its key when `at` is "key"), as the general reader would give
 * it; where the path leaves the document, the deepest node that exists.
 */
function locate(r: Reader, root: unknown, path: readonly PathKey[], at: "value" | "key"): number {
  let node = root;
  let offset = r.starts[0] as number;
  for (let n = 0; n < path.length; n++) {
    const k = path[n] as PathKey;
    const last = n === path.length - 1;
    if (Array.isArray(node)) {
      const o = typeof k === "number" ? r.seqOffsets.get(node)?.[k] : undefined;
      if (o === undefined) break;
      offset = o;
      node = node[k as number];
    } else if (node !== null && typeof node === "object") {
      const key = String(k);
      if (!Object.prototype.hasOwnProperty.call(node, key)) break;
      const hit = flowKey(r.flowMaps.get(node), key) ?? r.blockKey(node, key);
      if (!hit) break;
      offset = last && at === "key" ? hit[0] : hit[1];
      node = (node as Record<string, unknown>)[key];
    } else break;
  }
  return offset;
}

/** What no fast reading takes: a BOM, a tab, a bare CR, what js-yaml calls non-printable. */
function refused(text: string): boolean {
  return (
    text.charCodeAt(0) === 0xfeff ||
    text.includes("\t") ||
    /\r(?!\n)/.test(text) ||
    NON_PRINTABLE.test(text)
  );
}

/** Reads `text` if it is plain ledger YAML; null when the general reader must decide. */
export function fastYaml(text: string): FastYaml | null {
  if (refused(text)) return null;
  try {
    const r = new Reader(text);
    if (r.done) return null; // empty document: leave it to the general reader
    const value = r.node(r.indents[0] as number);
    if (!r.done) return null;
    return {
      value,
      seqOffsets: r.seqOffsets,
      locate: (path, at = "value") => locate(r, value, path, at),
    };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/** A key the templates write bare (handlebars.ts's yamlBlock): never special to YAML. */
const BARE_KEY = /^[A-Za-z][\w-]*$/;

/** Whether JSON text `s` nests collections more than `limit` deep. */
function deeperThan(s: string, limit: number): boolean {
  // no deeper than it has opening brackets: most lines are counted without a loop over characters
  let n = 0;
  for (let i = s.indexOf("["); i !== -1 && n <= limit; i = s.indexOf("[", i + 1)) n++;
  for (let i = s.indexOf("{"); i !== -1 && n <= limit; i = s.indexOf("{", i + 1)) n++;
  if (n <= limit) return false;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      // a string: to its closing quote, escapes skipped
      for (i++; i < s.length && s.charCodeAt(i) !== 34; i++) if (s.charCodeAt(i) === 92) i++;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * `s` parsed as JSON when it is exactly what JSON.stringify writes for its value, nested no deeper
 * than the fast reader reads (deeper ones go to the general reader, which reports them); else
 * throws.
 */
function canonicalJson(s: string): unknown {
  if (deeperThan(s, FAST_MAX_DEPTH - 2)) bail();
  const v: unknown = JSON.parse(s);
  if (JSON.stringify(v) !== s || s.includes('"__proto__"')) bail();
  return v;
}

/**
 * A YAML mapping in the shape the templates write the YAML of fenced blocks and front matter in
 * (handlebars.ts: `{{yaml v}}` and `{{yamlBlock v}}`), read with JSON.parse: top-level lines
 * `key: <JSON>`, or `key:` followed by items `  - <JSON>` or by the lines of a mapping indented
 * two spaces, each `field: <JSON>` or `field:` followed by items `    - <JSON>`. Every JSON text
 * must be written as JSON.stringify writes it (no `-0`, `1e5`, spaces or repeated keys: texts
 * whose YAML reading could differ), and the text must pass the checks fastYaml makes of any
 * text; then YAML reads each value as JSON does (YAML reads JSON), and this is what the YAML
 * readers give, about three times faster than the fast reader's flow collections (the example's
 * notices and reports carry some 70 KB of such lines in their charts). Null when the text has
 * any other shape: it is read as YAML.
 */
export function jsonLinesYaml(text: string): Record<string, unknown> | null {
  if (refused(text) || text.includes("\r")) return null;
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) return null;
  const out: Record<string, unknown> = {};
  /** The mapping or list of the last `key:` line, and the list of its last `field:` line. */
  let map: Record<string, unknown> | null = null;
  let items: unknown[] | null = null;
  let list: unknown[] | null = null;
  let key = "";
  /** A `key:` or `field:` line with nothing under it yet (YAML would read null: not ours). */
  let pending: "key" | "field" | null = null;
  /** `name: <JSON>` or `name:` (rest null), `name` a bare key not yet in `into`. */
  const entry = (line: string, from: number, into: Record<string, unknown>) => {
    const colon = line.indexOf(":", from);
    if (colon < 0) bail();
    const name = line.slice(from, colon);
    if (!BARE_KEY.test(name) || Object.prototype.hasOwnProperty.call(into, name)) bail();
    if (colon === line.length - 1) return { name, rest: null };
    if (line.charCodeAt(colon + 1) !== SP) bail();
    return { name, rest: line.slice(colon + 2) };
  };
  try {
    for (const line of lines) {
      if (line.startsWith("    - ")) {
        if (!list) bail();
        (list as unknown[]).push(canonicalJson(line.slice(6)));
        pending = null;
      } else if (line.startsWith("  - ")) {
        if (pending === "key") {
          out[key] = items = [];
          map = null;
          pending = null;
        } else if (!items) bail();
        (items as unknown[]).push(canonicalJson(line.slice(4)));
      } else if (line.startsWith("  ") && line.charCodeAt(2) !== SP) {
        if (!map || pending === "field") bail();
        const into = map as Record<string, unknown>;
        const { name, rest } = entry(line, 2, into);
        if (rest === null) {
          into[name] = list = [];
          pending = "field";
        } else {
          into[name] = canonicalJson(rest);
          list = null;
          pending = null;
        }
      } else if (line.charCodeAt(0) !== SP) {
        if (pending) bail();
        const { name, rest } = entry(line, 0, out);
        key = name;
        list = items = null;
        if (rest === null) {
          out[name] = map = {};
          pending = "key";
        } else {
          out[name] = canonicalJson(rest);
          map = null;
        }
      } else bail();
    }
    return pending ? null : out;
  } catch (e) {
    if (e instanceof Unsupported || e instanceof SyntaxError) return null;
    throw e;
  }
}
