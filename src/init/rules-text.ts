// The default 考评细则 (SPEC §3 and §7, as the example town's rules/2025.yaml words them) for any
// year, as the YAML text `xinfang init` writes: one line per item, comments in Chinese for the
// clerk who adapts it.
import { isoWeekDate, weeksWithWeekdayIn } from "../calendar/calendar.ts";

/** The default deadline of the weekly report: Friday (ISO weekday 5) at 17:00. */
export const DEFAULT_DEADLINE_WEEKDAY = 5;

/**
 * The ISO week whose report deadline falls in the National Day holiday (1–7 October), exempt by
 * default: there is exactly one Friday in 1–7 October.
 */
export function nationalDayWeek(year: number): string {
  const week = weeksWithWeekdayIn(year, DEFAULT_DEADLINE_WEEKDAY).find((w) => {
    const day = isoWeekDate(w, DEFAULT_DEADLINE_WEEKDAY);
    return day >= `${year}-10-01` && day <= `${year}-10-07`;
  });
  if (week === undefined) throw new Error(`no Friday in 1–7 October ${year}`);
  return week;
}

/** rules/<year>.yaml with the default rules; `schemaLine` is its first line. */
export function defaultRulesText(year: number, schemaLine: string): string {
  return `${schemaLine}
# ${year}年度考评细则。分值、条件、奖励和处理都在本文件中；工作方案和目标责任书中的考评办法由本文件生成，
# 与计算得分所用的是同一份细则。按本镇的考评办法修改后运行 xinfang check 检查。
year: ${year}
title: ${year}年度村（社区）信访工作考评细则
base: 100                                        # 基础分
collective_threshold: 5                          # 没有填写形式时，人数达到几人算集访
unset_cells: zero                                # 分值表中没有填写的格不扣分，考评办法中写明
weekly_report:
  deadline: { weekday: 5, time: "17:00" }        # 每周五17时前报送（1 为周一……7 为周日）
${`  exempt_weeks: [${nationalDayWeek(year)}]`.padEnd(49)}# 免报的周：国庆节假期；按当年放假安排增减
items:
  - { id: meeting-absent, clause: 无故不参加信访工作例会的, label: 无故缺席例会, ledger: meeting, when: { status: absent }, points: -5 }
  - { id: meeting-leave,  clause: 请假的, label: 例会请假, ledger: meeting, when: { status: leave }, points: -2, free: 1 }
  - { id: weekly-report,  clause: 未按时报送周排查报告或零报告的, label: 未按时报送周排查报告, ledger: weekly-report, when: { on_time: false }, points: -5 }
  - id: petition
    clause: 群众上访按去向和形式扣分
    label: 群众上访
    ledger: petition
    table:                                       # 去向 → 形式 → 扣分
      镇: { 个访: 0, 集访: 0, 重访: 0, 非访: 0 }
      县: { 个访: -1, 集访: -3, 非访: -5 }
      市: { 个访: -3, 集访: -10 }
      省: { 个访: -10 }                          # 赴省集访、重访、非访和进京上访：一票否决
    modifiers:
      - { id: early-warning,    clause: 及时发现并提前报送信息、采取稳控措施的, label: 提前报送并稳控, when: { early_warning: true }, factor: 0.5 }
      - { id: persuaded-onsite, clause: 按时到位接访、劝离且未再上访的, label: 到位劝离, when: { persuaded_onsite: true }, factor: 0.5 }
      - { id: assigned-overdue, clause: 镇交办案件逾期未查清上报的, label: 交办逾期, when: { assigned_overdue: true }, factor: 2 }
vetoes:
  - { id: province,  clause: 发生赴省集访、重访、非访的, label: 赴省集访重访非访, ledger: petition, when: { level: 省, form: [集访, 重访, 非访] } }
  - { id: beijing,   clause: 发生进京上访的, label: 进京上访, ledger: petition, when: { level: 京 } }
  - { id: escalated, clause: 导致事态扩大、越级上访、影响恶劣的, label: 事态扩大, ledger: petition, when: { escalated: true } }
rewards:
  rank: [10000, 8000, 6000]                      # 第一、二、三名的奖励（元）
  clean_record:                                  # 只取第一个符合的档次
    - { clause: 全年未发生县级以上信访的, none_at_or_above: 县, amount: 10000 }
    - { clause: 全年未发生市级以上信访的, none_at_or_above: 市, amount: 2000 }
  last_place: 在年终信访工作总结会上表态发言、作出检查
sanctions:
  warning: { clause: 遇上级催办通报的, label: 上级催办, when: { superior_urged: true } }
  yellow_card:
    clause: 因村内事务处理不公引发群众赴市集访的
    when: { level: 市, form: 集访, unfair_handling: true }
    committee_subsidy_months: 2                  # 两委成员扣发村级补贴的月数
    liaison_award_months: 2                      # 包村领导、包村干部扣发精神文明奖的月数
  key_management:
    clause: 同一信访问题引发赴市集访后重访三次以上（含三次）的
    first: { level: 市, form: 集访 }
    then: { form: 重访, min_level: 市 }          # 此后同一问题的重访
    count: 3
    months: 3
    appraisal: 三等
  veto: { committee_subsidy_months: 12, committee_star_pay: true, liaison_award_months: 12 }
`;
}
