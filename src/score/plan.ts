import type { StageSize } from "../model/answers.js";
import { type AnswerRecord, type Assessment, isCloseCall, type StageAssessment } from "../model/report.js";
import type { CampaignSchedule, CampaignTask, KpiWatch, Plan, RoadmapItem, RoadmapPhase, Sizing, SummaryItem } from "../model/plan.js";

import type { AutomatableShare, Cadence, Effort, Gate, QuestionSet } from "../model/question-set.js";
import { listWords, verdictLabel } from "../text.js";
import { number } from "./kpis.js";
import { fits, gateName, round } from "./score.js";

/** What the plan needs besides the assessment: the set's declarations, the answers' sizing, and day one. */
export interface PlanInput {
  set: Pick<QuestionSet, "kpis" | "campaigns" | "automatableShare"> & Partial<Pick<QuestionSet, "gates" | "scale">>;
  sizing?: Record<string, StageSize>;
  /** Day one, YYYY-MM-DD. */
  start: string;
  /** The command that goes on answering these answers (`automation-fit assess --resume FILE`): named where questions are open. */
  resume?: string;
}

/** The automatable share per verdict for a set that declares none. */
export const DEFAULT_AUTOMATABLE_SHARE: AutomatableShare = { automate: 0.8, hybrid: 0.5, human: 0.2 };

const EFFORT_COST: Record<Effort, number> = { small: 1, medium: 2, large: 4 };
const QUICK_WINS = 5;
// the first month touches several stages rather than finishing one
const QUICK_PER_STAGE = 2;
const SECOND_PHASE = 8;
const PLANNED = new Set(["automate", "hybrid", "human"]);
const CADENCE_MONTHS: Record<Cadence, number> = { month: 1, quarter: 3, year: 12 };
// Where a campaign's first occurrence falls: monthly ones start in the first phase, yearly ones once the plan has settled.
const FIRST_DUE_DAYS: Record<Cadence, number> = { month: 30, quarter: 60, year: 90 };

/** What a plan is made from, of one respondent or a team: each stage's verdict, score, fitting plays and gate. */
export type PlanStage = Pick<StageAssessment, "id" | "name" | "verdict" | "score" | "plays" | "cappedBy"> & Partial<Pick<StageAssessment, "edge" | "closeCall" | "flip">>;

export interface PlanSubject {
  stages: PlanStage[];
  /** The questions' texts, for the close calls. */
  answers?: AnswerRecord[];
  /** A team: the thing to check first (where it disagrees), in place of one respondent's close calls; its stages' plays wait for it in the summary. */
  check?: { item: SummaryItem; stageIds: string[] };
}

export function plan(a: PlanSubject, input: PlanInput): Plan {
  const shares = input.set.automatableShare ?? DEFAULT_AUTOMATABLE_SHARE;
  const sizing = sizeStages(a.stages, input.sizing, shares);
  const gaps = openGaps(a, input.set.gates ?? []);
  const ranked = rankedPlays(a, input, sizing, gaps);
  const calendar = campaignCalendar(input.set.campaigns, input.start);
  const roadmap = phases(ranked, calendar, input.start);
  return { start: input.start, summary: summarise(a, ranked, gaps, input, sizing, calendar), sizing, roadmap, calendar };
}

/** The assessment with its plan: the summary near the top, the sizing, roadmap and calendar after the stages. */
export function withPlan(a: Assessment, input: PlanInput): Assessment {
  const p = plan(a, input);
  return withPlanParts(a, ["schemaVersion", "set", "client", "assessor", "date"], p);
}

const PLAN_KEYS = new Set(["summary", "planStart", "sizing", "roadmap", "calendar"]);

/** A report (one respondent's or a team's) with its plan: the summary after the `head` keys, the roadmap and the rest at the end. */
export function withPlanParts<T extends object>(report: T, head: readonly (keyof T)[], p: Plan): T {
  const entries = Object.entries(report).filter(([k]) => !PLAN_KEYS.has(k));
  const first = entries.filter(([k]) => head.includes(k as keyof T));
  const rest = entries.filter(([k]) => !head.includes(k as keyof T));
  const planned = { planStart: p.start, sizing: p.sizing, roadmap: p.roadmap, calendar: p.calendar };
  return Object.fromEntries([...first, ["summary", p.summary], ...rest, ...Object.entries(planned)]) as T;
}

/**
 * The report with its KPI readings: a KPI past its tripwire is the first thing to do (what fell, since when, and the human
 * part to restore), ahead of the plan's own items; five at most, as ever.
 */
export function withKpiAlarms<T extends { stages: { id: string; name: string }[]; summary: SummaryItem[] }>(a: T, watch: KpiWatch[]): T & { kpiWatch: KpiWatch[] } {
  const names = new Map(a.stages.map((s) => [s.id, s.name]));
  const alarms: SummaryItem[] = watch
    .filter((k) => k.alert)
    .map((k) => {
      const moved = k.tripwire?.direction === "up" ? "rose" : "fell";
      const since = k.readings[0] ? ` since ${k.readings[0].date}` : "";
      const [restore] = k.restore;
      const action = restore ? `: restore the human part at ${names.get(restore.stageId) ?? restore.stageId}. ${restore.humanPart}` : ": find out why before automating more.";
      return { text: `${k.name} ${moved} from ${number(k.baseline ?? 0)} to ${number(k.latest ?? 0)}${since}, past its tripwire${action}`, stageId: restore?.stageId ?? null };
    });
  return { ...a, kpiWatch: watch, summary: [...alarms, ...a.summary].slice(0, 5) };
}

/** The automatable share for a verdict: declared per verdict in the set; 0 for a stage that does not apply, null without a verdict. */
export function shareFor(verdict: string, shares: AutomatableShare): number | null {
  if (verdict === "automate" || verdict === "hybrid" || verdict === "human") return shares[verdict];
  if (verdict === "not-applicable") return 0;
  return null;
}

/** Hours freed a month, per sized stage: times a month x minutes / 60 x the verdict's automatable share. Null when nothing is sized. */
export function sizeStages(
  stages: Pick<StageAssessment, "id" | "name" | "verdict">[],
  sizes: Record<string, StageSize & { sizedBy?: number }> | undefined,
  shares: AutomatableShare,
): Sizing | null {
  if (!sizes || Object.keys(sizes).length === 0) return null;
  let total = 0;
  const sized = stages.flatMap((s) => {
    const size = sizes[s.id];
    if (!size) return [];
    const share = shareFor(s.verdict, shares);
    const hours = share === null ? null : (size.timesPerMonth * size.minutes * share) / 60;
    if (hours !== null) total += hours;
    const by = size.sizedBy === undefined ? {} : { sizedBy: size.sizedBy };
    return [{ stageId: s.id, stageName: s.name, timesPerMonth: size.timesPerMonth, minutes: size.minutes, share, hoursPerMonth: hours === null ? null : round(hours, 1), ...by }];
  });
  return { shares, stages: sized, totalHoursPerMonth: round(total, 1) };
}

interface Ranked extends RoadmapItem {
  priority: number;
  /** The answers chose it (its `when` is met), rather than a default that fits every business. */
  specific: boolean;
  /** It closes a gap that caps stages now. */
  closesGap: boolean;
  /** The ids of the open gaps it closes. */
  closing: string[];
}

const roadmapItem = ({ priority: _, specific: _s, closesGap: _c, closing: _g, ...item }: Ranked): RoadmapItem => item;

/** A gate the business can close (it has a `fix`) that caps at least one stage now, with the stages it caps. */
export interface OpenGap {
  gate: Gate;
  stages: PlanStage[];
}

/** The gaps to close first: gates with a fix that cap stages, in the set's order. */
export function openGaps(a: { stages: PlanStage[] }, gates: readonly Gate[]): OpenGap[] {
  return gates
    .filter((g) => g.fix !== undefined)
    .flatMap((gate) => {
      const stages = a.stages.filter((s) => s.cappedBy === gate.id);
      return stages.length ? [{ gate, stages }] : [];
    });
}

/** The roadmap's plays in order: see rankedPlays. */
export function rankPlays(a: PlanSubject, input: Pick<PlanInput, "set" | "sizing">, sizing: Sizing | null): RoadmapItem[] {
  return rankedPlays(a, input, sizing, openGaps(a, input.set.gates ?? [])).map(roadmapItem);
}

/**
 * Every play of every stage with a verdict (never one that does not apply or has too little answered), quick wins first:
 *   priority = (fit + volume) / 2 / effort cost x (2 when the answers chose the play, else 1)
 * fit: the stage's score / 100; volume: how many times a month the stage happens against the most frequent sized stage,
 * 0..1 (0.5 when unsized beside sized stages, and for all when none is sized); effort cost: small 1, medium 2, large 4
 * (unstated: medium). Fit and volume add up rather than multiply, so the routine work around a busy person-led stage
 * (booking, reminders) still ranks. A play whose `when` the answers meet is a finding about this business, an
 * unconditional one a default, so it counts double. A play that closes an open gap comes before all. Ties keep the set's
 * order of stages and plays.
 */
function rankedPlays(a: PlanSubject, input: Pick<PlanInput, "set" | "sizing">, sizing: Sizing | null, gaps: readonly OpenGap[]): Ranked[] {
  const open = new Set(gaps.map((g) => g.gate.id));
  const given = Object.fromEntries((a.answers ?? []).flatMap((r) => (r.answer === null ? [] : [[r.questionId, r.answer] as const])));
  const freed = new Map((sizing?.stages ?? []).map((s) => [s.stageId, s.hoursPerMonth]));
  const load = (id: string) => {
    const size = input.sizing?.[id];
    return size ? size.timesPerMonth : undefined;
  };
  const busiest = Math.max(0, ...a.stages.map((s) => load(s.id) ?? 0));
  const items: Ranked[] = [];
  for (const s of a.stages) {
    if (!PLANNED.has(s.verdict) || s.score === null) continue;
    const fit = s.score / 100;
    const times = load(s.id);
    const volume = times === undefined || busiest === 0 ? 0.5 : times / busiest;
    const hours = freed.get(s.id) ?? null;
    const kpis = input.set.kpis.filter((k) => k.stages.includes(s.id) && fits(k, given)).map((k) => k.id);
    for (const p of s.plays) {
      const effort = p.effort ?? "medium";
      const specific = (p.relevance ?? 0) > 0;
      const closing = (p.closes ?? []).filter((id) => open.has(id));
      const closesGap = closing.length > 0;
      const priority = closesGap ? Number.POSITIVE_INFINITY : ((fit + volume) / 2 / EFFORT_COST[effort]) * (specific ? 2 : 1);
      const why = [`${effort} effort`, `stage fit ${s.score} of 100`];
      if (specific) why.push("chosen by your answers");
      if (closesGap) why.push("closes a gap that caps stages now");
      if (hours !== null) why.push(`frees about ${hours} h a month`);
      items.push({
        stageId: s.id,
        stageName: s.name,
        play: p.title,
        automate: p.automate,
        humanPart: p.human,
        effort,
        kpis,
        hoursPerMonth: hours,
        why: why.join(", "),
        priority,
        specific,
        closesGap,
        closing,
      });
    }
  }
  // a stable sort: equal priorities keep the set's order
  return items.sort((x, y) => y.priority - x.priority);
}

/**
 * Quick wins (never a large play, at most two of a stage) in the first 30 days, the next in days 31-60, the rest in 61-90.
 * A play that closes an open gap goes in the first 30 days whatever its effort: until then the gap caps stages.
 */
function phases(ranked: Ranked[], calendar: CampaignSchedule[], start: string): RoadmapPhase[] {
  const first: RoadmapItem[] = [];
  const rest: RoadmapItem[] = [];
  const quick = (item: Ranked) =>
    item.closesGap || (first.length < QUICK_WINS && item.effort !== "large" && first.filter((f) => f.stageId === item.stageId).length < QUICK_PER_STAGE);
  for (const r of ranked) {
    (quick(r) ? first : rest).push(roadmapItem(r));
  }
  const second = rest.slice(0, SECOND_PHASE);
  const third = rest.slice(SECOND_PHASE);
  const due = (from: number, to: number): CampaignTask[] =>
    calendar.flatMap((c) =>
      c.dates
        .filter((d) => (c.every === null ? from === 0 : daysBetween(start, d) > from && daysBetween(start, d) <= to))
        .slice(0, 1)
        .map((date) => ({ campaignId: c.campaignId, name: c.name, every: c.every, date })),
    );
  return [
    { phase: 30, title: "First 30 days: quick wins", from: start, to: addDays(start, 30), items: first, campaigns: due(0, 30) },
    { phase: 60, title: "Days 31 to 60", from: addDays(start, 31), to: addDays(start, 60), items: second, campaigns: due(30, 60) },
    { phase: 90, title: "Days 61 to 90, and after", from: addDays(start, 61), to: addDays(start, 90), items: third, campaigns: due(60, 90) },
  ];
}

/** Each campaign's dates over the plan's first year; a campaign without a cadence is a standing practice from day one. */
export function campaignCalendar(campaigns: QuestionSet["campaigns"], start: string): CampaignSchedule[] {
  return campaigns.map((c) => {
    if (!c.every) return { campaignId: c.id, name: c.name, every: null, dates: [start] };
    const first = addDays(start, FIRST_DUE_DAYS[c.every]);
    const dates: string[] = [];
    for (let n = 0; n < 12 / CADENCE_MONTHS[c.every]; n++) dates.push(addMonths(first, n * CADENCE_MONTHS[c.every]));
    return { campaignId: c.id, name: c.name, every: c.every, dates };
  });
}

/**
 * Three to five things to do first: each open gap (what closes it, the stages it caps), the top plays (one per stage,
 * those your answers chose before the defaults), the close calls, a campaign, the hours.
 */
function summarise(a: PlanSubject, ranked: Ranked[], gaps: readonly OpenGap[], input: PlanInput, sizing: Sizing | null, calendar: CampaignSchedule[]): SummaryItem[] {
  // a team that disagrees strongly talks it through before anything else
  const out: SummaryItem[] = [...(a.check ? [a.check.item] : []), ...gaps.map((g) => gapItem(g, ranked, a.stages.filter((s) => PLANNED.has(s.verdict)).length))];
  // a play the answers chose is a finding about this business; an unconditional one is a default, named only after.
  // A play that closes a gap is named with its gap above.
  const held = new Set(a.check?.stageIds ?? []);
  const candidates = [...ranked.filter((r) => r.specific), ...ranked.filter((r) => !r.specific)].filter((r) => !r.closesGap && !held.has(r.stageId));
  const wins = candidates.filter((w, i) => candidates.findIndex((x) => x.stageId === w.stageId) === i).slice(0, Math.max(a.check ? 2 : 1, 3 - out.length));
  out.push(
    ...wins.map((w) => ({
      text: `${w.stageName}: ${lowerFirst(sentencePart(w.automate))}; then ${lowerFirst(sentencePart(w.humanPart))}.`,
      stageId: w.stageId,
    })),
  );
  // a team's close calls are its disagreements (the check above), not one respondent's flip points
  const edge = (a.check ? undefined : edgeStage(a)) ?? openStages(a, input);
  if (edge) out.push(edge);
  const campaign = calendar.find((c) => c.every !== null) ?? calendar[0];
  if (campaign) {
    const when = campaign.every === null ? "from day one" : `first by ${campaign.dates[0]}, then ${campaign.every === "year" ? "once a year" : `every ${campaign.every}`}`;
    out.push({ text: `Keep ${lowerFirst(campaign.name)} with a person, ${when}, however much else you automate.`, stageId: null });
  }
  if (sizing && sizing.totalHoursPerMonth > 0) {
    const top = [...sizing.stages].sort((x, y) => (y.hoursPerMonth ?? 0) - (x.hoursPerMonth ?? 0))[0];
    const most = top?.hoursPerMonth ? `, most in ${top.stageName} (${top.hoursPerMonth} h)` : "";
    out.push({
      text: `Automation can free about ${sizing.totalHoursPerMonth} hours a month of admin and contact time${most}: spend them on the human parts above.`,
      stageId: null,
    });
  }
  return out.slice(0, 5);
}

/** 'Make a person reachable ...: today nobody is on hand when automation fails, and that caps all 8 stages at Hybrid. ...' */
function gapItem(g: OpenGap, ranked: Ranked[], planned: number): SummaryItem {
  const n = g.stages.length;
  const verdicts = [...new Set(g.stages.map((s) => verdictLabel(s.verdict)))].join(" or ");
  const which = n === planned && n > 2 ? `all ${n} stages` : n === 1 ? g.stages[0]!.name : `${n} stages (${listWords(g.stages.map((s) => s.name))})`;
  const fix = ranked.find((r) => r.closing.includes(g.gate.id));
  const play = fix ? ` Start with "${fix.play}" (${fix.stageName}), first in the roadmap.` : "";
  return {
    text: `${sentencePart(g.gate.fix ?? "")}. Until then, the gap "${gateName(g.gate)}" caps ${which} at ${verdicts}, whatever the scores.${play}`,
    stageId: n === 1 ? g.stages[0]!.id : null,
  };
}

/**
 * The close calls. One stage on the edge (one answer from another verdict): check that answer. Where most stages are,
 * the mark stops telling them apart: say so, and name the answer that decides most of them. A flip through a gate's
 * question is no score near its cut-off: it opens or closes a gate (an open gap is named above).
 */
function edgeStage(a: PlanSubject): SummaryItem | undefined {
  const planned = a.stages.filter((s) => PLANNED.has(s.verdict));
  const edges = planned.filter((s) => s.edge !== undefined && isCloseCall({ edge: s.edge, closeCall: s.closeCall }) && s.flip);
  const question = (id: string) => a.answers?.find((r) => r.questionId === id)?.question ?? id;
  if (edges.length >= 3 && edges.length * 2 > planned.length) {
    const tally = new Map<string, PlanStage[]>();
    for (const s of edges) for (const c of s.flip!.changes) tally.set(c.questionId, [...(tally.get(c.questionId) ?? []), s]);
    const [id, decided] = [...tally.entries()].sort((x, y) => y[1].length - x[1].length)[0]!;
    const decides =
      decided.length > 1
        ? `; one answer decides ${decided.length} of them (${listWords(decided.map((s) => s.name))}): "${question(id)}". Check that answer with the people who do the work.`
        : `. Each stage says which answer would change it: check those with the people who do the work.`;
    return {
      text: `Most verdicts here are close calls: ${edges.length} of ${planned.length} stages are one answer from another verdict, so go by the plays that fit rather than the labels${decides}`,
      stageId: null,
    };
  }
  const flipped = edges[0];
  if (flipped?.flip) {
    const [change] = flipped.flip.changes;
    const asked = change ? ` ("${question(change.questionId)}")` : "";
    return {
      text: `${flipped.name} is one answer from ${verdictLabel(flipped.flip.verdict)}${asked}: check that answer with the people who do the work before automating more there.`,
      stageId: flipped.id,
    };
  }
  return undefined;
}

/**
 * The stages without a verdict, every one named (or "No stage" when none has one), how many of their questions are open
 * (not answered, or "Not sure") and the command that goes on answering them.
 */
function openStages(a: PlanSubject, input: PlanInput): SummaryItem | undefined {
  const open = a.stages.filter((s) => s.verdict === "insufficient");
  if (!open.length) return undefined;
  const unsure = new Set((input.set.scale ?? []).filter((o) => o.counts === "unsure").map((o) => o.value));
  const names = new Set(open.map((s) => s.name));
  const count = (a.answers ?? []).filter((r) => r.stages.some((n) => names.has(n)) && (r.answer === null || unsure.has(r.answer))).length;
  const how = input.resume ? ` (${input.resume})` : "";
  const questions = `${count} question${count === 1 ? " is" : "s are"} open`;
  const them = count === 1 ? "it" : "them";
  if (open.length === a.stages.filter((s) => s.verdict !== "not-applicable").length) {
    return { text: count ? `No stage has a verdict yet: ${questions}; answer ${them}${how}.` : `No stage has a verdict yet: answer more of the questions${how}.`, stageId: null };
  }
  const one = open.length === 1;
  const which = `${listWords(open.map((s) => s.name))} ${one ? "has" : "have"} no verdict yet`;
  return {
    text: count
      ? `${which}: ${questions} there; answer ${them}${how} before planning ${one ? "it" : "them"}.`
      : `${which}: answer ${one ? "its" : "their"} open questions${how} before planning ${one ? "it" : "them"}.`,
    stageId: one ? open[0]!.id : null,
  };
}

const sentencePart = (text: string) => text.trim().replace(/[.!]+$/, "");
// "Send ..." -> "send ...", but an acronym like "IT" stays as written
const lowerFirst = (text: string) => (/^\p{Lu}\p{Ll}/u.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Calendar months later; a day the month lacks (31 February) becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, day] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
