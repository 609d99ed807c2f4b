// Ranking (SPEC §3): unvetoed units by exact score descending, then vetoed units likewise;
// competition ranking over the whole list; ties keep units.yaml order.
import { cmp } from "../decimal.ts";
import type { Dec } from "../decimal.ts";

export interface Rankable {
  score: Dec;
  vetoed: boolean;
}

/** Returns the items in rank order with their ranks (the input order breaks ties). */
export function rank<T extends Rankable>(items: readonly T[]): { item: T; rank: number }[] {
  const sorted = items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => {
      if (a.item.vetoed !== b.item.vetoed) return a.item.vetoed ? 1 : -1;
      const c = cmp(b.item.score, a.item.score);
      return c !== 0 ? c : a.i - b.i;
    });
  const out: { item: T; rank: number }[] = [];
  sorted.forEach(({ item }, pos) => {
    const prev = out[pos - 1];
    const tied =
      prev !== undefined &&
      prev.item.vetoed === item.vetoed &&
      cmp(prev.item.score, item.score) === 0;
    out.push({ item, rank: tied ? prev.rank : pos + 1 });
  });
  return out;
}
