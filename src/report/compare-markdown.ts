import type { AnswerChange, ComparedSide, Comparison, StagePoint, StageProgress } from "../model/report.js";
import { answerLevelNote, answerText, comparisonTitle, signed } from "./compare-text.js";
import { cutoffsSentence } from "./cutoffs.js";
import { heading, type MarkdownOptions, shortName, titleBlock, uniqueHeadings } from "./markdown.js";
import { notCharted, scoreChart } from "./mermaid.js";
import { markdownInline as md, setLabel, verdictLabel } from "../text.js";
import { kpiWatchBlocks, PLAN_HEADINGS } from "./plan-markdown.js";

const SUMMARY = "Summary";
const CHANGED = "Answers that changed";

/** Progress between two assessments as Markdown: passes markdownlint's defaults (MD013 off); all text from files is escaped. */
export function renderCompareMarkdown(c: Comparison, options: MarkdownOptions = {}): string {
  const { who, then, now } = comparisonTitle(c);
  const title = `Progress: ${shortName(who)}`;
  const unique = uniqueHeadings([md(title), SUMMARY, CHANGED, PLAN_HEADINGS.kpis]);
  const blocks: string[] = [titleBlock(title, { author: c.after.assessor, date: c.after.date }, options)];
  blocks.push(`${c.before.client || c.after.client ? `Client: ${md(who)} · ` : ""}${md(then)} to ${md(now)}`);

  blocks.push([side("Before", c.before), side("After", c.after)].join("\n"));
  for (const note of c.notes) blocks.push(`**Note**: ${md(note)}`);
  blocks.push(...kpiWatchBlocks(c.kpiWatch, heading));

  blocks.push(heading(2, SUMMARY));
  if (c.stages.length === 0) blocks.push("No stages to compare.");
  else {
    const rows = c.stages.map((s) => `| ${md(s.name) || md(s.id)} | ${score(s.before)} | ${score(s.after)} | ${signed(s.change)} | ${verdicts(s)} |`);
    blocks.push(["| Stage | Then | Now | Change | Verdict |", "| --- | ---: | ---: | ---: | --- |", ...rows].join("\n"));
    blocks.push(...chart(c));
  }

  const changed = c.answersChanged;
  if (changed === null) blocks.push(md(answerLevelNote(c)));
  else {
    blocks.push(heading(2, CHANGED));
    if (changed === 0) blocks.push("No answers changed.");
    else {
      blocks.push(
        `${changed} answer${changed === 1 ? "" : "s"} changed. Under each stage, the points each change moved its score (taken in question order, they add up to the stage's change): plus toward automating, minus toward a person.`,
      );
      for (const s of c.stages.filter((x) => x.answers.length > 0)) {
        const figures = s.change === null ? `${score(s.before)} to ${score(s.after)}` : `${score(s.before)} to ${score(s.after)} (${signed(s.change)})`;
        blocks.push(heading(3, unique(`${md(s.name) || md(s.id)}: ${figures}`)), s.answers.map(answer).join("\n"));
      }
      const still = c.stages.filter((s) => s.answers.length === 0).map((s) => md(s.name) || md(s.id));
      if (still.length > 0) blocks.push(`No answers changed for: ${still.join(", ")}.`);
    }
  }
  return `${blocks.filter(Boolean).join("\n\n")}\n`;
}

function side(label: string, s: ComparedSide): string {
  // no file names: paths on the consultant's machine are not for the client
  const from = s.kind === "answers" ? "from the answers" : s.kind === "team" ? `from a team of ${s.respondents ?? "several"}` : "from a saved report";
  const parts = [s.date ? md(s.date) : "no date", from, md(setLabel(s.set))];
  if (s.assessor) parts.push(`assessed by ${md(s.assessor)}`);
  // two trailing spaces would trip MD009; a backslash is a hard line break too
  return `**${label}**: ${parts.join(" · ")}${label === "Before" ? "\\" : ""}`;
}

function score(p: StagePoint | null): string {
  return p?.score == null ? "–" : String(p.score);
}

function verdicts(s: StageProgress): string {
  const name = (p: StagePoint | null) => (p ? verdictLabel(p.verdict) : "not there");
  return s.before?.verdict === s.after?.verdict ? name(s.after) : `${name(s.before)} -> **${name(s.after)}**`;
}

function answer(a: AnswerChange): string {
  return `- ${signed(a.effect)}: ${md(a.question)} — ${md(answerText(a.before))} -> **${md(answerText(a.after))}**`;
}

function chart(c: Comparison): string[] {
  const { then, now } = comparisonTitle(c);
  const side = (p: StagePoint | null) => (p ? { score: p.score, verdict: p.verdict } : { score: null, verdict: "insufficient" as const, why: "not in that assessment" });
  const cutoffs = (s: StageProgress) => (s.thresholds ? { thresholds: s.thresholds } : {});
  const bars = c.stages.flatMap((s) => [
    { label: s.name, tag: "(then)", ...side(s.before), earlier: true, ...cutoffs(s) },
    { label: s.name, tag: "(now)", ...side(s.after), ...cutoffs(s) },
  ]);
  const block = scoreChart(`Scores then (${then}) and now (${now})`, bars, c.thresholds);
  if (!block) return [];
  const left = notCharted(bars.map((b) => ({ ...b, label: `${md(b.label) || "-"} ${b.tag}` })));
  const caption = `Bars: each stage's score then (grey) and now (coloured by verdict). Lines: ${cutoffsSentence(c.stages, c.thresholds, (s) => md(s.name) || md(s.id))}`;
  return [block, [caption, left].join(" ").trim()];
}
