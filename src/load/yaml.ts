// YAML → plain JS values with source positions. js-yaml's event stream gives offsets for every
// node at a fraction of the cost of a full document model (4.8 MB of ledger: 0.25 s instead of
// 3.5 s); positions of single fields are rebuilt from the same events only when a diagnostic
// needs one. Scalars resolve with the YAML 1.2 core schema: unquoted 2025-01-08 is a string.
// Work is bounded by the text's size: aliases (`*name`) are refused, never expanded (a billion
// laughs would otherwise explode into gigabytes downstream), and nesting deeper than
// YAML_MAX_DEPTH is a located error before anything recursive sees the document.
import { createRequire } from "node:module";
import type * as JsYaml from "js-yaml";
import type { Event, ScalarEvent } from "js-yaml";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { YamlProblem } from "../diagnostics/codes/files.ts";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import { resolveCoreScalar } from "./core-schema.ts";
import { YAML_MAX_DEPTH } from "./limits.ts";
import { LineIndex } from "./line-index.ts";
import { fastYaml } from "./yaml-fast.ts";
import type { FastYaml } from "./yaml-fast.ts";
import type { PathKey, SourceFile } from "./source-file.ts";

// js-yaml is loaded when a file first needs the general reader (its set-up takes ~4 ms of a cold
// start): ledgers, units and rules written plainly never do (yaml-fast.ts), so neither does `score`.
const require = createRequire(import.meta.url);
let jsYamlModule: typeof JsYaml | undefined;
const jsYaml = (): typeof JsYaml => (jsYamlModule ??= require("js-yaml") as typeof JsYaml);

interface PosNode {
  o: number;
  keys?: Map<string, { ko: number; v: PosNode }>;
  items?: PosNode[];
}

const KNOWN_TAGS = new Set(["!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq"]);

function resolveTagged(tag: string, text: string): unknown {
  switch (tag) {
    case "!!str":
      return text;
    case "!!int":
    case "!!float": {
      const v = resolveCoreScalar(text);
      return typeof v === "number" ? v : text;
    }
    case "!!bool": {
      const v = resolveCoreScalar(text);
      return typeof v === "boolean" ? v : text;
    }
    case "!!null":
      return null;
    default:
      return text;
  }
}

interface Frame {
  kind: "doc" | "seq" | "map";
  value: unknown;
  pos: PosNode | null;
  offsets: number[] | null;
  start: number;
  /** Pending key of a mapping, with its offset. */
  key: string | null;
  keyOffset: number;
}

interface BuildResult {
  value: unknown;
  pos: PosNode | null;
  seqOffsets: WeakMap<object, number[]>;
  diagnostics: Diagnostic[];
  /** Aliases met: the value is then unusable (they stand as null in it). */
  aliases: number;
}

/** js-yaml's reasons, by what they mean (the catalog words them). */
const YAML_PROBLEMS: [RegExp, YamlProblem][] = [
  [/tab characters must not be used/, "tab-indent"],
  [/bad indentation of a mapping entry/, "mapping-indent"],
  [/bad indentation of a sequence entry/, "sequence-indent"],
  [/deficient indentation/, "deficient-indent"],
  [/missed comma between flow collection entries/, "missing-comma"],
  [/unexpected end of the stream within a flow collection/, "unclosed-flow"],
  [/within a (?:double|single) quoted scalar/, "unclosed-quote"],
  [/end of the stream or a document separator is expected/, "unexpected-content"],
  [/a whitespace character is expected after the key-value separator/, "space-after-colon"],
  [/expected ':' after a mapping key/, "missing-colon"],
  [/can not read a block mapping entry/, "block-mapping-entry"],
  [/duplication of an anchor/, "duplicate-anchor"],
  [/unknown escape sequence/, "unknown-escape"],
];

function yamlProblem(reason: string): YamlProblem {
  for (const [re, problem] of YAML_PROBLEMS) if (re.test(reason)) return problem;
  return { other: reason };
}

function build(
  file: string,
  text: string,
  events: Event[],
  withPos: boolean,
  lines: LineIndex,
): BuildResult {
  const { EVENT_ID, SCALAR_STYLE, getScalarValue } = jsYaml();
  const diagnostics: Diagnostic[] = [];
  const seqOffsets = new WeakMap<object, number[]>();
  const stack: Frame[] = [];
  let aliases = 0;
  let root: unknown = null;
  let rootPos: PosNode | null = null;
  let documents = 0;
  let lastOffset = 0;

  const at = (offset: number): SourcePosition => ({ file, ...lines.locate(offset) });
  /** The node's tag, reported when it is not one of the core schema's. */
  const tagOf = (start: number, end: number, offset: number): string | null => {
    if (start === -1) return null;
    const tag = text.slice(start, end);
    if (!KNOWN_TAGS.has(tag)) {
      diagnostics.push(
        makeDiagnostic("yaml/syntax", {
          position: at(offset),
          path: "",
          params: { problem: { tag } },
        }),
      );
    }
    return tag;
  };

  const place = (value: unknown, pos: PosNode | null, offset: number): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) return;
    if (top.kind === "doc") {
      root = value;
      rootPos = pos;
      top.value = value;
      return;
    }
    if (top.kind === "seq") {
      (top.value as unknown[]).push(value);
      (top.offsets as number[]).push(offset);
      if (top.pos && pos) (top.pos.items as PosNode[]).push(pos);
      return;
    }
    if (top.key === null) {
      // This node is a key.
      let key: string;
      if (value === null || typeof value === "object") {
        diagnostics.push(
          makeDiagnostic("yaml/syntax", {
            position: at(offset),
            path: "",
            params: { problem: "complex-key" },
          }),
        );
        key = "\u0000invalid";
      } else key = String(value);
      top.key = key;
      top.keyOffset = offset;
      return;
    }
    const obj = top.value as Record<string, unknown>;
    const key = top.key;
    top.key = null;
    if (key === "\u0000invalid") return;
    // Values are never undefined (an empty value is null), so this is an own-key test.
    if (obj[key] !== undefined && Object.prototype.hasOwnProperty.call(obj, key)) {
      diagnostics.push(
        makeDiagnostic("yaml/duplicate-key", {
          position: at(top.keyOffset),
          path: "",
          params: { key },
        }),
      );
      return;
    }
    if (key === "__proto__") {
      Object.defineProperty(obj, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else obj[key] = value;
    if (top.pos && pos)
      (top.pos.keys as Map<string, { ko: number; v: PosNode }>).set(key, {
        ko: top.keyOffset,
        v: pos,
      });
  };

  for (let i = 0; i < events.length; i++) {
    const ev = events[i] as Event;
    switch (ev.type) {
      case EVENT_ID.DOCUMENT: {
        documents++;
        if (documents === 2) {
          diagnostics.push(
            makeDiagnostic("yaml/syntax", {
              position: at(lastOffset),
              path: "",
              params: { problem: "several-documents" },
            }),
          );
        }
        stack.push({
          kind: "doc",
          value: null,
          pos: null,
          offsets: null,
          start: 0,
          key: null,
          keyOffset: 0,
        });
        break;
      }
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING: {
        const offset =
          ev.tagStart !== -1 ? ev.tagStart : ev.anchorStart !== -1 ? ev.anchorStart : ev.start;
        lastOffset = offset;
        tagOf(ev.tagStart, ev.tagEnd, offset);
        const isSeq = ev.type === EVENT_ID.SEQUENCE;
        const value: unknown = isSeq ? [] : {};
        const pos: PosNode | null = withPos
          ? isSeq
            ? { o: offset, items: [] }
            : { o: offset, keys: new Map() }
          : null;
        const offsets: number[] | null = isSeq ? [] : null;
        if (offsets) seqOffsets.set(value as object, offsets);
        stack.push({
          kind: isSeq ? "seq" : "map",
          value,
          pos,
          offsets,
          start: offset,
          key: null,
          keyOffset: 0,
        });
        break;
      }
      case EVENT_ID.SCALAR: {
        const sc = ev as ScalarEvent;
        const offset =
          sc.tagStart !== -1
            ? sc.tagStart
            : sc.anchorStart !== -1
              ? sc.anchorStart
              : sc.valueStart !== -1
                ? sc.valueStart
                : lastOffset;
        lastOffset = offset;
        const raw = getScalarValue(text, sc);
        let value: unknown;
        const tag = tagOf(sc.tagStart, sc.tagEnd, offset);
        if (tag !== null) {
          value = resolveTagged(tag, raw);
        } else if (sc.style === SCALAR_STYLE.PLAIN) value = resolveCoreScalar(raw);
        else value = raw;
        place(value, withPos ? { o: offset } : null, offset);
        break;
      }
      case EVENT_ID.ALIAS: {
        // Never expanded: an alias (merge keys `<<: *x` included) is an error where it stands.
        // Anchors alone are harmless and ignored.
        const offset = ev.anchorStart - 1;
        lastOffset = offset;
        aliases++;
        diagnostics.push(
          makeDiagnostic("yaml/alias", {
            position: at(offset),
            path: "",
            params: { alias: text.slice(ev.anchorStart, ev.anchorEnd) },
          }),
        );
        place(null, withPos ? { o: offset } : null, offset);
        break;
      }
      case EVENT_ID.POP: {
        const frame = stack.pop();
        if (frame === undefined || frame.kind === "doc") break;
        place(frame.value, frame.pos, frame.start);
        break;
      }
    }
  }
  return { value: root, pos: rootPos, seqOffsets, diagnostics, aliases };
}

export function parseYamlFile(
  file: string,
  text: string,
  options: { fast?: boolean } = {},
): SourceFile {
  const lines = new LineIndex(text);
  const fast = options.fast === false ? null : fastYaml(text);
  if (fast) return fastFile(file, lines, fast);
  const { YAMLException, parseEvents } = jsYaml();
  let events: Event[];
  try {
    // js-yaml counts nodes on its way down (a collection's scalars one deeper than it), and
    // recurses only through that count: its stack stays bounded whatever the input.
    events = parseEvents(text, { maxDepth: YAML_MAX_DEPTH + 1 });
  } catch (e) {
    if (e instanceof YAMLException) {
      const mark = (e as JsYaml.YAMLException & { mark?: { position: number } }).mark;
      const reason = (e as JsYaml.YAMLException & { reason?: string }).reason ?? e.message;
      const position = mark
        ? { file, ...lines.locate(Math.min(mark.position, text.length)) }
        : { file, line: 1, col: 1 };
      return failedFile(file, lines, [
        /nesting exceeded maxDepth/.test(reason)
          ? makeDiagnostic("yaml/too-deep", { position, path: "", params: { max: YAML_MAX_DEPTH } })
          : makeDiagnostic("yaml/syntax", {
              position,
              path: "",
              params: { problem: yamlProblem(reason) },
            }),
      ]);
    }
    throw e;
  }
  const built = build(file, text, events, false, lines);
  if (built.aliases > 0) return failedFile(file, lines, built.diagnostics);
  let pos: PosNode | null | undefined;
  const posRoot = (): PosNode | null => {
    if (pos === undefined) pos = build(file, text, events, true, lines).pos;
    return pos;
  };
  return {
    file,
    value: built.value,
    diagnostics: built.diagnostics,
    lines,
    locate: (path, at = "value") => locateIn(posRoot(), path, at, file, lines),
    itemLine(array: readonly unknown[], index: number): number {
      const offsets = built.seqOffsets.get(array);
      const o = offsets?.[index];
      return o === undefined ? 0 : lines.locate(o).line;
    },
  };
}

/** A file read by the fast reader, which also knows where every node is. */
function fastFile(file: string, lines: LineIndex, fast: FastYaml): SourceFile {
  return {
    file,
    value: fast.value,
    diagnostics: [],
    lines,
    locate: (path, at = "value") => ({ file, ...lines.locate(fast.locate(path, at)) }),
    itemLine(array: readonly unknown[], index: number): number {
      const o = fast.seqOffsets.get(array)?.[index];
      return o === undefined ? 0 : lines.locate(o).line;
    },
  };
}

function locateIn(
  root: PosNode | null,
  path: readonly PathKey[],
  at: "value" | "key",
  file: string,
  lines: LineIndex,
): SourcePosition {
  let node = root;
  let offset = node?.o ?? 0;
  for (let i = 0; i < path.length && node; i++) {
    const k = path[i] as PathKey;
    if (node.keys) {
      const hit = node.keys.get(String(k));
      if (!hit) break;
      offset = i === path.length - 1 && at === "key" ? hit.ko : hit.v.o;
      node = hit.v;
    } else if (node.items) {
      const hit = typeof k === "number" ? node.items[k] : undefined;
      if (!hit) break;
      offset = hit.o;
      node = hit;
    } else break;
  }
  return { file, ...lines.locate(offset) };
}

function failedFile(file: string, lines: LineIndex, diagnostics: Diagnostic[]): SourceFile {
  return {
    file,
    value: undefined,
    diagnostics,
    lines,
    locate: () => ({ file, line: 1, col: 1 }),
    itemLine: () => 0,
  };
}
