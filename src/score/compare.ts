import type { Answers } from "../model/answers.js";
import type { AnswerChange, AnswerValue, Assessment, ComparedSide, Comparison, StageAssessment, StagePoint, StageProgress, TeamAssessment } from "../model/report.js";
import { SCHEMA_VERSION } from "../model/verdict.js";
import type { QuestionSet } from "../model/question-set.js";
import { setLabel } from "../text.js";
import { assessStage, percent } from "./score.js";

/** What compare needs of an assessment; a saved JSON report gives at least this. */
export interface ScoredStages {
  set: Assessment["set"];
  client?: string;
  assessor?: string;
  date?: string;
  thresholds: Assessment["thresholds"];
  stages: (Pick<StageAssessment, "id" | "name" | "score" | "verdict" | "confidence"> & { thresholds?: StageAssessment["thresholds"] })[];
}

/** What a side of a comparison is: one respondent's answers, a saved JSON report, or a team (a folder or a survey CSV). */
export type SideKind = "answers" | "report" | "team";

/** One side of a comparison: an answers file (scored with the question set), a saved JSON report, or a team's medians. */
export interface ProgressInput {
  file: string;
  kind: SideKind;
  /** For a team: how many respondents. */
  respondents?: number;
  assessment: ScoredStages;
  /** Only for an answers file. */
  answers?: Answers;
}

/** Compares two assessments stage by stage, and answer by answer when both come from answers files scored with `set`. Pure. */
export function compare(before: ProgressInput, after: ProgressInput, set?: QuestionSet): Comparison {
  const answerSet = before.answers && after.answers ? set : undefined;
  const changed = answerSet && before.answers && after.answers ? changedQuestions(answerSet, before.answers, after.answers) : [];
  const byId = (input: ProgressInput) => new Map(input.assessment.stages.map((s) => [s.id, s]));
  const then = byId(before);
  const now = byId(after);
  const ids = [...now.keys(), ...[...then.keys()].filter((id) => !now.has(id))];

  const stages = ids.map((id): StageProgress => {
    const b = then.get(id);
    const a = now.get(id);
    const stage = answerSet?.stages.find((s) => s.id === id);
    const cutoffs = a?.thresholds ?? b?.thresholds;
    return {
      id,
      name: (a ?? b)!.name,
      before: b ? point(b) : null,
      after: a ? point(a) : null,
      change: b?.score != null && a?.score != null ? a.score - b.score : null,
      ...(cutoffs ? { thresholds: cutoffs } : {}),
      answers: answerSet && stage && before.answers && after.answers ? answerChanges(answerSet, stage, before.answers, after.answers, changed) : [],
    };
  });

  return {
    kind: "comparison",
    schemaVersion: SCHEMA_VERSION,
    before: side(before),
    after: side(after),
    answerLevel: answerSet !== undefined,
    answersChanged: answerSet ? changed.length : null,
    thresholds: after.assessment.thresholds,
    stages,
    notes: notes(before.assessment, after.assessment),
  };
}

function side(input: ProgressInput): ComparedSide {
  const { set, client, assessor, date } = input.assessment;
  return {
    file: input.file,
    kind: input.kind,
    ...(input.respondents === undefined ? {} : { respondents: input.respondents }),
    set,
    ...(client ? { client } : {}),
    ...(assessor ? { assessor } : {}),
    ...(date ? { date } : {}),
  };
}

/** A team's stages as a side of a comparison: each stage at the team's median and verdict. */
export function teamStages(team: TeamAssessment): ScoredStages {
  return {
    set: team.set,
    ...(team.client ? { client: team.client } : {}),
    thresholds: team.thresholds,
    stages: team.stages.map((s) => ({
      id: s.id,
      name: s.name,
      score: s.median,
      verdict: s.verdict,
      confidence: s.confidence,
      ...(s.thresholds ? { thresholds: s.thresholds } : {}),
    })),
  };
}

function point(s: ScoredStages["stages"][number]): StagePoint {
  return { score: s.score, verdict: s.verdict, confidence: s.confidence };
}

function changedQuestions(set: QuestionSet, before: Answers, after: Answers): string[] {
  return set.questions.filter((q) => before.answers[q.id] !== after.answers[q.id]).map((q) => q.id);
}

function answerChanges(set: QuestionSet, stage: QuestionSet["stages"][number], before: Answers, after: Answers, changed: string[]): AnswerChange[] {
  const scale = new Map(set.scale.map((o) => [o.value, o]));
  const value = (v: string | undefined): AnswerValue | null => (v === undefined ? null : { value: v, label: scale.get(v)?.label ?? v });
  const current: Record<string, string> = { ...before.answers };
  let previous = assessStage(set, stage, { ...before, answers: current }).score;
  const out: AnswerChange[] = [];
  for (const q of set.questions) {
    if (!q.stages[stage.id] || !changed.includes(q.id)) continue;
    const next = after.answers[q.id];
    if (next === undefined) delete current[q.id];
    else current[q.id] = next;
    const score = assessStage(set, stage, { ...before, answers: current }).score;
    out.push({
      questionId: q.id,
      question: q.text,
      signal: q.signal,
      before: value(before.answers[q.id]),
      after: value(next),
      effect: previous === null || score === null ? null : score - previous,
    });
    previous = score;
  }
  return out;
}

function notes(before: ScoredStages, after: ScoredStages): string[] {
  const out: string[] = [];
  if (setLabel(before.set) !== setLabel(after.set)) {
    out.push(`The question sets differ (${setLabel(before.set)} then, ${setLabel(after.set)} now), so the scores may not compare like for like.`);
  }
  const t = (x: Assessment["thresholds"]) => `automate at ${x.automate}, keep human at ${x.human}, confidence ${percent(x.minConfidence)}`;
  if (t(before.thresholds) !== t(after.thresholds)) {
    out.push(`The thresholds differ (${t(before.thresholds)} then; ${t(after.thresholds)} now), so a verdict may change with no change in score.`);
  }
  // a stage's own cut-offs that moved (those that only follow the set's are told above)
  const cut = (x: { automate: number; human: number }) => `${x.human}/${x.automate}`;
  const then = new Map(before.stages.map((s) => [s.id, s]));
  const moved = after.stages.flatMap((a) => {
    const b = then.get(a.id);
    if (!b) return [];
    const [was, is] = [b.thresholds ?? before.thresholds, a.thresholds ?? after.thresholds];
    const own = cut(was) !== cut(before.thresholds) || cut(is) !== cut(after.thresholds);
    return own && cut(was) !== cut(is) ? [`${a.name} ${cut(was)} then, ${cut(is)} now`] : [];
  });
  if (moved.length) out.push(`A stage's own cut-offs (keep human/automate) differ: ${moved.join("; ")}; there a verdict may change with no change in score.`);
  if (before.client && after.client && before.client !== after.client) out.push(`The clients differ: ${before.client} then, ${after.client} now.`);
  return out;
}
