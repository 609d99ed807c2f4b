// Astro's log destination during `xinfang build`: events go to the sink the build installed
// (progress and warnings in Chinese on stderr), never straight to stdout.
import { astroLogSink } from "./hand-over.ts";
import type { AstroLogEvent } from "./hand-over.ts";

export default function astroLogDestination(): { write(event: AstroLogEvent): boolean } {
  return {
    write(event) {
      const sink = astroLogSink();
      if (sink) sink(event);
      else if (event.level === "warn" || event.level === "error")
        process.stderr.write(`${event.message}\n`);
      return true;
    },
  };
}
