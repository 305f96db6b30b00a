import type { StageSize } from "../model/answers.js";
import type { Assessment, StageAssessment } from "../model/report.js";
import type { CampaignSchedule, CampaignTask, Plan, RoadmapItem, RoadmapPhase, Sizing, SummaryItem } from "../model/plan.js";

import type { AutomatableShare, Cadence, Effort, QuestionSet } from "../model/question-set.js";
import { verdictLabel } from "../text.js";
import { round } from "./score.js";

/** What the plan needs besides the assessment: the set's declarations, the answers' sizing, and day one. */
export interface PlanInput {
  set: Pick<QuestionSet, "kpis" | "campaigns" | "automatableShare">;
  sizing?: Record<string, StageSize>;
  /** Day one, YYYY-MM-DD. */
  start: string;
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

export function plan(a: Assessment, input: PlanInput): Plan {
  const shares = input.set.automatableShare ?? DEFAULT_AUTOMATABLE_SHARE;
  const sizing = sizeStages(a.stages, input.sizing, shares);
  const ranked = rankPlays(a, input, sizing);
  const calendar = campaignCalendar(input.set.campaigns, input.start);
  const roadmap = phases(ranked, calendar, input.start);
  return { start: input.start, summary: summarise(a, roadmap, sizing, calendar), sizing, roadmap, calendar };
}

/** The assessment with its plan: the summary near the top, the sizing, roadmap and calendar after the stages. */
export function withPlan(a: Assessment, input: PlanInput): Assessment {
  const p = plan(a, input);
  const { schemaVersion, set, client, assessor, date, summary: _empty, roadmap: _none, ...rest } = a;
  return {
    schemaVersion,
    set,
    ...(client !== undefined ? { client } : {}),
    ...(assessor !== undefined ? { assessor } : {}),
    ...(date !== undefined ? { date } : {}),
    summary: p.summary,
    ...rest,
    planStart: p.start,
    sizing: p.sizing,
    roadmap: p.roadmap,
    calendar: p.calendar,
  };
}

/** The automatable share for a verdict: declared per verdict in the set; 0 for a stage that does not apply, null without a verdict. */
export function shareFor(verdict: string, shares: AutomatableShare): number | null {
  if (verdict === "automate" || verdict === "hybrid" || verdict === "human") return shares[verdict];
  if (verdict === "not-applicable") return 0;
  return null;
}

/** Hours freed a month, per sized stage: times a month x minutes / 60 x the verdict's automatable share. Null when nothing is sized. */
export function sizeStages(stages: StageAssessment[], sizes: Record<string, StageSize> | undefined, shares: AutomatableShare): Sizing | null {
  if (!sizes || Object.keys(sizes).length === 0) return null;
  let total = 0;
  const sized = stages.flatMap((s) => {
    const size = sizes[s.id];
    if (!size) return [];
    const share = shareFor(s.verdict, shares);
    const hours = share === null ? null : (size.timesPerMonth * size.minutes * share) / 60;
    if (hours !== null) total += hours;
    return [{ stageId: s.id, stageName: s.name, timesPerMonth: size.timesPerMonth, minutes: size.minutes, share, hoursPerMonth: hours === null ? null : round(hours, 1) }];
  });
  return { shares, stages: sized, totalHoursPerMonth: round(total, 1) };
}

interface Ranked extends RoadmapItem {
  priority: number;
}

/**
 * Every play of every stage with a verdict (never one that does not apply or has too little answered), quick wins first:
 *   priority = (fit + volume) / 2 / effort cost
 * fit: the stage's score / 100; volume: how many times a month the stage happens against the most frequent sized stage,
 * 0..1 (0.5 when unsized beside sized stages, and for all when none is sized); effort cost: small 1, medium 2, large 4
 * (unstated: medium). Fit and volume add up rather than multiply, so the routine work around a busy person-led stage
 * (booking, reminders) still ranks. Ties keep the set's order of stages and plays.
 */
export function rankPlays(a: Assessment, input: Pick<PlanInput, "set" | "sizing">, sizing: Sizing | null): RoadmapItem[] {
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
    const kpis = input.set.kpis.filter((k) => k.stages.includes(s.id)).map((k) => k.id);
    for (const p of s.plays) {
      const effort = p.effort ?? "medium";
      const priority = (fit + volume) / 2 / EFFORT_COST[effort];
      const why = [`${effort} effort`, `stage fit ${s.score} of 100`];
      if (hours !== null) why.push(`frees about ${hours} h a month`);
      items.push({ stageId: s.id, stageName: s.name, play: p.title, automate: p.automate, humanPart: p.human, effort, kpis, hoursPerMonth: hours, why: why.join(", "), priority });
    }
  }
  // a stable sort: equal priorities keep the set's order
  return items.sort((x, y) => y.priority - x.priority).map(({ priority: _, ...item }) => item);
}

/** Quick wins (never a large play, at most two of a stage) in the first 30 days, the next in days 31-60, the rest in 61-90. */
function phases(ranked: RoadmapItem[], calendar: CampaignSchedule[], start: string): RoadmapPhase[] {
  const first: RoadmapItem[] = [];
  const rest: RoadmapItem[] = [];
  const quick = (item: RoadmapItem) => first.length < QUICK_WINS && item.effort !== "large" && first.filter((f) => f.stageId === item.stageId).length < QUICK_PER_STAGE;
  for (const item of ranked) (quick(item) ? first : rest).push(item);
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

/** Three to five things to do first: the top quick wins, a stage on the edge or without a verdict, a campaign, the hours. */
function summarise(a: Assessment, roadmap: RoadmapPhase[], sizing: Sizing | null, calendar: CampaignSchedule[]): SummaryItem[] {
  // the top quick wins, one per stage, so the first things to do are not three plays of one stage
  const items = roadmap.flatMap((p) => p.items);
  const wins = items.filter((w, i) => items.findIndex((x) => x.stageId === w.stageId) === i).slice(0, 3);
  const out: SummaryItem[] = wins.map((w) => ({
    text: `${w.stageName}: ${lowerFirst(sentencePart(w.automate))}; then ${lowerFirst(sentencePart(w.humanPart))}.`,
    stageId: w.stageId,
  }));
  const edge = edgeStage(a);
  if (edge) out.push(edge);
  const campaign = calendar.find((c) => c.every !== null) ?? calendar[0];
  if (campaign) {
    const when = campaign.every === null ? "from day one" : `first by ${campaign.dates[0]}, then ${campaign.every === "year" ? "once a year" : `every ${campaign.every}`}`;
    out.push({ text: `Keep ${lowerFirst(campaign.name)} with a person, ${when}, however much else you automate.`, stageId: null });
  }
  if (sizing && sizing.totalHoursPerMonth > 0) {
    const top = [...sizing.stages].sort((x, y) => (y.hoursPerMonth ?? 0) - (x.hoursPerMonth ?? 0))[0];
    const most = top?.hoursPerMonth ? `, most in ${top.stageName} (${top.hoursPerMonth} h)` : "";
    out.push({ text: `Automation can free about ${sizing.totalHoursPerMonth} hours a month${most}: spend them on the human parts above.`, stageId: null });
  }
  return out.slice(0, 5);
}

/** A stage on the edge, one answer from another verdict (its flip point says which); else the first stage without a verdict. */
function edgeStage(a: Assessment): SummaryItem | undefined {
  const flipped = a.stages.find((s) => PLANNED.has(s.verdict) && s.edge && s.flip);
  if (flipped?.flip) {
    const [change] = flipped.flip.changes;
    const question = change ? ` ("${a.answers?.find((r) => r.questionId === change.questionId)?.question ?? change.questionId}")` : "";
    return {
      text: `${flipped.name} is one answer from ${verdictLabel(flipped.flip.verdict)}${question}: check that answer with the people who do the work before automating more there.`,
      stageId: flipped.id,
    };
  }
  const open = a.stages.find((s) => s.verdict === "insufficient");
  if (open) return { text: `${open.name} has no verdict yet: answer its open questions before planning it.`, stageId: open.id };
  return undefined;
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
