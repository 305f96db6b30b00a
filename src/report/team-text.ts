import type { Disagreement, Spread, TeamAssessment, TeamRespondent, TeamStage, TeamStageRespondent } from "../model/report.js";

/** Up to this many respondents, reports show each one's scores and answers; above it, how they are distributed. */
export const SMALL_TEAM = 8;
const LEAST_AGREEMENT = 3;

export const isSmallTeam = (t: TeamAssessment) => t.respondentsListed && t.respondentCount <= SMALL_TEAM;

/** 1234 -> "1,234"; 57.5 stays "57.5". */
export function num(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 1 });
}

export function range(s: Spread | null): string {
  return s ? (s.min === s.max ? String(s.min) : `${s.min}–${s.max}`) : "–";
}

/** The middle half (q1–q3), rounded to whole points for reading. */
export function middleHalf(s: Spread | null): string {
  if (!s) return "–";
  const [q1, q3] = [Math.round(s.q1), Math.round(s.q3)];
  return q1 === q3 ? String(q1) : `${q1}–${q3}`;
}

/** How many of the respondents with a verdict of their own reach the team's: "2/3" for a small team, "67%" else. */
export function agreement(s: TeamStage, small: boolean): string {
  if (s.verdict === "insufficient" || s.counted === 0) return "–";
  const agree = s.verdicts[s.verdict];
  return small ? `${agree}/${s.counted}` : `${Math.round((100 * agree) / s.counted)}%`;
}

/** Stages where respondents' own verdicts differ from the team's, fewest agreeing first, then widest spread. */
export function leastAgreement(t: TeamAssessment): TeamStage[] {
  const share = (s: TeamStage) => s.verdicts[s.verdict] / s.counted;
  const width = (s: TeamStage) => (isSmallTeam(t) ? s.spread!.max - s.spread!.min : s.spread!.iqr);
  return t.stages
    .filter((s) => s.verdict !== "insufficient" && s.counted > 1 && share(s) < 1)
    .sort((a, b) => share(a) - share(b) || width(b) - width(a))
    .slice(0, LEAST_AGREEMENT);
}

export function respondentLabel(r: TeamRespondent): string {
  return r.role ? `${r.name} (${r.role})` : r.name;
}

/** The listed respondents' own figures for a stage of the team (by its index). */
export function stageRespondents(t: TeamAssessment, stageIndex: number): TeamStageRespondent[] {
  return t.respondents.map((r) => r.stages[stageIndex]!);
}

/** Each listed respondent's answer to a disputed question. */
export function disputedAnswers(t: TeamAssessment, d: Disagreement): { respondent: TeamRespondent; answer: string | null }[] {
  return t.respondents.map((respondent) => ({ respondent, answer: respondent.answers[d.questionId] ?? null }));
}

export function answerLabel(d: Disagreement, value: string | null): string {
  return value === null ? "not answered" : (d.tally.find((t) => t.value === value)?.label ?? value);
}

/** "Yes 4,210 · Partly 3,002 · No 2,788 · not answered 12": the answers given, in scale order. */
export function tallyText(d: Disagreement): string {
  const parts = d.tally.filter((t) => t.count > 0).map((t) => `${t.label} ${num(t.count)}`);
  if (d.unanswered > 0) parts.push(`not answered ${num(d.unanswered)}`);
  return parts.join(" · ");
}

export function stageNames(t: TeamAssessment, ids: readonly string[]): string[] {
  return ids.map((id) => t.stages.find((s) => s.id === id)?.name ?? id);
}

/** "3 respondents" / "10,000 respondents from 2 files". */
export function teamSize(t: TeamAssessment): string {
  const n = t.respondentCount;
  const files = t.fileCount;
  const who = `${num(n)} respondent${n === 1 ? "" : "s"}`;
  return files === n ? who : `${who} from ${num(files)} file${files === 1 ? "" : "s"}`;
}

/** How many respondents answered enough of a stage for a verdict of their own: "2 of 3". */
export function answeredBy(s: TeamStage, t: TeamAssessment): string {
  return `${num(s.counted)} of ${num(t.respondentCount)}`;
}

/** What the Answered and Agree columns mean, said once beside the team summary. */
export function columnsExplained(small: boolean): string {
  return (
    'Answered: the respondents who answered enough of the stage for a verdict of their own ("Not sure" and "Does not apply" are not answers). ' +
    (small
      ? "Agree: how many of those reach the team's verdict (2/2 beside 2 of 3 answered: both who answered enough agree; the third answered too little)."
      : "Agree: the share of those whose own verdict is the team's.")
  );
}

export function stageFigures(s: TeamStage, small: boolean): string {
  if (s.median === null) return "no median";
  return small ? `median ${num(s.median)}, range ${range(s.spread)}` : `median ${num(s.median)}, middle half ${middleHalf(s.spread)}`;
}

/** Said once beside a team's plan: what its plays and gates go by. */
export const CONSENSUS_NOTE =
  "The plan follows the team: each stage's verdict is that of its median score, and the plays and gates go by the team's answer to each question: its median answer (the middle respondent's Yes, Partly or No; Partly where the team splits evenly between Yes and No). A gate caps a stage when that answer triggers it.";
