import type { Answers } from "../model/answers.js";
import { type AnswerRecord, ASSESSMENT_SCHEMA_VERSION, type Assessment, type Driver, type StageAssessment, type Verdict } from "../model/assessment.js";
import type { QuestionSet, Stage, Thresholds } from "../model/question-set.js";

const MAX_DRIVERS = 5;

/**
 * Scores every stage of the set from the answers. Pure and deterministic.
 *
 * For a stage, each answered question q with weight w_q and scale level l_q (1 = yes, 0 = no) pulls toward
 * automating by v_q = l_q on an automate question and v_q = 1 - l_q on a human one:
 *   score      = 100 * sum(w_q * v_q) / sum(w_q)                      over answered questions
 *   confidence = sum(w_q, answered) / sum(w_q, answered + unsure + unanswered)   (n/a left out)
 *   effect_q   = 100 * w_q * (v_q - 0.5) / sum(w_q, answered)          (points away from the midpoint, 50)
 */
export function assess(set: QuestionSet, answers: Answers): Assessment {
  return {
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    set: { name: set.set.name, ...(set.set.version ? { version: set.set.version } : {}) },
    ...(answers.client ? { client: answers.client } : {}),
    ...(answers.assessor ? { assessor: answers.assessor } : {}),
    ...(answers.date ? { date: answers.date } : {}),
    thresholds: set.thresholds,
    stages: set.stages.map((stage) => assessStage(set, stage, answers)),
    campaigns: set.campaigns,
    answers: answerRecords(set, answers),
  };
}

/** Every question in the set's order with its answer and note: what the report's appendix lists. */
export function answerRecords(set: QuestionSet, answers: Answers): AnswerRecord[] {
  const scale = new Map(set.scale.map((o) => [o.value, o]));
  const stageNames = new Map(set.stages.map((s) => [s.id, s.name]));
  return set.questions.map((q) => {
    const value = Object.hasOwn(answers.answers, q.id) ? answers.answers[q.id]! : null;
    const note = Object.hasOwn(answers.notes, q.id) ? answers.notes[q.id] : undefined;
    return {
      questionId: q.id,
      question: q.text,
      stages: Object.keys(q.stages).map((id) => stageNames.get(id) ?? id),
      answer: value,
      answerLabel: value === null ? null : (scale.get(value)?.label ?? value),
      ...(note ? { note } : {}),
    };
  });
}

export function assessStage(set: QuestionSet, stage: Stage, answers: Answers): StageAssessment {
  const scale = new Map(set.scale.map((o) => [o.value, o]));
  let weighted = 0;
  let answeredWeight = 0;
  let openWeight = 0;
  const counts = { questions: 0, answered: 0, unsure: 0, notApplicable: 0, unanswered: 0 };
  const pulls: { driver: Omit<Driver, "effect">; weight: number; pull: number }[] = [];

  for (const question of set.questions) {
    const weight = question.stages[stage.id];
    if (!weight) continue;
    counts.questions++;
    const value = answers.answers[question.id];
    const option = value === undefined ? undefined : scale.get(value);
    if (!option) {
      counts.unanswered++;
      openWeight += weight;
    } else if (option.counts === "unsure") {
      counts.unsure++;
      openWeight += weight;
    } else if (option.counts === "not-applicable") {
      counts.notApplicable++;
    } else {
      counts.answered++;
      const level = option.level ?? 0;
      const pull = question.signal === "automate" ? level : 1 - level;
      weighted += weight * pull;
      answeredWeight += weight;
      const note = answers.notes[question.id];
      pulls.push({
        driver: { questionId: question.id, question: question.text, signal: question.signal, answer: option.value, answerLabel: option.label, ...(note ? { note } : {}) },
        weight,
        pull,
      });
    }
  }

  const { score, confidence, verdict } = scoreFromWeights(weighted, answeredWeight, openWeight, set.thresholds);
  const drivers = pulls
    .map(({ driver, weight, pull }) => ({ ...driver, effect: round((100 * weight * (pull - 0.5)) / answeredWeight, 1) }))
    .filter((d) => d.effect !== 0)
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .slice(0, MAX_DRIVERS);

  return {
    id: stage.id,
    name: stage.name,
    description: stage.description,
    score,
    verdict,
    confidence,
    reason: reasonFor(verdict, score, confidence, set.thresholds, drivers, counts),
    drivers,
    counts,
    plays: stage.plays,
    kpis: verdict === "automate" || verdict === "hybrid" ? set.kpis.filter((k) => k.stages.includes(stage.id)) : [],
  };
}

/** The score, confidence and verdict from a stage's weight sums: the formula above, in one place. */
export function scoreFromWeights(weighted: number, answeredWeight: number, openWeight: number, t: Thresholds): { score: number | null; confidence: number; verdict: Verdict } {
  const score = answeredWeight > 0 ? Math.round((100 * weighted) / answeredWeight) : null;
  const total = answeredWeight + openWeight;
  const confidence = total > 0 ? round(answeredWeight / total, 2) : 0;
  return { score, confidence, verdict: verdictFor(score, confidence, t) };
}

export function verdictFor(score: number | null, confidence: number, t: Thresholds): Verdict {
  if (score === null || confidence < t.minConfidence) return "insufficient";
  if (score >= t.automate) return "automate";
  if (score <= t.human) return "human";
  return "hybrid";
}

function reasonFor(verdict: Verdict, score: number | null, confidence: number, t: Thresholds, drivers: Driver[], counts: StageAssessment["counts"]): string {
  if (verdict === "insufficient") {
    const open = counts.unsure + counts.unanswered;
    return `Too little answered to say: ${counts.answered} of ${counts.questions - counts.notApplicable} questions (confidence ${percent(confidence)}, needs ${percent(t.minConfidence)}). Answer the ${open} open or unsure question${open === 1 ? "" : "s"} to get a verdict.`;
  }
  const rule = {
    automate: `at or above ${t.automate}: customers can be served well here without a person in every step`,
    hybrid: `between ${t.human} and ${t.automate}: automate the routine part and keep a person for the rest`,
    human: `at or below ${t.human}: customers need a person here`,
  }[verdict];
  const toward = drivers.find((d) => d.effect > 0);
  const against = drivers.find((d) => d.effect < 0);
  const parts = [`Scores ${score}, ${rule}.`];
  if (toward) parts.push(`Strongest pull toward automating: "${toward.question}" (${toward.answerLabel.toLowerCase()}).`);
  if (against) parts.push(`Strongest pull toward a person: "${against.question}" (${against.answerLabel.toLowerCase()}).`);
  return parts.join(" ");
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
