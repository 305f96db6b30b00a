import { basename } from "node:path";
import type { AnswerValue, ComparedSide, Comparison, StageProgress } from "../model/report.js";

/** Who and when, unescaped: "Acme", "2026-05-01", "2026-11-20"; a side without a date goes by its file name. */
export function comparisonTitle(c: Comparison): { who: string; then: string; now: string; when: string } {
  const b = c.before.client?.trim();
  const a = c.after.client?.trim();
  const who = b && a && b !== a ? `${b} → ${a}` : a || b || c.after.set.name;
  const label = (s: ComparedSide) => s.date?.trim() || basename(s.file);
  const [then, now] = [label(c.before), label(c.after)];
  return { who, then, now, when: `${then} → ${now}` };
}

/** "+12", "-3", "0"; "–" when there is no number. */
export function signed(n: number | null): string {
  if (n === null) return "–";
  return n > 0 ? `+${n}` : String(n);
}

export function answerText(v: AnswerValue | null): string {
  return v ? v.label : "not answered";
}

/** Why there are no answer-level changes: a side is a saved report or a team. */
export function reportsOnly(c: Comparison): string {
  const sides = [c.before, c.after].filter((s) => s.kind !== "answers").map((s) => `${s.file} is ${sideKind(s)}`);
  const compared = [c.before, c.after].some((s) => s.kind === "team") ? "team medians and verdicts" : "scores and verdicts";
  return `Answer-level changes need one respondent's answers on each side: ${sides.join(" and ")}, so only ${compared} are compared.`;
}

/** The same for the client's document: no file names (paths on the consultant's machine are not for the client). */
export function answerLevelNote(c: Comparison): string {
  const team = [c.before, c.after].find((s) => s.kind === "team");
  if (!team) return "Answer-level changes need the answers of both assessments; one side is a saved report, so only scores and verdicts are compared.";
  return `Answer-level changes need one respondent's answers on each side; one side is ${sideKind(team)}, so only team medians and verdicts are compared.`;
}

/** What a side is, in words: "an answers file", "a saved report", "a team of 12". */
export function sideKind(s: ComparedSide): string {
  if (s.kind === "team") return `a team of ${s.respondents ?? "several"}`;
  return s.kind === "answers" ? "an answers file" : "a saved report";
}

/** Stages where something moved: a changed answer, score or verdict, or the stage is on one side only. */
export function moved(s: StageProgress): boolean {
  return s.answers.length > 0 || s.before?.score !== s.after?.score || s.before?.verdict !== s.after?.verdict;
}
