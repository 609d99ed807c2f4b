// Exact rational arithmetic on BigInt, for the scoring oracle. Independent of src/.

export interface Q {
  readonly n: bigint;
  readonly d: bigint; // always > 0, gcd(n, d) = 1
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function q(n: bigint, d: bigint = 1n): Q {
  if (d === 0n) throw new Error("rational: division by zero");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Q = q(0n);
export const ONE: Q = q(1n);

/** Exact value of a decimal literal ("-0.005", "1e-7", "12"). */
export function fromDecimalString(s: string): Q {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new Error(`rational: not a decimal: ${s}`);
  const sign = m[1] === "-" ? -1n : 1n;
  const intPart = m[2] ?? "";
  const frac = m[3] ?? "";
  const exp = m[4] ? Number(m[4]) : 0;
  let n = BigInt(intPart + frac || "0") * sign;
  let d = 10n ** BigInt(frac.length);
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d *= 10n ** BigInt(-exp);
  return q(n, d);
}

/**
 * Exact value of a number as written in a YAML/CSV file. JS's shortest round-trip
 * representation (String(x)) reproduces the decimal literal the author wrote.
 */
export function fromNumber(x: number): Q {
  if (!Number.isFinite(x)) throw new Error(`rational: not finite: ${x}`);
  return fromDecimalString(String(x));
}

export function add(a: Q, b: Q): Q {
  return q(a.n * b.d + b.n * a.d, a.d * b.d);
}
export function sub(a: Q, b: Q): Q {
  return q(a.n * b.d - b.n * a.d, a.d * b.d);
}
export function mul(a: Q, b: Q): Q {
  return q(a.n * b.n, a.d * b.d);
}
export function cmp(a: Q, b: Q): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
export function eq(a: Q, b: Q): boolean {
  return a.n === b.n && a.d === b.d;
}

/** Round half away from zero to `places` decimals, returned as a plain JS number. */
export function toRoundedNumber(a: Q, places = 2): number {
  const scale = 10n ** BigInt(places);
  const neg = a.n < 0n;
  const absN = (neg ? -a.n : a.n) * scale;
  let whole = absN / a.d;
  const rem = absN % a.d;
  if (2n * rem >= a.d) whole += 1n;
  if (whole === 0n) return 0; // never -0
  // (integer / 10^places) is correctly rounded in IEEE division, i.e. equals the decimal literal.
  const v = Number(whole) / Number(scale);
  return neg ? -v : v;
}
