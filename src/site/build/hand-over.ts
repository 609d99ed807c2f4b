// The hand-over from `xinfang build` to the Astro pages it builds in the same process: the
// publication computed once (pages never re-read the content) and the files other stages add.
import type { Publication } from "../input.ts";

export interface SiteInput {
  publication: Publication;
  /** Files other stages add to the output, relative to its root (e.g. `pdf/plan-2025.pdf`). */
  files: ReadonlySet<string>;
}

/** Registered symbol: the same in the CLI and in Astro's bundle of the pages. */
export const SITE_INPUT = Symbol.for("xinfang.site-input");

/** Where Astro's log events go during a build (see astro-logger.ts). */
export const ASTRO_LOG_SINK = Symbol.for("xinfang.astro-log");

export interface AstroLogEvent {
  level: "debug" | "info" | "warn" | "error";
  label: string | null;
  message: string;
}

type Slots = { [SITE_INPUT]?: SiteInput; [ASTRO_LOG_SINK]?: (e: AstroLogEvent) => void };

export function handOver(input: SiteInput | undefined): void {
  (globalThis as Slots)[SITE_INPUT] = input;
}

export function handedOver(): SiteInput | undefined {
  return (globalThis as Slots)[SITE_INPUT];
}

export function setAstroLogSink(sink: ((e: AstroLogEvent) => void) | undefined): void {
  (globalThis as Slots)[ASTRO_LOG_SINK] = sink;
}

export function astroLogSink(): ((e: AstroLogEvent) => void) | undefined {
  return (globalThis as Slots)[ASTRO_LOG_SINK];
}
