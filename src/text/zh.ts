// Chinese formatting shared by every output: dates without leading zeros, money in 元.

/** `2025-03-01` → `2025年3月1日`. */
export function zhDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** `2025-07-15` → `7月15日` (the year goes without saying inside one year's document). */
export function zhMonthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** A clock time as offices write it: `17:00` → `17时`, `17:30` → `17时30分`, `09:05` → `9时5分`. */
export function zhTime(time: string): string {
  const h = Number(time.slice(0, 2));
  const m = Number(time.slice(3, 5));
  return m === 0 ? `${h}时` : `${h}时${m}分`;
}

/** Whole yuan: `10000` → `10000元`. */
export function yuan(amount: number): string {
  return `${amount}元`;
}

/**
 * Money in a sentence, as offices write it: whole thousands from ten thousand up in 万元
 * (`10000` → `1万元`, `12000` → `1.2万元`), anything else in 元 (`8000元`, `28800元`).
 */
export function money(amount: number): string {
  if (Number.isInteger(amount) && amount >= 10000 && amount % 1000 === 0)
    return `${amount / 10000}万元`;
  return yuan(amount);
}

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (section numbering, counts). */
export function cnNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n < 10) return DIGITS[n] as string;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ""}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ""}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? "" : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${cnNumber(rest)}` : cnNumber(rest)}`;
  }
  return String(n);
}

/** Heading numbers of GB/T 9704 documents: level 1 一、 level 2 （一） level 3 1. level 4 （1）. */
export function headingNumber(level: 1 | 2 | 3 | 4, n: number): string {
  switch (level) {
    case 1:
      return `${cnNumber(n)}、`;
    case 2:
      return `（${cnNumber(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/**
 * A percentage of an exact fraction with `decimals` places, rounded half away from zero in
 * integers (no binary fractions): (184, 187) → 98.4, (1, 16, 0) → 6; null when the denominator
 * is 0.
 */
export function percentDigits(numerator: number, denominator: number, decimals = 1): string | null {
  if (denominator === 0) return null;
  const unit = 10 ** decimals;
  const scaled = numerator * 100 * unit;
  const q = Math.trunc(scaled / denominator);
  const r = Math.abs(scaled - q * denominator) * 2;
  const n = r >= Math.abs(denominator) ? q + Math.sign(scaled) * Math.sign(denominator) : q;
  return (n / unit).toFixed(decimals);
}

/** A rate with one decimal, rounded half away from zero on the exact fraction: 184/187 → 98.4%. */
export function percent(numerator: number, denominator: number): string {
  const digits = percentDigits(numerator, denominator);
  return digits === null ? "—" : `${digits}%`;
}

/** How a petition reaches a level, as offices write it: 到镇, 赴县, 赴市, 赴省, 进京. */
export const LEVEL_VISIT: Readonly<Record<"镇" | "县" | "市" | "省" | "京", string>> = {
  镇: "到镇",
  县: "赴县",
  市: "赴市",
  省: "赴省",
  京: "进京",
};
