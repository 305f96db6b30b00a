import type { Verdict } from "../model/assessment.js";
import type { QuestionSet } from "../model/question-set.js";
import { TEAM_SCHEMA_VERSION, type Disagreement, type Spread, type TeamAssessment, type TeamRespondent, type TeamStage } from "../model/team-assessment.js";
import { percent, round, scoreFromWeights, verdictFor } from "./score.js";

/** A respondent's answers in a few bytes: per question of the set, in set order, the index of the answer on the scale. */
export interface Respondent extends TeamRespondent {
  client?: string;
  answers: Uint8Array;
}

export const NO_ANSWER = 255;
export const MAX_DISAGREEMENTS = 5;

const VERDICTS: readonly Verdict[] = ["automate", "hybrid", "human", "insufficient"];
const VERDICT_WORDS: Record<Verdict, string> = { automate: "automate", hybrid: "hybrid", human: "keep human", insufficient: "too little answered" };
const KIND = { answer: 0, unsure: 1, "not-applicable": 2 } as const;

interface Compiled {
  scaleIndex: Map<string, number>;
  kinds: number[];
  pulls: number[];
  /** Per stage, its questions as parallel arrays; per stage too, the stage's total weight. */
  stages: { questions: number[]; weights: number[]; human: boolean[]; total: number }[];
}

const compiledSets = new WeakMap<QuestionSet, Compiled>();

function compile(set: QuestionSet): Compiled {
  const cached = compiledSets.get(set);
  if (cached) return cached;
  if (set.scale.length >= NO_ANSWER) throw new RangeError(`a scale of ${set.scale.length} options is too long for a team report`);
  const compiled: Compiled = {
    scaleIndex: new Map(set.scale.map((o, i) => [o.value, i])),
    kinds: set.scale.map((o) => KIND[o.counts]),
    pulls: set.scale.map((o) => o.level ?? 0),
    stages: set.stages.map((stage) => {
      const s = { questions: [] as number[], weights: [] as number[], human: [] as boolean[], total: 0 };
      set.questions.forEach((q, i) => {
        const weight = q.stages[stage.id];
        if (!weight) return;
        s.questions.push(i);
        s.weights.push(weight);
        s.human.push(q.signal === "human");
        s.total += weight;
      });
      return s;
    }),
  };
  compiledSets.set(set, compiled);
  return compiled;
}

/** Answers by question id (values already checked against the scale) as a respondent's compact answers. */
export function encodeAnswers(set: QuestionSet, answers: Readonly<Record<string, string>>): Uint8Array {
  const { scaleIndex } = compile(set);
  return Uint8Array.from(set.questions, (q) => {
    const value = answers[q.id];
    return value === undefined ? NO_ANSWER : (scaleIndex.get(value) ?? NO_ANSWER);
  });
}

export function scaleIndexOf(set: QuestionSet): ReadonlyMap<string, number> {
  return compile(set).scaleIndex;
}

/**
 * A respondent's score, confidence and verdict for one stage: the figures of `assessStage` (same formula, same
 * order of sums, checked equal by a test) without its drivers and reasons, which a team of thousands cannot afford.
 */
export function respondentFigures(set: QuestionSet, stageIndex: number, answers: Uint8Array): { score: number | null; confidence: number; verdict: Verdict } {
  const c = compile(set);
  const stage = c.stages[stageIndex]!;
  let weighted = 0;
  let answeredWeight = 0;
  let openWeight = 0;
  for (let k = 0; k < stage.questions.length; k++) {
    const option = answers[stage.questions[k]!]!;
    const weight = stage.weights[k]!;
    const kind = option === NO_ANSWER ? KIND.unsure : c.kinds[option];
    if (kind === KIND.unsure) openWeight += weight;
    else if (kind === KIND.answer) {
      const level = c.pulls[option]!;
      weighted += weight * (stage.human[k] ? 1 - level : level);
      answeredWeight += weight;
    }
  }
  return scoreFromWeights(weighted, answeredWeight, openWeight, set.thresholds);
}

/** The value at fraction p of sorted numbers, interpolating linearly between neighbours (numpy's default). */
export function quantile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return below + (h - lo) * (above - below);
}

export function median(sorted: readonly number[]): number {
  return quantile(sorted, 0.5);
}

export function spreadOf(sorted: readonly number[]): Spread | null {
  if (!sorted.length) return null;
  const q1 = round(quantile(sorted, 0.25), 1);
  const q3 = round(quantile(sorted, 0.75), 1);
  return { min: sorted[0]!, max: sorted.at(-1)!, q1, q3, iqr: round(q3 - q1, 1) };
}

/** Twice the population standard deviation of answer levels (0..1): 0 when all agree, 1 when split evenly between 0 and 1. */
export function answerSpread(levels: readonly number[]): number {
  if (levels.length < 2) return 0;
  let sum = 0;
  for (const l of levels) sum += l;
  const mean = sum / levels.length;
  let squares = 0;
  for (const l of levels) squares += (l - mean) ** 2;
  return 2 * Math.sqrt(squares / levels.length);
}

/** Respondent names made unique, in order: a repeated name gets " (2)", " (3)"... */
export function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) candidate = `${name} (${n})`;
    used.add(candidate);
    return candidate;
  });
}

/**
 * Scores every respondent and the team, stage by stage. Pure and deterministic; linear in respondents but for a sort per stage.
 *
 * Per stage: the median and spread of the scores of respondents with a verdict of their own; the team's confidence
 * is the mean of their confidences, and its verdict that of the median at that confidence.
 * Per question: spread = 2 × standard deviation of the levels of those who answered it (yes 1, partly 0.5, no 0),
 * weight = sum over its stages of its weight / the stage's total weight; the top `MAX_DISAGREEMENTS` by spread × weight.
 */
export function aggregate(set: QuestionSet, respondents: readonly Respondent[]): TeamAssessment {
  const c = compile(set);
  const names = uniqueNames(respondents.map((r) => r.name));
  const n = respondents.length;
  const figures = set.stages.map((_, si) => respondents.map((r) => respondentFigures(set, si, r.answers)));
  const disputes = questionDisputes(set, c, respondents);

  const stages = set.stages.map((stage, si): TeamStage => {
    const own = figures[si]!;
    const scores: number[] = [];
    const verdicts: Record<Verdict, number> = { automate: 0, hybrid: 0, human: 0, insufficient: 0 };
    let confidenceSum = 0;
    for (const f of own) {
      verdicts[f.verdict]++;
      confidenceSum += f.confidence;
      if (f.verdict !== "insufficient" && f.score !== null) scores.push(f.score);
    }
    scores.sort((a, b) => a - b);
    const mid = scores.length ? round(median(scores), 1) : null;
    const confidence = n ? round(confidenceSum / n, 2) : 0;
    const verdict = verdictFor(mid, confidence, set.thresholds);
    const spread = spreadOf(scores);
    const disputed = mostDisputedIn(si, c, disputes);
    return {
      id: stage.id,
      name: stage.name,
      description: stage.description,
      median: mid,
      spread,
      verdict,
      confidence,
      counted: scores.length,
      verdicts,
      reason: teamReason(
        { verdict, median: mid, spread, confidence, counted: scores.length, total: n, verdicts },
        set,
        disputed === undefined ? undefined : set.questions[disputed]!.text,
      ),
      respondents: own.map((f, i) => ({ name: names[i]!, score: f.score, verdict: f.verdict, confidence: f.confidence })),
      plays: stage.plays,
      kpis: verdict === "automate" || verdict === "hybrid" ? set.kpis.filter((k) => k.stages.includes(stage.id)) : [],
    };
  });

  const top = disputes
    .filter((d) => d.answered >= 2 && d.spread > 0)
    .sort((a, b) => b.disagreement - a.disagreement || b.spread - a.spread || a.index - b.index)
    .slice(0, MAX_DISAGREEMENTS);
  const disagreements = top.map((d): Disagreement => {
    const q = set.questions[d.index]!;
    return {
      questionId: q.id,
      question: q.text,
      stages: set.stages.filter((s) => q.stages[s.id]).map((s) => s.id),
      answered: d.answered,
      spread: round(d.spread, 2),
      weight: round(d.weight, 3),
      disagreement: round(d.disagreement, 3),
      tally: set.scale.map((o, i) => ({ value: o.value, label: o.label, count: d.tally[i]! })),
      unanswered: d.unanswered,
      respondents: respondents.map((r, i) => {
        const option = r.answers[d.index]!;
        return { name: names[i]!, answer: option === NO_ANSWER ? null : set.scale[option]!.value };
      }),
    };
  });

  const client = mostCommon(respondents.map((r) => r.client?.trim()).filter((x): x is string => Boolean(x)));
  return {
    schemaVersion: TEAM_SCHEMA_VERSION,
    kind: "team",
    set: { name: set.set.name, ...(set.set.version ? { version: set.set.version } : {}) },
    ...(client ? { client } : {}),
    thresholds: set.thresholds,
    respondents: respondents.map((r, i) => ({
      name: names[i]!,
      ...(r.role ? { role: r.role } : {}),
      file: r.file,
      ...(r.line !== undefined ? { line: r.line } : {}),
    })),
    stages,
    disagreements,
    campaigns: set.campaigns,
  };
}

interface Dispute {
  index: number;
  answered: number;
  unanswered: number;
  tally: number[];
  spread: number;
  weight: number;
  disagreement: number;
}

function questionDisputes(set: QuestionSet, c: Compiled, respondents: readonly Respondent[]): Dispute[] {
  const stageTotals = new Map(set.stages.map((s, si) => [s.id, c.stages[si]!.total]));
  return set.questions.map((q, index) => {
    const tally = set.scale.map(() => 0);
    const levels: number[] = [];
    let unanswered = 0;
    for (const r of respondents) {
      const option = r.answers[index]!;
      if (option === NO_ANSWER) {
        unanswered++;
        continue;
      }
      tally[option]!++;
      if (c.kinds[option] === KIND.answer) levels.push(c.pulls[option]!);
    }
    let weight = 0;
    for (const [stageId, w] of Object.entries(q.stages)) weight += w / (stageTotals.get(stageId) ?? w);
    const spread = answerSpread(levels);
    return { index, answered: levels.length, unanswered, tally, spread, weight, disagreement: spread * weight };
  });
}

/** The question bearing on a stage that moves its scores apart the most, if any does. */
function mostDisputedIn(stageIndex: number, c: Compiled, disputes: Dispute[]): number | undefined {
  const stage = c.stages[stageIndex]!;
  let best: number | undefined;
  let bestPull = 0;
  stage.questions.forEach((qi, k) => {
    const d = disputes[qi]!;
    const pull = d.answered >= 2 ? d.spread * stage.weights[k]! : 0;
    if (pull > bestPull) [best, bestPull] = [qi, pull];
  });
  return best;
}

interface ReasonFacts {
  verdict: Verdict;
  median: number | null;
  spread: Spread | null;
  confidence: number;
  counted: number;
  total: number;
  verdicts: Record<Verdict, number>;
}

function teamReason(f: ReasonFacts, set: QuestionSet, disputed: string | undefined): string {
  const t = set.thresholds;
  const parts: string[] = [];
  if (f.verdict === "insufficient") {
    parts.push(
      f.counted === 0
        ? `Too little answered to say: no respondent answered enough of this stage for a verdict of their own (team confidence ${percent(f.confidence)}, needs ${percent(t.minConfidence)}).`
        : `Too little answered to say: the team answered ${percent(f.confidence)} of this stage by weight (needs ${percent(t.minConfidence)}); ${count(f.counted)} of ${count(f.total)} respondents answered enough for a verdict of their own.`,
    );
  } else {
    const s = f.spread!;
    const range = s.min === s.max ? `all at ${s.min}` : `from ${s.min} to ${s.max}`;
    parts.push(`Median ${f.median} of ${count(f.counted)} respondent${f.counted === 1 ? "" : "s"}' scores (${range}${f.counted > 3 ? `, middle half ${s.q1} to ${s.q3}` : ""}).`);
    const split = VERDICTS.filter((v) => f.verdicts[v] > 0);
    if (split.length === 1) parts.push(f.total === 1 ? "" : `All ${count(f.total)} reach this verdict on their own.`);
    else {
      parts.push(`Their own verdicts split: ${split.map((v) => `${count(f.verdicts[v])} ${VERDICT_WORDS[v]}`).join(", ")}.`);
      if (f.verdicts[f.verdict] === 0) parts.push("Nobody reaches this verdict on their own: the median falls between opposing views, so talk them through before acting on it.");
      if (disputed !== undefined) parts.push(`Most disputed question here: "${disputed}"`);
    }
  }
  return parts.filter(Boolean).join(" ");
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  for (const v of values) {
    const count = (counts.get(v) ?? 0) + 1;
    counts.set(v, count);
    if (best === undefined || count > counts.get(best)!) best = v;
  }
  return best;
}

const count = (n: number) => n.toLocaleString("en-US");
