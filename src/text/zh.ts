// Chinese formatting shared by every output: dates without leading zeros, money in 元.

/** `2025-03-01` → `2025年3月1日`. */
export function zhDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** Whole yuan: `10000` → `10000元`. */
export function yuan(amount: number): string {
  return `${amount}元`;
}

export const SANCTION_NAMES = {
  warning: "警告",
  yellow_card: "黄牌警告",
  key_management: "重点管理",
  veto: "一票否决",
} as const;

export const PAY_ITEM_NAMES = {
  monthly_subsidy: "村级补贴",
  star_pay: "星级评定工资",
  monthly_award: "精神文明奖",
} as const;

export const REWARD_NAMES = {
  rank: "名次奖励",
  clean_record: "无信访奖励",
} as const;
