import { Document, isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from "yaml";
import { byPosition, type Problem, problemsOf } from "../errors.js";
import { KpiLogFile } from "../model/kpi-log.js";
import type { Kpi, QuestionSet } from "../model/question-set.js";
import type { KpiWatch } from "../model/plan.js";
import { type WatchedKpi, type WatchedStages, watchKpis } from "../score/kpis.js";
import { didYouMean } from "../suggest.js";
import { shellQuote } from "../text.js";
import { parseSource, readSource, type Source } from "./source.js";

export interface LoadedKpiLog {
  client?: string;
  kpis: WatchedKpi[];
}

/** Reads a KPI log and checks it against the set: every problem (unknown KPI ids, bad dates, non-numbers) at its FILE:LINE:COL. */
export async function readKpiLog(file: string, set: Pick<QuestionSet, "kpis">): Promise<{ log?: LoadedKpiLog; problems: Problem[] }> {
  const read = await readSource(file);
  if (!read.value) return problemsOf(read);
  return checkKpiLog(read.value, set);
}

export function parseKpiLog(file: string, text: string, set: Pick<QuestionSet, "kpis">): { log?: LoadedKpiLog; problems: Problem[] } {
  const read = parseSource(file, text);
  if (!read.value) return problemsOf(read);
  return checkKpiLog(read.value, set);
}

function checkKpiLog(source: Source, set: Pick<QuestionSet, "kpis">): { log?: LoadedKpiLog; problems: Problem[] } {
  const ids = set.kpis.map((k) => k.id);
  const problems: Problem[] = [];
  // an answers file given by mistake: said once, with the way to start a log from it, not as a list of missing keys
  const data = source.data as Record<string, unknown> | null;
  if (data !== null && typeof data === "object" && !Array.isArray(data) && !Object.hasOwn(data, "kpis") && Object.hasOwn(data, "answers")) {
    return { problems: [{ file: source.file, message: `is an answers file, not a KPI log; start a log from it with: automation-fit kpis init ${shellQuote(source.file)}` }] };
  }
  // unknown ids are named beside any other problem, so one run lists them all
  const logged = source.data.kpis;
  if (logged !== null && typeof logged === "object" && !Array.isArray(logged)) {
    for (const id of Object.keys(logged)) {
      if (!ids.includes(id))
        problems.push(source.problem(["kpis", id], `unknown KPI id '${id}'${didYouMean(id, ids) || `; the question set's KPIs are: ${ids.join(", ")}`}`, true));
    }
  }
  const parsed = KpiLogFile.safeParse(source.data);
  if (!parsed.success) problems.push(...source.zodProblems(parsed.error, KpiLogFile));
  if (problems.length || !parsed.success) return { problems: problems.sort(byPosition) };
  const kpis: WatchedKpi[] = Object.entries(parsed.data.kpis).map(([id, entry]) => ({
    id,
    readings: (entry?.readings ?? []).map((r) => ({ date: r.date, value: r.value })),
    ...(entry?.owner !== undefined ? { owner: entry.owner } : {}),
    ...(entry?.tripwire !== undefined ? { tripwire: entry.tripwire } : {}),
    ...(entry?.review !== undefined ? { review: entry.review } : {}),
    ...(entry?.stages ? { stages: entry.stages } : {}),
  }));
  return { log: { ...(parsed.data.client ? { client: parsed.data.client } : {}), kpis }, problems: [] };
}

/** A KPI log's movement since the baselines, read against these stages; the log's problems come back, not thrown. */
export async function loadKpiWatch(file: string, set: Pick<QuestionSet, "kpis">, against: WatchedStages, asOf?: string): Promise<{ value?: KpiWatch[]; problems: Problem[] }> {
  const { log, problems } = await readKpiLog(file, set);
  return log ? { value: watchKpis(log.kpis, against, set, asOf), problems: [] } : { problems };
}

const HEADER = (file: string, example: string) =>
  [
    ` KPI log: the customer KPIs that watch the stages you automate.`,
    ` Add a reading (the first of each KPI is its baseline):`,
    `   automation-fit kpis add ${file} ${example} VALUE [--date YYYY-MM-DD]`,
    ` See how they moved: automation-fit report ANSWERS --kpis ${file}`,
    ` Edit by hand as you like (owner, tripwire, review, readings): comments and keys of your own are kept.`,
    ` A tripwire says how far a KPI may move the bad way from its baseline before the alarm: in points of its`,
    ` own measure, or in percent of the baseline.`,
  ].join("\n");

/** A new log's text: per KPI its name, measure, the stages it watches, owner, the set's tripwire, a review date and no readings. */
export function kpiLogText(file: string, kpis: { kpi: Kpi; stageIds: string[] }[], meta: { client?: string; created: string; review: string }): string {
  const doc = new Document({});
  doc.commentBefore = HEADER(file.replace(/\s/g, "\\ "), kpis[0]?.kpi.id ?? "KPI-ID");
  if (meta.client) doc.set("client", meta.client);
  doc.set("created", meta.created);
  const map = doc.createNode({}) as YAMLMap;
  for (const { kpi, stageIds } of kpis) {
    const entry = doc.createNode({
      name: kpi.name,
      ...(kpi.measure ? { measure: kpi.measure } : {}),
      stages: stageIds,
      owner: "",
      tripwire: kpi.tripwire ?? null,
      review: meta.review,
      readings: [],
    }) as YAMLMap;
    for (const key of ["stages", "tripwire", "readings"]) {
      const node = entry.get(key, true);
      if (isMap(node) || isSeq(node)) node.flow = true;
    }
    const owner = entry.items.find((p) => (p.key as { value?: unknown })?.value === "owner");
    if (owner) (owner.value as { comment?: string }).comment = " who reads it each month and acts on an alarm";
    map.set(kpi.id, entry);
  }
  doc.set("kpis", map);
  return doc.toString({ lineWidth: 0 });
}

/**
 * The log's text with one reading added to a KPI's readings, in date order (after readings of the same day): the log reads
 * oldest first, its first reading the baseline. Comments, layout and unknown keys stay as they are.
 */
export function appendReading(text: string, id: string, reading: { date: string; value: number }): string {
  const doc = parseDocument(text.replace(/^\uFEFF/, ""));
  const item = doc.createNode(reading);
  item.flow = true;
  const readings = doc.getIn(["kpis", id, "readings"], true);
  if (isSeq(readings)) {
    // a hand-made `readings: []` grows into a block list, a reading a line
    readings.flow = false;
    const later = readings.items.findIndex((r) => isMap(r) && String(r.get("date")) > reading.date);
    if (later === -1) readings.add(item);
    else readings.items.splice(later, 0, item);
  } else {
    const entry = doc.getIn(["kpis", id], true);
    const list = new YAMLSeq();
    list.add(item);
    if (isMap(entry)) entry.set("readings", list);
    else {
      const fresh = new YAMLMap();
      fresh.set("readings", list);
      doc.setIn(["kpis", id], fresh);
    }
  }
  return doc.toString({ lineWidth: 0 });
}
