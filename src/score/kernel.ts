import type { Verdict } from "../model/report.js";
import { type AnswerIndexes, NO_ANSWER, scaleIndexOf } from "../model/respondent.js";
import type { QuestionSet, Stage, Thresholds } from "../model/question-set.js";

const DEFAULT_MIN_ANSWERED = 3;

/** A stage's thresholds: its own where it sets them, else the set's. (Here, not beside the set's schema: scoring loads no zod.) */
export function stageThresholds(set: QuestionSet, stage: Stage): Thresholds {
  return stage.thresholds ? { ...set.thresholds, ...stage.thresholds } : set.thresholds;
}

/**
 * The one scoring kernel: a stage's score, confidence and verdict from one respondent's answers, for a single report
 * and for a team of a million alike. Pure, and cheap: no strings, no drivers, no flip search.
 *
 * A stage is a list of items: a question, or a mirror pair (two questions asking the same thing from opposite sides),
 * which weighs once. An item answered on the scale at level l pulls toward automating by v = l (automate signal) or
 * v = 1 - l (human signal); a pair takes the mean of its answered sides. With T the weight of all the stage's items
 * (n/a, unsure and open included) and A the weight of the answered ones:
 *   score      = 50 + 100 * sum(w * (v - 0.5)) / T     i.e. 50 + (raw - 50) * A / T: thin evidence stays near the middle
 *   answered   = A / T
 *   confidence = (A - half the weight of contradicted pairs) / T
 * The verdict follows from the score and the stage's cut-offs, then the set's gates: a floor raises it to at least its
 * limit, a cap lowers it to at most its limit, and a cap wins where both apply.
 */

const KIND = { answer: 0, unsure: 1, "not-applicable": 2 } as const;
export const VERDICT_ORDER: Readonly<Record<"automate" | "hybrid" | "human", number>> = { automate: 0, hybrid: 1, human: 2 };

export interface PreparedItem {
  /** One question, or the two of a mirror pair: indexes into set.questions. */
  questions: number[];
  human: boolean[];
  weight: number;
}

export interface PreparedGate {
  index: number;
  question: number;
  /** Per scale option: does this answer trigger the gate? */
  triggers: boolean[];
  /** cap: the most automated verdict allowed; floor: the least. */
  kind: "cap" | "floor";
  limit: "automate" | "hybrid" | "human";
}

export interface PreparedStage {
  thresholds: Thresholds;
  items: PreparedItem[];
  total: number;
  gates: PreparedGate[];
  /** Every question that can change this stage's verdict: its items' and its gates' questions, in set order. */
  questions: number[];
}

export interface PreparedSet {
  set: QuestionSet;
  scaleIndex: ReadonlyMap<string, number>;
  kinds: number[];
  levels: number[];
  stages: PreparedStage[];
  /** Question index -> the index of its mirror, or -1. */
  mirrorOf: number[];
}

export interface StageFigures {
  score: number | null;
  confidence: number;
  answeredShare: number;
  verdict: Verdict;
  /** The verdict before any gate: what the answers alone say. */
  uncapped: Verdict;
  /** Index into set.gates of the gate that capped the verdict, or -1. */
  cappedBy: number;
  /** Index into set.gates of the floor that raised the verdict above what the answers alone say, or -1. */
  raisedBy: number;
  answeredItems: number;
  /** Question indexes of mirror pairs answered both ways at once (yes/yes or no/no): two per pair. */
  contradictions: number[];
}

const prepared = new WeakMap<QuestionSet, PreparedSet>();

/** The set as the kernel reads it; made once per set object and kept. */
export function prepareSet(set: QuestionSet): PreparedSet {
  const cached = prepared.get(set);
  if (cached) return cached;
  if (set.scale.length >= NO_ANSWER) throw new RangeError(`a scale of ${set.scale.length} options is too long`);
  const index = new Map(set.questions.map((q, i) => [q.id, i]));
  const mirrorOf = set.questions.map(() => -1);
  set.questions.forEach((q, i) => {
    const other = q.mirrors === undefined ? undefined : index.get(q.mirrors);
    if (other !== undefined && other !== i) {
      mirrorOf[i] = other;
      mirrorOf[other] = i;
    }
  });
  const scaleIndex = scaleIndexOf(set);
  const gates = (set.gates ?? []).map((g, gi) => ({
    gate: g,
    prepared: {
      index: gi,
      question: index.get(g.question) ?? -1,
      triggers: set.scale.map((o) => g.answers.includes(o.value)),
      kind: g.cap === undefined ? ("floor" as const) : ("cap" as const),
      limit: g.cap ?? g.floor ?? "hybrid",
    },
  }));
  const result: PreparedSet = {
    set,
    scaleIndex,
    kinds: set.scale.map((o) => KIND[o.counts]),
    levels: set.scale.map((o) => o.level ?? 0),
    mirrorOf,
    stages: set.stages.map((stage) => {
      const items: PreparedItem[] = [];
      const seen = new Set<number>();
      set.questions.forEach((q, i) => {
        const weight = q.stages[stage.id];
        if (!weight || seen.has(i)) return;
        const m = mirrorOf[i]!;
        const mirrorWeight = m >= 0 ? set.questions[m]!.stages[stage.id] : undefined;
        if (m >= 0 && mirrorWeight) {
          seen.add(m);
          // the pair weighs once (the loader sees that both sides weigh the same)
          items.push({ questions: [i, m], human: [q.signal === "human", set.questions[m]!.signal === "human"], weight: Math.max(weight, mirrorWeight) });
        } else items.push({ questions: [i], human: [q.signal === "human"], weight });
      });
      const stageGates = gates.filter((g) => g.gate.stages.includes(stage.id) && g.prepared.question >= 0).map((g) => g.prepared);
      const questions = [...new Set([...items.flatMap((it) => it.questions), ...stageGates.map((g) => g.question)])].sort((a, b) => a - b);
      return { thresholds: stageThresholds(set, stage), items, total: items.reduce((sum, it) => sum + it.weight, 0), gates: stageGates, questions };
    }),
  };
  prepared.set(set, result);
  return result;
}

/** One stage's figures for one respondent: the formula above, the evidence rules, then the gates. */
export function stageFigures(p: PreparedSet, stageIndex: number, answers: AnswerIndexes): StageFigures {
  const stage = p.stages[stageIndex]!;
  const t = stage.thresholds;
  let pull = 0;
  let answeredWeight = 0;
  let contradictedWeight = 0;
  let answeredItems = 0;
  let naItems = 0;
  let automateSide = false;
  let humanSide = false;
  let contradictions: number[] | undefined;
  for (const item of stage.items) {
    let sum = 0;
    let n = 0;
    let na = 0;
    let first = -1;
    for (let k = 0; k < item.questions.length; k++) {
      const option = answers[item.questions[k]!]!;
      const kind = option === NO_ANSWER || option === undefined ? KIND.unsure : p.kinds[option];
      if (kind === KIND.answer) {
        const level = p.levels[option]!;
        const v = item.human[k] ? 1 - level : level;
        if (n === 1 && Math.abs(v - first) >= 1) {
          contradictedWeight += item.weight;
          contradictions ??= [];
          contradictions.push(...item.questions);
        }
        first = v;
        sum += v;
        n++;
        if (item.human[k]) humanSide = true;
        else automateSide = true;
      } else if (kind === KIND["not-applicable"]) na++;
    }
    if (n > 0) {
      answeredItems++;
      answeredWeight += item.weight;
      pull += item.weight * (sum / n - 0.5);
    } else if (na === item.questions.length) naItems++;
  }
  const total = stage.total;
  const answeredShare = total > 0 ? answeredWeight / total : 0;
  const confidence = total > 0 ? round2((answeredWeight - contradictedWeight / 2) / total) : 0;
  const figures: StageFigures = {
    score: answeredItems > 0 ? Math.round(50 + (100 * pull) / total) : null,
    confidence,
    answeredShare: round2(answeredShare),
    verdict: "insufficient",
    uncapped: "insufficient",
    cappedBy: -1,
    raisedBy: -1,
    answeredItems,
    contradictions: contradictions ?? [],
  };
  if (naItems === stage.items.length) {
    figures.verdict = figures.uncapped = "not-applicable";
    return figures;
  }
  // evidence rule: three answered, both sides heard, and enough of the stage's weight answered
  if (answeredItems < (t.minAnswered ?? DEFAULT_MIN_ANSWERED) || !automateSide || !humanSide || answeredShare < t.minConfidence || figures.score === null) return figures;
  const uncapped: Verdict = figures.score >= t.automate ? "automate" : figures.score <= t.human ? "human" : "hybrid";
  figures.verdict = figures.uncapped = uncapped;
  const gated = gatedVerdict(stage, uncapped, answers);
  figures.verdict = gated.verdict;
  figures.cappedBy = gated.cappedBy;
  figures.raisedBy = gated.raisedBy;
  return figures;
}

export interface GatedVerdict {
  verdict: "automate" | "hybrid" | "human";
  /** Indexes into set.gates of the cap that lowered and the floor that raised the verdict, or -1. */
  cappedBy: number;
  raisedBy: number;
}

/**
 * A stage's gates applied to the verdict its score gives, for one respondent's answers or a team's median answers.
 * Floors first, then caps: where a floor and a cap disagree, the cap (the customer's safety) wins.
 */
export function gatedVerdict(stage: PreparedStage, uncapped: "automate" | "hybrid" | "human", answers: AnswerIndexes): GatedVerdict {
  let raised = uncapped;
  let floor = -1;
  let cap = -1;
  let verdict = uncapped;
  for (const kind of ["floor", "cap"] as const) {
    for (const gate of stage.gates) {
      if (gate.kind !== kind) continue;
      const option = answers[gate.question]!;
      if (option === NO_ANSWER || option === undefined || !gate.triggers[option]) continue;
      if (kind === "floor" && VERDICT_ORDER[gate.limit] < VERDICT_ORDER[raised]) {
        raised = verdict = gate.limit;
        floor = gate.index;
      }
      if (kind === "cap" && VERDICT_ORDER[gate.limit] > VERDICT_ORDER[verdict]) {
        verdict = gate.limit;
        cap = gate.index;
      }
    }
  }
  // a gate is named only where it moved the verdict from the answers' own: a floor a cap took back is not
  return { verdict, cappedBy: verdict === uncapped ? -1 : cap, raisedBy: VERDICT_ORDER[verdict] < VERDICT_ORDER[uncapped] ? floor : -1 };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
