import type { AnswerChange, ComparedSide, Comparison, StagePoint, StageProgress } from "../score/compare.js";
import { answerText, comparisonTitle, reportsOnly, signed } from "./compare-text.js";
import { heading, uniqueHeadings } from "./markdown.js";
import { scoreChart } from "./mermaid.js";
import { markdownInline as md, setLabel, verdictLabel } from "./text.js";

const SUMMARY = "Summary";
const CHANGED = "Answers that changed";

/** Progress between two assessments as Markdown: passes markdownlint's defaults (MD013 off); all text from files is escaped. */
export function renderCompareMarkdown(c: Comparison): string {
  const { who, when } = comparisonTitle(c);
  const title = `Progress: ${md(who)}, ${md(when)}`;
  const unique = uniqueHeadings([title, SUMMARY, CHANGED]);
  const blocks: string[] = [heading(1, title)];

  blocks.push([side("Before", c.before), side("After", c.after)].join("\n"));
  for (const note of c.notes) blocks.push(`**Note**: ${md(note)}`);

  blocks.push(heading(2, SUMMARY));
  if (c.stages.length === 0) blocks.push("No stages to compare.");
  else {
    const rows = c.stages.map((s) => `| ${md(s.name) || md(s.id)} | ${score(s.before)} | ${score(s.after)} | ${signed(s.change)} | ${verdicts(s)} |`);
    blocks.push(["| Stage | Then | Now | Change | Verdict |", "| --- | ---: | ---: | ---: | --- |", ...rows].join("\n"));
    blocks.push(...chart(c));
  }

  const changed = c.answersChanged;
  if (changed === null) blocks.push(md(reportsOnly(c)));
  else {
    blocks.push(heading(2, CHANGED));
    if (changed === 0) blocks.push("No answers changed.");
    else {
      blocks.push(
        `${changed} answer${changed === 1 ? "" : "s"} changed. Under each stage, the points each change moved its score (taken in question order, they add up to the stage's change): ▲ toward automating, ▼ toward a person.`,
      );
      for (const s of c.stages.filter((x) => x.answers.length > 0)) {
        const figures = s.change === null ? `${score(s.before)} → ${score(s.after)}` : `${score(s.before)} → ${score(s.after)} (${signed(s.change)})`;
        blocks.push(heading(3, unique(`${md(s.name) || md(s.id)}: ${figures}`)), s.answers.map(answer).join("\n"));
      }
      const still = c.stages.filter((s) => s.answers.length === 0).map((s) => md(s.name) || md(s.id));
      if (still.length > 0) blocks.push(`No answers changed for: ${still.join(", ")}.`);
    }
  }
  return `${blocks.filter(Boolean).join("\n\n")}\n`;
}

function side(label: string, s: ComparedSide): string {
  const parts = [s.date ? md(s.date) : "no date", `${s.kind === "answers" ? "answers file" : "saved report"} ${md(s.file)}`, md(setLabel(s.set))];
  if (s.assessor) parts.push(`assessed by ${md(s.assessor)}`);
  // two trailing spaces would trip MD009; a backslash is a hard line break too
  return `**${label}**: ${parts.join(" · ")}${label === "Before" ? "\\" : ""}`;
}

function score(p: StagePoint | null): string {
  return p?.score == null ? "–" : String(p.score);
}

function verdicts(s: StageProgress): string {
  const name = (p: StagePoint | null) => (p ? verdictLabel(p.verdict) : "not there");
  return s.before?.verdict === s.after?.verdict ? name(s.after) : `${name(s.before)} → **${name(s.after)}**`;
}

function answer(a: AnswerChange): string {
  const mark = a.effect === null || a.effect === 0 ? "·" : a.effect > 0 ? "▲" : "▼";
  return `- ${mark} ${signed(a.effect)}: ${md(a.question)} — ${md(answerText(a.before))} → **${md(answerText(a.after))}**`;
}

function chart(c: Comparison): string[] {
  const { then, now } = comparisonTitle(c);
  const bars = c.stages.flatMap((s) => [
    { label: s.name, tag: "(then)", score: s.before?.score ?? null },
    { label: s.name, tag: "(now)", score: s.after?.score ?? null },
  ]);
  const block = scoreChart(`Scores then (${then}) and now (${now})`, bars, c.thresholds);
  if (!block) return [];
  const t = c.thresholds;
  return [block, `Bars: each stage's score then and now. Lines: the thresholds, ${t.human} (keep human at or below) and ${t.automate} (automate at or above).`];
}
