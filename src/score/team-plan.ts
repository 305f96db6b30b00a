import type { SummaryItem } from "../model/plan.js";
import type { QuestionSet } from "../model/question-set.js";
import type { TeamAssessment, TeamStage } from "../model/report.js";
import { listWords, verdictLabel } from "../text.js";
import { type PlanInput, type PlanSubject, plan, withPlanParts } from "./plan.js";

/** A stage the team splits on strongly: both ends hold at least this share of those with a verdict of their own. */
export const SPLIT_SHARE = 0.2;
const NAMED_SPLITS = 3;

/**
 * Where the team disagrees strongly, counted from the respondents' own verdicts (no one kept): fewer than half of those
 * with a verdict of their own reach the team's, or Automate and Keep human each hold at least SPLIT_SHARE of them.
 * Most split first (fewest agreeing, then the two ends nearest even).
 */
export function splitStages(stages: readonly TeamStage[]): TeamStage[] {
  const share = (s: TeamStage, v: "automate" | "hybrid" | "human" | TeamStage["verdict"]) => (s.verdicts[v] ?? 0) / s.counted;
  const ends = (s: TeamStage) => Math.min(share(s, "automate"), share(s, "human"));
  return stages
    .filter((s) => s.counted >= 2 && (share(s, s.verdict) < 0.5 || ends(s) >= SPLIT_SHARE))
    .sort((a, b) => share(a, a.verdict) - share(b, b.verdict) || ends(b) - ends(a));
}

/** 'Before acting on Sales call, talk it through: …': the team's strongest disagreement, as the first thing to check. */
export function teamCheck(t: Pick<TeamAssessment, "stages">): { item: SummaryItem; stageIds: string[] } | undefined {
  const split = splitStages(t.stages);
  if (split.length === 0) return undefined;
  const named = split.slice(0, NAMED_SPLITS);
  const more = split.length - named.length;
  const names = listWords([...named.map((s) => s.name), ...(more > 0 ? [`${more} more`] : [])]);
  const worst = named[0]!;
  const own = (["automate", "hybrid", "human"] as const)
    .filter((v) => worst.verdicts[v] > 0)
    .map((v) => `${worst.verdicts[v].toLocaleString("en-US")} ${verdictLabel(v)}`)
    .join(", ");
  const question = worst.disputed;
  const asked = question
    ? ` The question you answer most differently there: "${question.question}" (${question.tally
        .filter((x) => x.count > 0)
        .map((x) => `${x.label} ${x.count.toLocaleString("en-US")}`)
        .join(", ")}).`
    : "";
  const them = named.length + more === 1 ? "it" : "them";
  const item = {
    text: `Before acting on ${names}, talk ${them} through: the team's own verdicts split (${worst.name}: ${own}; the team's verdict is ${verdictLabel(worst.verdict)}).${asked}`,
    stageId: named.length === 1 && more === 0 ? worst.id : null,
  };
  return { item, stageIds: split.map((s) => s.id) };
}

/**
 * The team with the plan a single report has, made by the same functions: from each stage's median and verdict, the plays
 * that fit the team's consensus answers, and the gates those answers close; where the team splits, that comes first.
 */
export function withTeamPlan(t: TeamAssessment, input: PlanInput & { set: Pick<QuestionSet, "questions"> }): TeamAssessment {
  const check = teamCheck(t);
  const stageNames = new Map(t.stages.map((s) => [s.id, s.name]));
  // the team's answers as one respondent's: what the plan reads of them (the KPIs that fit, the open questions)
  const answers = input.set.questions.map((q, i) => {
    const c = t.consensus[i];
    return {
      questionId: q.id,
      question: q.text,
      stages: Object.keys(q.stages).map((id) => stageNames.get(id) ?? id),
      answer: c?.answer ?? null,
      answerLabel: c?.answerLabel ?? null,
    };
  });
  const subject: PlanSubject = {
    stages: t.stages.map((s) => ({
      id: s.id,
      name: s.name,
      verdict: s.verdict,
      score: s.median === null ? null : Math.round(s.median),
      plays: s.plays,
      cappedBy: s.cappedBy ?? null,
    })),
    answers,
    ...(check ? { check } : {}),
  };
  return withPlanParts(t, ["schemaVersion", "kind", "set", "client"], plan(subject, input));
}
