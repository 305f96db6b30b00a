import type { AnswerChange, Comparison, StagePoint, StageProgress } from "../model/report.js";
import { palette, type Palette } from "../ui/palette.js";
import { answerText, comparisonTitle, reportsOnly, signed } from "./compare-text.js";
import { cutoffsSentence } from "./cutoffs.js";
import { type TerminalOptions, verdictStyle } from "./terminal.js";
import { displayWidth, pad, setLabel, terminalSafe, verdictLabel, type Word, words, wrap } from "../text.js";
import { kpiWatchLines } from "./plan-terminal.js";

const MIN_WIDTH = 30;
// "100 Insufficient": a score and the longest verdict label
const POINT_WIDTH = 4 + Math.max(...(["automate", "hybrid", "human", "insufficient"] as const).map((v) => verdictLabel(v).length));
const CHANGE_WIDTH = 6;

export function renderCompareTerminal(c: Comparison, options: TerminalOptions): string {
  const width = Math.max(MIN_WIDTH, Math.floor(Number.isFinite(options.width) ? (options.width as number) : 80));
  const p = palette(options.color);
  const { who, when } = comparisonTitle(c);
  const out: string[] = [];

  out.push(...wrap(words(`Progress: ${who}`, p.bold), width, ""));
  const sets = setLabel(c.before.set) === setLabel(c.after.set) ? setLabel(c.after.set) : `${setLabel(c.before.set)} → ${setLabel(c.after.set)}`;
  out.push(...wrap(words(`${when} · ${sets}`, p.dim), width, ""));
  for (const note of c.notes) out.push(...wrap([...words("Note:", p.yellow), ...words(note)], width, ""));
  out.push(...kpiWatchLines(c.kpiWatch, width, p));

  out.push("", p.bold("Summary"));
  if (c.stages.length === 0) out.push("  No stages to compare.");
  else out.push(...summary(c.stages, width, p), ...wrap(words(`Verdicts by ${cutoffsSentence(c.stages, c.thresholds, (s) => terminalSafe(s.name))}`, p.dim), width, "  "));
  const flipped = c.stages.filter((s) => s.before && s.after && s.before.verdict !== s.after.verdict);
  if (flipped.length > 0) {
    const list = flipped.map((s) => `${s.name} (${verdictLabel(s.before!.verdict)} → ${verdictLabel(s.after!.verdict)})`).join(", ");
    out.push("", ...wrap([...words("Verdict changed:", p.bold), ...words(`${list}.`)], width, ""));
  }

  const changed = c.answersChanged;
  if (changed === null) {
    out.push("", ...wrap(words(reportsOnly(c), p.dim), width, ""));
    return `${out.join("\n")}\n`;
  }

  out.push("", ...wrap(words(changedCount(changed)), width, ""));
  for (const stage of c.stages.filter((s) => s.answers.length > 0)) out.push("", p.dim("─".repeat(width)), ...section(stage, width, p));
  const still = c.stages.filter((s) => s.answers.length === 0).map((s) => s.name);
  if (still.length > 0 && changed > 0) out.push("", ...wrap([...words("No answers changed for:", p.dim), ...words(`${still.join(", ")}.`)], width, ""));
  return `${out.join("\n")}\n`;
}

function changedCount(n: number): string {
  if (n === 0) return "No answers changed.";
  return `${n} answer${n === 1 ? "" : "s"} changed. Under each stage, the points each change moved its score:`;
}

function summary(stages: StageProgress[], width: number, p: Palette): string[] {
  const nameWidth = Math.max(5, ...stages.map((s) => displayWidth(terminalSafe(s.name))));
  const fixed = 2 + 2 + POINT_WIDTH + 2 + POINT_WIDTH + 2 + CHANGE_WIDTH;
  if (fixed + nameWidth <= width) {
    const header = `  ${pad("Stage", nameWidth)}  ${pad("Then", POINT_WIDTH)}  ${pad("Now", POINT_WIDTH)}  ${"Change".padStart(CHANGE_WIDTH)}`;
    const rows = stages.map((s) => {
      const change = signed(s.change).padStart(CHANGE_WIDTH);
      return `  ${pad(terminalSafe(s.name), nameWidth)}  ${point(s.before, p, true)}  ${point(s.after, p, true)}  ${changeStyle(s.change, p)(change)}`;
    });
    return [p.dim(header), ...rows];
  }
  // names too long for one row: the name on its own line, then and now under it
  return stages.flatMap((s) => [
    ...wrap(words(s.name), width, "  "),
    ...wrap(
      [{ text: point(s.before, p, false) }, { text: "→" }, { text: point(s.after, p, false) }, { text: `(${signed(s.change)})`, style: changeStyle(s.change, p) }],
      width,
      "    ",
    ),
  ]);
}

function point(s: StagePoint | null, p: Palette, padded: boolean): string {
  if (!s) return padded ? p.dim(pad("   – not there", POINT_WIDTH)) : p.dim("not there");
  const score = s.score === null ? "–" : String(s.score);
  const label = verdictLabel(s.verdict);
  return padded ? `${score.padStart(3)} ${verdictStyle(s.verdict, p)(pad(label, POINT_WIDTH - 4))}` : `${score} ${verdictStyle(s.verdict, p)(label)}`;
}

function changeStyle(change: number | null, p: Palette): (s: string) => string {
  if (change === null || change === 0) return p.dim;
  return change > 0 ? p.green : p.blueBright;
}

function section(s: StageProgress, width: number, p: Palette): string[] {
  const head: Word[] = [...words(s.name, p.bold), { text: "·" }, { text: point(s.before, p, false) }, { text: "→" }, { text: point(s.after, p, false) }];
  if (s.change !== null) head.push({ text: `(${signed(s.change)})`, style: changeStyle(s.change, p) });
  const out = wrap(head, width, "");
  for (const a of s.answers) out.push(...change(a, width, p));
  return out;
}

function change(a: AnswerChange, width: number, p: Palette): string[] {
  const mark = a.effect === null || a.effect === 0 ? { text: "·", style: p.dim } : a.effect > 0 ? { text: "▲", style: p.green } : { text: "▼", style: p.blueBright };
  const effect = signed(a.effect).padStart(4);
  const hang = " ".repeat(4 + 2 + 4 + 1);
  return wrap([mark, { text: effect }, ...words(a.question), ...arrow(answerText(a.before), answerText(a.after), p)], width, "    ", hang);
}

/** "— Partly → Yes": the dash travels with the first word, so a line never ends on it. */
function arrow(before: string, after: string, p: Palette): Word[] {
  const [first, ...rest] = words(before);
  const then = first ? [{ ...first, text: `— ${first.text}` }, ...rest] : [];
  return [...then, { text: "→" }, ...words(after, p.bold)];
}
