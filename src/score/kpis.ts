import type { Assessment } from "../model/report.js";
import type { KpiWatch, Reading } from "../model/plan.js";
import type { Kpi, QuestionSet, Tripwire } from "../model/question-set.js";
import { listWords } from "../text.js";
import { round } from "./score.js";

/** One KPI of a log, checked against the set: the id is known, dates and values are sound. */
export interface WatchedKpi {
  id: string;
  owner?: string | null;
  tripwire?: Tripwire | null;
  review?: string | null;
  stages?: string[];
  readings: Reading[];
}

const AUTOMATING = new Set(["automate", "hybrid"]);

/** The stages a KPI log is read against: a report's, or a comparison's later side (a saved report or a team may lack plays). */
export interface WatchedStages {
  stages: { id: string; name: string; verdict: string; plays?: { human: string }[] }[];
}
// Float subtraction leaves dust (91.1 - 89.1 = 2.0000000000000057): a move that equals the tripwire must count as equal.
const EPSILON = 1e-9;

/** The KPIs a log starts with: those watching a stage the assessment puts at Automate or Hybrid, in the set's order. */
export function kpisToWatch(a: Assessment, set: Pick<QuestionSet, "kpis">): { kpi: Kpi; stageIds: string[] }[] {
  // a stage lists the KPIs that fit the answers, and only where it automates
  const watching = (kpi: Kpi) => a.stages.filter((s) => AUTOMATING.has(s.verdict) && s.kpis.some((k) => k.id === kpi.id)).map((s) => s.id);
  return set.kpis.map((kpi) => ({ kpi, stageIds: watching(kpi) })).filter((k) => k.stageIds.length > 0);
}

/**
 * The change from baseline to latest in the tripwire's unit: points (latest - baseline), or percent of the baseline.
 * Null for a percent tripwire on a baseline of 0, which has no percent.
 */
export function changeSince(baseline: number, latest: number, unit: Tripwire["unit"]): number | null {
  if (unit === "points") return latest - baseline;
  if (baseline === 0) return null;
  return ((latest - baseline) / Math.abs(baseline)) * 100;
}

/** Crossed when the move from the baseline, the bad way, reaches the tripwire's size; a move inside it, or the good way, never is. */
export function tripwireCrossed(baseline: number, latest: number, tripwire: Tripwire): boolean {
  const change = changeSince(baseline, latest, tripwire.unit);
  if (change === null) return false;
  const bad = tripwire.direction === "down" ? -change : change;
  return bad >= tripwire.size - EPSILON;
}

/**
 * Each logged KPI's movement since its baseline (the earliest reading), with the alarm when its latest reading is past the
 * tripwire (the log's own, else the set's default). The stages it watches are those the assessment automates (Automate or
 * Hybrid) that the KPI covers, else the ones the log names; the human part to restore is each stage's first play.
 */
export function watchKpis(log: WatchedKpi[], a: WatchedStages, set: Pick<QuestionSet, "kpis">, asOf?: string): KpiWatch[] {
  const kpis = new Map(set.kpis.map((k) => [k.id, k]));
  const stages = new Map(a.stages.map((s) => [s.id, s]));
  return log.map((entry) => {
    const kpi = kpis.get(entry.id);
    const name = kpi?.name ?? entry.id;
    const tripwire = entry.tripwire === undefined ? (kpi?.tripwire ?? null) : entry.tripwire;
    // a reading dated after `asOf` (today) has not happened: counted, a typo'd year would stand in for now and hide an alarm
    const dated = inDateOrder(entry.readings);
    const readings = asOf === undefined ? dated : dated.filter((r) => r.date <= asOf);
    const later = dated.slice(readings.length);
    const first = readings[0];
    const last = readings.at(-1);
    const automated = (kpi?.stages ?? []).filter((id) => AUTOMATING.has(stages.get(id)?.verdict ?? ""));
    const stageIds = automated.length > 0 ? automated : (entry.stages ?? []).filter((id) => stages.has(id));
    const unit = tripwire?.unit ?? "points";
    const rawChange = first && last ? changeSince(first.value, last.value, unit) : null;
    const change = rawChange === null ? null : round(rawChange, unit === "points" ? 4 : 1);
    const alert = Boolean(first && last && readings.length > 1 && tripwire && tripwireCrossed(first.value, last.value, tripwire));
    const restore = alert
      ? stageIds.flatMap((id) => {
          const human = stages.get(id)?.plays?.[0]?.human;
          return human ? [{ stageId: id, humanPart: human }] : [];
        })
      : [];
    const stageNames = stageIds.map((id) => stages.get(id)?.name ?? id);
    return {
      id: entry.id,
      name,
      measure: kpi?.measure ?? null,
      owner: entry.owner?.trim() || null,
      review: entry.review ?? null,
      readings,
      baseline: first?.value ?? null,
      latest: last?.value ?? null,
      change,
      tripwire,
      alert,
      stageIds,
      restore,
      message: message({ name, readings, change, tripwire, alert, stageNames, restore: restore.map((r) => r.humanPart) }) + laterText(later, asOf),
    };
  });
}

/** Readings oldest first (a stable sort: readings of one day keep the log's order); the first is the baseline. */
export function inDateOrder<R extends Reading>(readings: readonly R[]): R[] {
  return [...readings].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

function laterText(later: Reading[], asOf: string | undefined): string {
  if (!later.length || asOf === undefined) return "";
  const which = later.map((r) => `${number(r.value)} on ${r.date}`).join(", ");
  return ` Not counted: ${later.length === 1 ? "a reading" : `${later.length} readings`} dated after ${asOf} (${which}); if a date is a typo, correct it in the log.`;
}

function message(k: { name: string; readings: Reading[]; change: number | null; tripwire: Tripwire | null; alert: boolean; stageNames: string[]; restore: string[] }): string {
  const first = k.readings[0];
  const last = k.readings.at(-1);
  if (!first || !last) return `${k.name}: no readings yet; the first one you add is its baseline.`;
  if (k.readings.length === 1) return `${k.name}: baseline ${number(first.value)} on ${first.date}; no reading since.`;
  const since = `since the baseline (${number(first.value)} on ${first.date}, now ${number(last.value)} on ${last.date})`;
  if (!k.tripwire) return `${k.name} ${moved(k.change, "points")} ${since}; no tripwire is set, so it raises no alarm.`;
  const wire = tripwireText(k.tripwire);
  if (k.change === null) return `${k.name}: a baseline of 0 has no percent change; give this KPI a tripwire in points.`;
  if (!k.alert) return `${k.name} ${moved(k.change, k.tripwire.unit)} ${since}, inside its tripwire (${wire}).`;
  const where = k.stageNames.length ? ` It watches ${listWords(k.stageNames)}` : "";
  const restore = k.restore.length ? `: restore the human part there. ${k.restore.join(" ")}` : ".";
  return `ALARM: ${k.name} ${moved(k.change, k.tripwire.unit)} ${since}, past its tripwire (${wire}).${where}${where ? restore : ""}`;
}

function moved(change: number | null, unit: Tripwire["unit"]): string {
  return change === null || change === 0 ? "is unchanged" : `is ${moveText(change, unit)}`;
}

/** "down 1 point", "up 2.5 points", "down 10 percent": a change as said. */
export function moveText(change: number, unit: Tripwire["unit"]): string {
  const size = Math.abs(change);
  return `${change < 0 ? "down" : "up"} ${number(size)} ${unitWord(size, unit)}`;
}

/** "down 2 points": how far a KPI may move the bad way. */
export const tripwireText = (t: Tripwire) => `${t.direction} ${number(t.size)} ${unitWord(t.size, t.unit)}`;

const unitWord = (size: number, unit: Tripwire["unit"]) => (unit === "percent" ? "%" : size === 1 ? "point" : "points").replace(/^%$/, "percent");

/** A reading as people write it: no trailing zeros, at most two decimals. */
export function number(n: number): string {
  return String(round(n, 2));
}
