// Figure lint: percentages and counts typed in a report's narrative that contradict the ledger
// (the seeds' 化解率98.6% for 184 of 187). Pure: text in, findings with offsets out.
import { percentDigits } from "../../text/zh.ts";
import type { Figures, Fraction } from "./index.ts";

export interface FigureFinding {
  /** Offset of the typed number in the text. */
  offset: number;
  what: string;
  typed: string;
  computed: string;
}

const RATES: [RegExp, string, (f: Figures) => Fraction][] = [
  [
    /初信初访按期办结率(?:为|达到|达|是)?\s*(\d+(?:\.\d+)?)\s*[%％]/g,
    "初信初访按期办结率",
    (f) => f.rates.firstOnTime,
  ],
  [
    /(?<!初信初访)按期办结率(?:为|达到|达|是)?\s*(\d+(?:\.\d+)?)\s*[%％]/g,
    "按期办结率",
    (f) => f.rates.onTime,
  ],
  [/(?<!按期)办结率(?:为|达到|达|是)?\s*(\d+(?:\.\d+)?)\s*[%％]/g, "办结率", (f) => f.rates.closed],
  [/化解率(?:为|达到|达|是)?\s*(\d+(?:\.\d+)?)\s*[%％]/g, "化解率", (f) => f.rates.resolved],
  [/满意率(?:为|达到|达|是)?\s*(\d+(?:\.\d+)?)\s*[%％]/g, "满意率", (f) => f.rates.satisfied],
  [
    /调处成功率(?:为|达到|达|是)?\s*(\d+(?:\.\d+)?)\s*[%％]/g,
    "调处成功率",
    (f) => f.mediation.rate,
  ],
];

const COUNTS: [RegExp, string, (f: Figures) => number][] = [
  [
    /受理(?:群众)?(?:信访事项|信访件|信访)?(?:共)?\s*(\d+)\s*件/g,
    "受理件数",
    (f) => f.accepted.count,
  ],
  [/受理[^，。；]{0,12}?\d+\s*件[、，]\s*(\d+)\s*人次/g, "受理人次", (f) => f.accepted.headcount],
  [/(?<!按期)办结(?:信访事项)?\s*(\d+)\s*件/g, "办结件数", (f) => f.closed],
  [/按期办结\s*(\d+)\s*件/g, "按期办结件数", (f) => f.closedOnTime],
  [/化解(?:信访事项)?\s*(\d+)\s*件/g, "化解件数", (f) => f.resolved],
  [/集体访\s*(\d+)\s*批/g, "集体访批次", (f) => f.collective.count],
  [/越级访\s*(\d+)\s*批/g, "越级访批次", (f) => f.leapfrog.count],
  [/重复访\s*(\d+)\s*批/g, "重复访批次", (f) => f.repeat.count],
];

export function lintFigures(text: string, f: Figures): FigureFinding[] {
  const out: FigureFinding[] = [];
  for (const [re, what, get] of RATES) {
    for (const m of text.matchAll(re)) {
      const typed = m[1] as string;
      const decimals = typed.includes(".") ? (typed.split(".")[1] as string).length : 0;
      const fr = get(f);
      const computed = percentDigits(fr.num, fr.den, decimals);
      if (computed !== null && Number(computed) !== Number(typed)) {
        out.push({
          offset: (m.index ?? 0) + m[0].indexOf(typed),
          what,
          typed: `${typed}%`,
          computed: `${computed}%（${fr.num}÷${fr.den}）`,
        });
      }
    }
  }
  for (const [re, what, get] of COUNTS) {
    for (const m of text.matchAll(re)) {
      const typed = m[1] as string;
      const value = get(f);
      if (Number(typed) !== value)
        out.push({
          offset: (m.index ?? 0) + m[0].lastIndexOf(typed),
          what,
          typed,
          computed: String(value),
        });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}
