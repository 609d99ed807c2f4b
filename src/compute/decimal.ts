// Exact decimal arithmetic for points and factors: value = n / 10^scale with a BigInt n.
// Numbers from YAML enter through their shortest round-trip text (0.1 is exactly one tenth);
// rounding happens once, at the end, half away from zero.

export interface Dec {
  readonly n: bigint;
  readonly scale: number;
}

const POW10: bigint[] = [1n];
function pow10(k: number): bigint {
  while (POW10.length <= k) POW10.push((POW10[POW10.length - 1] as bigint) * 10n);
  return POW10[k] as bigint;
}

export const ZERO: Dec = Object.freeze({ n: 0n, scale: 0 });

export function dec(x: number | string): Dec {
  const text = typeof x === "number" ? String(x) : x.trim();
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new Error(`not a decimal number: ${text}`);
  const sign = m[1] === "-" ? -1n : 1n;
  const intPart = m[2] ?? "";
  const frac = m[3] ?? "";
  const exp = m[4] ? Number(m[4]) : 0;
  let digits = BigInt((intPart + frac).replace(/^0+(?=\d)/, "") || "0");
  let scale = frac.length - exp;
  if (scale < 0) {
    digits *= pow10(-scale);
    scale = 0;
  }
  return normalise({ n: sign * digits, scale });
}

/** Drops trailing zeros so equal values have equal representations. */
function normalise(d: Dec): Dec {
  let { n, scale } = d;
  if (n === 0n) return ZERO;
  while (scale > 0 && n % 10n === 0n) {
    n /= 10n;
    scale--;
  }
  return { n, scale };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.n, b.n, a.scale];
  if (a.scale > b.scale) return [a.n, b.n * pow10(a.scale - b.scale), a.scale];
  return [a.n * pow10(b.scale - a.scale), b.n, b.scale];
}

export function add(a: Dec, b: Dec): Dec {
  const [x, y, scale] = align(a, b);
  return normalise({ n: x + y, scale });
}

/**
 * An exact sum of many values, as `add` would make it one by one: numerators of each scale are
 * added as JS numbers while every partial sum is a safe integer (so exactly), the rest with
 * BigInts. The sum does not depend on the order of additions, so the value is the same.
 */
export class DecSum {
  /** Sum of the numerators of the values of scale `i` that were added as numbers. */
  private readonly byScale: number[] = [];
  private big: Dec = ZERO;

  add(d: Dec): void {
    const n = Number(d.n);
    if (Number.isSafeInteger(n)) {
      const sum = (this.byScale[d.scale] ?? 0) + n;
      // Both terms are safe integers: a safe result is the exact sum.
      if (Number.isSafeInteger(sum)) {
        this.byScale[d.scale] = sum;
        return;
      }
    }
    this.big = add(this.big, d);
  }

  value(): Dec {
    let v = this.big;
    this.byScale.forEach((n, scale) => {
      if (n !== 0) v = add(v, { n: BigInt(n), scale });
    });
    return v;
  }
}

export function mul(a: Dec, b: Dec): Dec {
  return normalise({ n: a.n * b.n, scale: a.scale + b.scale });
}

export function cmp(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Dec): boolean {
  return a.n === 0n;
}

/** Rounds to `places` decimals, half away from zero. */
export function round(a: Dec, places: number): Dec {
  if (a.scale <= places) return a;
  const drop = pow10(a.scale - places);
  const neg = a.n < 0n;
  const abs = neg ? -a.n : a.n;
  let q = abs / drop;
  if ((abs % drop) * 2n >= drop) q += 1n;
  return normalise({ n: neg ? -q : q, scale: places });
}

export function toText(a: Dec): string {
  const neg = a.n < 0n;
  const digits = (neg ? -a.n : a.n).toString().padStart(a.scale + 1, "0");
  const body = a.scale === 0 ? digits : `${digits.slice(0, -a.scale)}.${digits.slice(-a.scale)}`;
  return neg ? `-${body}` : body;
}

/** The value rounded to two decimals, as a JS number (what JSON output carries). */
export function toNumber2(a: Dec): number {
  return Number(toText(round(a, 2)));
}

/** Fixed two-decimal text, e.g. 100.00, for tables. */
export function toFixed2(a: Dec): string {
  const r = round(a, 2);
  const t = toText({ n: r.n * pow10(2 - r.scale), scale: 2 });
  return t === "-0.00" ? "0.00" : t;
}
