import type { Answers } from "../model/answers.js";
import type { AnswerRecord, Assessment, Driver, FittingPlay, Flip, FlipVerdict, StageAssessment, Verdict, Warning } from "../model/report.js";
import { SCHEMA_VERSION } from "../model/verdict.js";
import type { AnswerCondition, Gate, QuestionSet, Stage, Thresholds } from "../model/question-set.js";
import { flipPoints } from "./flip.js";
import { type AnswerIndexes, encodeAnswers, NO_ANSWER } from "../model/respondent.js";
import { type PreparedSet, prepareSet, type StageFigures, stageFigures } from "./kernel.js";

const MAX_DRIVERS = 5;
/** A respondent who gives one answer to at least this share of at least STRAIGHT_LINE_MIN questions is flagged. */
export const STRAIGHT_LINE_SHARE = 0.9;
export const STRAIGHT_LINE_MIN = 10;

export interface AssessOptions {
  /** Search each stage's flip points (a single report); off where only the verdicts are wanted. */
  flips?: boolean;
}

/** Scores every stage of the set from the answers (see kernel.ts for the formula). Pure and deterministic. */
export function assess(set: QuestionSet, answers: Answers, options: AssessOptions = {}): Assessment {
  const p = prepareSet(set);
  const indexes = encodeAnswers(set, answers.answers);
  return {
    schemaVersion: SCHEMA_VERSION,
    set: { name: set.set.name, ...(set.set.version ? { version: set.set.version } : {}) },
    ...(answers.client ? { client: answers.client } : {}),
    ...(answers.assessor ? { assessor: answers.assessor } : {}),
    ...(answers.date ? { date: answers.date } : {}),
    ...(answers.note ? { note: answers.note } : {}),
    thresholds: set.thresholds,
    stages: set.stages.map((_, i) => stageAssessment(p, i, answers, indexes, options.flips ?? true)),
    campaigns: set.campaigns,
    warnings: answerWarnings(p, indexes),
    answers: answerRecords(set, answers),
    // filled by the plan as it lands: the things to do first, the roadmap, KPI movement
    summary: [],
    roadmap: [],
    kpiWatch: [],
  };
}

/** One stage's assessment, without flip points (they are searched only for a whole single report). */
export function assessStage(set: QuestionSet, stage: Stage, answers: Answers): StageAssessment {
  const p = prepareSet(set);
  return stageAssessment(p, set.stages.indexOf(stage), answers, encodeAnswers(set, answers.answers), false);
}

function stageAssessment(p: PreparedSet, stageIndex: number, answers: Answers, indexes: AnswerIndexes, withFlips: boolean): StageAssessment {
  const set = p.set;
  const stage = set.stages[stageIndex]!;
  const prepared = p.stages[stageIndex]!;
  const f = stageFigures(p, stageIndex, indexes);
  const counts = { questions: 0, answered: 0, unsure: 0, notApplicable: 0, unanswered: 0 };
  const drivers: Driver[] = [];
  for (const item of prepared.items) {
    const answered = item.questions.filter((q) => indexes[q] !== NO_ANSWER && p.kinds[indexes[q]!] === 0);
    for (const q of item.questions) {
      counts.questions++;
      const option = indexes[q]!;
      if (option === NO_ANSWER) counts.unanswered++;
      else if (p.kinds[option] === 1) counts.unsure++;
      else if (p.kinds[option] === 2) counts.notApplicable++;
      else {
        counts.answered++;
        const question = set.questions[q]!;
        const o = set.scale[option]!;
        const level = o.level ?? 0;
        const v = question.signal === "automate" ? level : 1 - level;
        const note = answers.notes[question.id];
        drivers.push({
          questionId: question.id,
          question: question.text,
          signal: question.signal,
          answer: o.value,
          answerLabel: o.label,
          effect: round((100 * item.weight * (v - 0.5)) / answered.length / prepared.total, 1),
          ...(note ? { note } : {}),
        });
      }
    }
  }
  const top = drivers
    .filter((d) => d.effect !== 0)
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .slice(0, MAX_DRIVERS);
  const gate = f.cappedBy >= 0 ? set.gates[f.cappedBy]! : undefined;
  const floor = f.raisedBy >= 0 ? set.gates[f.raisedBy]! : undefined;
  const points = withFlips ? flipPoints(p, stageIndex, indexes) : { flips: [], search: "exact" as const };
  // a flip through a gate's question is a condition (or a gap to close), not a score near its cut-off
  const gateQuestions = new Set(set.gates.map((g) => g.question));
  const [flip = null, other = null] = points.flips;
  const flipWords = flipText(set, points.flips, points.search, gate);
  return {
    id: stage.id,
    name: stage.name,
    description: stage.description,
    score: f.score,
    verdict: f.verdict,
    thresholds: { automate: prepared.thresholds.automate, human: prepared.thresholds.human },
    confidence: f.confidence,
    reason: reasonFor(f, prepared.thresholds, top, counts, gate, floor),
    drivers: top,
    counts,
    plays: fittingPlays(set, stage, answers.answers),
    kpis: f.verdict === "automate" || f.verdict === "hybrid" ? set.kpis.filter((k) => k.stages.includes(stage.id) && fits(k, answers.answers)) : [],
    ...(stage.risk ? { risk: stage.risk } : {}),
    cappedBy: gate?.id ?? null,
    cappedByName: gate ? gateName(gate) : null,
    raisedBy: floor?.id ?? null,
    raisedByName: floor ? gateName(floor) : null,
    flip,
    flipOtherWay: other,
    flipText: flipWords,
    edge: flip !== null && flip.changes.length === 1,
    closeCall: flip !== null && flip.changes.length === 1 && !flip.changes.some((c) => gateQuestions.has(c.questionId)),
    flipSearch: points.search,
  };
}

const VERDICT_NAMES: Record<FlipVerdict, string> = { automate: "Automate", hybrid: "Hybrid", human: "Keep human" };
const COUNT_WORDS = ["no", "One", "Two", "Three"];

/**
 * Flip points in plain words: 'One answer from Hybrid: "Do ...?" answered No.' On a tie both ways are named.
 * A greedy search says so, since a shorter way may exist. Where the change lifts the gap capping the stage (a gate
 * with a fix), it is a gap to close, not an answer to doubt, and the words say so.
 */
export function flipText(set: QuestionSet, flips: readonly Flip[], search: "exact" | "greedy", cap?: Gate): string | null {
  if (!flips.length) return search === "greedy" ? "A quick search on this long stage found no change of up to three answers that moves the verdict; one may exist." : null;
  const questions = new Map(set.questions.map((q) => [q.id, q.text]));
  const labels = new Map(set.scale.map((o) => [o.value, o.label]));
  const changes = (f: Flip) => f.changes.map((c) => `"${questions.get(c.questionId) ?? c.questionId}" answered ${labels.get(c.answer) ?? c.answer}`).join("; ");
  const n = flips[0]!.changes.length;
  const amount = `${COUNT_WORDS[n] ?? n} answer${n === 1 ? "" : "s"}`;
  const closes = (f: Flip) => cap?.fix !== undefined && f.changes.some((c) => c.questionId === cap.question);
  const text =
    flips.length === 1
      ? `${amount} from ${VERDICT_NAMES[flips[0]!.verdict]}${closes(flips[0]!) ? `, and it is a gap to close, not an answer to doubt (${gateName(cap!)})` : ""}: ${changes(flips[0]!)}.`
      : `${amount} either way: ${flips.map((f) => `${VERDICT_NAMES[f.verdict]} if ${changes(f)}`).join("; or ")}.`;
  return search === "greedy" ? `${text} (Found by a quick search on a long stage; a shorter way may exist.)` : text;
}

/** The verdict of one stage for answers by id: the kernel's, for a flip's round trip and for tools. */
export function stageVerdict(set: QuestionSet, stageId: string, answers: Readonly<Record<string, string>>): Verdict {
  const index = set.stages.findIndex((s) => s.id === stageId);
  return stageFigures(prepareSet(set), index, encodeAnswers(set, answers)).verdict;
}

/** The fewest answer changes that flip each stage's verdict: for plans and tools (a single respondent). */
export function stageFlips(set: QuestionSet, answers: Readonly<Record<string, string>>): Record<string, ReturnType<typeof flipPoints>> {
  const p = prepareSet(set);
  const indexes = encodeAnswers(set, answers);
  return Object.fromEntries(set.stages.map((s, i) => [s.id, flipPoints(p, i, indexes)]));
}

/**
 * The plays of a stage that fit the answers, most relevant first. A play fits unless an answered question of its
 * `when` has another answer, or a question of its `unless` has one of the listed answers. Relevance: the number of
 * `when` conditions the answers meet (an open question neither meets nor breaks one); ties keep the set's order.
 */
export function fittingPlays(set: QuestionSet, stage: Stage, answers: Readonly<Record<string, string>>): FittingPlay[] {
  const ranked: FittingPlay[] = [];
  for (const play of stage.plays) {
    if (fits(play, answers)) ranked.push({ ...play, relevance: Object.keys(play.when ?? {}).filter((id) => meets(play.when, id, answers)).length });
  }
  return ranked
    .map((play, i) => ({ play, i }))
    .sort((a, b) => (b.play.relevance ?? 0) - (a.play.relevance ?? 0) || a.i - b.i)
    .map(({ play }) => play);
}

const meets = (condition: AnswerCondition | undefined, id: string, answers: Readonly<Record<string, string>>) => condition?.[id]?.includes(answers[id] ?? "") ?? false;

/** A play or KPI fits unless an answered question of its `when` has another answer, or a question of its `unless` has a listed one. */
export function fits(item: { when?: AnswerCondition | undefined; unless?: AnswerCondition | undefined }, answers: Readonly<Record<string, string>>): boolean {
  const broken = Object.keys(item.when ?? {}).some((id) => answers[id] !== undefined && !meets(item.when, id, answers));
  return !broken && !Object.keys(item.unless ?? {}).some((id) => meets(item.unless, id, answers));
}

/** Contradicting mirror pairs, and a respondent who gives the same answer to nearly everything. */
export function answerWarnings(p: PreparedSet, answers: AnswerIndexes): Warning[] {
  const set = p.set;
  const warnings: Warning[] = [];
  set.questions.forEach((q, i) => {
    const m = p.mirrorOf[i]!;
    if (m < i) return;
    const a = answers[i]!;
    const b = answers[m]!;
    if (a === NO_ANSWER || b === NO_ANSWER || p.kinds[a] !== 0 || p.kinds[b] !== 0) return;
    // both ends of the scale, and the same end: yes to both sides, or no to both
    if (Math.abs(p.levels[a]! - p.levels[b]!) > 0 || (p.levels[a] !== 0 && p.levels[a] !== 1)) return;
    const other = set.questions[m]!;
    const label = set.scale[a]!.label;
    warnings.push({
      kind: "contradiction",
      questionIds: [q.id, other.id],
      message: `"${q.text}" and "${other.text}" were both answered ${label}, but they ask the same thing from opposite sides. One is probably a slip: check both. Until then half their weight counts as unanswered toward the verdict (it may need more answers); the score is not changed.`,
    });
  });
  const tally = new Map<number, number>();
  let scored = 0;
  for (let i = 0; i < set.questions.length; i++) {
    const a = answers[i]!;
    if (a === NO_ANSWER || p.kinds[a] !== 0) continue;
    scored++;
    tally.set(a, (tally.get(a) ?? 0) + 1);
  }
  const [option, most] = [...tally.entries()].sort((x, y) => y[1] - x[1])[0] ?? [0, 0];
  if (scored >= STRAIGHT_LINE_MIN && most / scored >= STRAIGHT_LINE_SHARE) {
    warnings.push({
      kind: "straight-lining",
      questionIds: [],
      message: `${most} of ${scored} answers are "${set.scale[option]!.label}", including questions that ask the same thing from opposite sides: these answers may have been clicked through without reading. Check them before acting on this report.`,
    });
  }
  return warnings;
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

function reasonFor(f: StageFigures, t: Thresholds, drivers: Driver[], counts: StageAssessment["counts"], gate: Gate | undefined, floor: Gate | undefined): string {
  if (f.verdict === "not-applicable") return "Every question on this stage was answered 'does not apply': this stage is not part of how you work.";
  if (f.verdict === "insufficient") {
    const open = counts.unsure + counts.unanswered + counts.notApplicable;
    return (
      `Too little answered to say: ${counts.answered} of ${counts.questions} questions answered (${percent(f.answeredShare)} of the stage's weight; ` +
      `a verdict needs at least three answers, some on each side, and ${percent(t.minConfidence)}). Answer the ${open} open, unsure or n/a question${open === 1 ? "" : "s"} to get one.`
    );
  }
  const rule = {
    automate: `at or above ${t.automate}: customers can serve themselves here, with a person one step away`,
    hybrid: `between ${t.human} and ${t.automate}: automation does the routine, a person the judgement`,
    human: `at or below ${t.human}: a person leads here, with automation behind the scenes`,
  }[f.uncapped as "automate"];
  const pointsTo = { automate: `automate (${t.automate} or above)`, hybrid: "hybrid", human: `keep human (${t.human} or below)` }[f.uncapped as "automate"];
  const as = (v: string) => (v === "human" ? "keep human" : v);
  const parts =
    f.verdict === f.uncapped
      ? [`Scores ${f.score}, ${rule}.`]
      : // a stage a gate moved never first claims the verdict it does not get
        [
          `Scores ${f.score}, which would point to ${pointsTo}; ` +
            [
              floor ? `the rule "${gateName(floor)}" raises it${gate ? "" : ` to ${as(f.verdict)}`}: ${floor.reason}` : "",
              gate ? `${floor ? " Then " : ""}the gate "${gateName(gate)}" caps it at ${as(f.verdict)}: ${gate.reason}` : "",
            ].join(""),
        ];
  const toward = drivers.find((d) => d.effect > 0);
  const against = drivers.find((d) => d.effect < 0);
  if (toward) parts.push(`Strongest pull toward automating: "${toward.question}" (${toward.answerLabel.toLowerCase()}).`);
  if (against) parts.push(`Strongest pull toward a person: "${against.question}" (${against.answerLabel.toLowerCase()}).`);
  return parts.join(" ");
}

/** A verdict from a score on the thresholds: for a team's median, where the evidence rules were applied per respondent. */
export function verdictFor(score: number | null, confidence: number, t: Thresholds): Verdict {
  if (score === null || confidence < t.minConfidence) return "insufficient";
  if (score >= t.automate) return "automate";
  if (score <= t.human) return "human";
  return "hybrid";
}

/** A gate as a client reads it: its name, else its id in words. */
export function gateName(gate: Pick<Gate, "id" | "name">): string {
  return gate.name ?? gate.id.replaceAll("-", " ");
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
