import { basename } from "node:path";
import type { AnswerValue, ComparedSide, Comparison, StageProgress } from "../score/compare.js";

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

/** Why there are no answer-level changes: a side is a saved report. */
export function reportsOnly(c: Comparison): string {
  const reports = [c.before, c.after].filter((s) => s.kind === "report").map((s) => s.file);
  const which = reports.length === 2 ? `${reports[0]} and ${reports[1]} are saved reports` : `${reports[0]} is a saved report`;
  return `Answer-level changes need two answers files: ${which}, so only scores and verdicts are compared.`;
}

/** Stages where something moved: a changed answer, score or verdict, or the stage is on one side only. */
export function moved(s: StageProgress): boolean {
  return s.answers.length > 0 || s.before?.score !== s.after?.score || s.before?.verdict !== s.after?.verdict;
}
