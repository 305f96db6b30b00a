import { type Assessment, isCloseCall, type StageAssessment, type Verdict } from "../model/report.js";
import { palette } from "../ui/palette.js";
import { capsSentence, gateMark, marksSentence } from "./cutoffs.js";
import { verdictStyle } from "./terminal.js";
import { displayWidth, pad, setVersion, terminalSafe, reportTitle, verdictLabel, words, wrap } from "../text.js";

/**
 * The most lines the summary takes, the blank line before it included: with the ending's choice under it (4 lines), it
 * fits one 80x24 screen.
 */
export const SUMMARY_MAX_LINES = 19;

/** What each verdict means, said once under the table for the verdicts it shows. */
const MEANING: Record<Verdict, string> = {
  automate: "customers are served well without a person in every step",
  hybrid: "automate the routine part, keep a person for the rest",
  human: "customers need a person here",
  insufficient: "too few answers to say",
  "not-applicable": "nothing on this stage applies to the business",
};

export interface SummaryOptions {
  color: boolean;
  /** Columns to fit; at most 80 are used, so it reads the same on any terminal. */
  width?: number;
  /** A last line, e.g. where the words are explained, spelled as a command that works where the summary is shown. */
  footer?: string;
}

/**
 * The assessment at a glance, the last thing the interview leaves on screen: the verdict per stage (those one answer
 * would change marked), the first things to do from the plan, and what the words mean as far as there is room.
 * At most SUMMARY_MAX_LINES - 1 lines of at most 80 columns.
 */
export function renderSummary(a: Assessment, options: SummaryOptions): string {
  const width = Math.max(30, Math.min(80, Math.floor(options.width ?? 80)));
  const c = palette(options.color);
  const out: string[] = [];
  // One line each (the full report has them whole). Where there is room, the date and version share the title's line,
  // leaving lines for the first things to do; the client's name is what gets cut.
  const title = terminalSafe(reportTitle("Automation fit", a.client));
  const dated = [a.date, setVersion(a.set)].filter(Boolean).join(" · ");
  if (width - displayWidth(` · ${dated}`) >= 40) out.push(`${c.bold(fitName(title, width - displayWidth(` · ${dated}`)))}${c.dim(` · ${dated}`)}`);
  else {
    out.push(c.bold(fitName(title, width)));
    // date and version first: on a narrow screen the set's name is what gets cut
    out.push(c.dim(fitName([a.date, setVersion(a.set), a.set.name].filter(Boolean).join(" · "), width)));
  }

  const stages = a.stages.slice(0, 10);
  const nameWidth = Math.min(24, Math.max(5, ...stages.map((s) => displayWidth(terminalSafe(s.name)))));
  const verdictOf = (s: StageAssessment) => `${verdictLabel(s.verdict)}${gateMark(s)}`;
  const verdictWidth = Math.max(7, ...stages.map((s) => verdictOf(s).length));
  const answered = (s: StageAssessment) => `${s.counts.answered} of ${s.counts.questions}`;
  const answeredWidth = Math.max(8, ...stages.map((s) => answered(s).length));
  const edgeCount = stages.filter((s) => isCloseCall(s)).length;
  // where most verdicts are one answer away, a mark on each tells nothing: one plain line says so instead
  const closeCalls = edgeCount >= 3 && edgeCount * 2 > stages.length;
  const edges = edgeCount > 0 && !closeCalls;
  const showAnswered = 2 + nameWidth + 2 + verdictWidth + 2 + 5 + 2 + answeredWidth + (edges ? 2 : 0) <= width;
  const head = `  ${pad("Stage", nameWidth)}  ${pad("Verdict", verdictWidth)}  Score${showAnswered ? `  ${pad("Answered", answeredWidth)}` : ""}`;
  const EDGE = "* one answer changes it";
  // the edge mark explained on the header line where it fits, saving a line
  const edgeInHead = edges && displayWidth(`${head}  ${EDGE}`) <= width;
  out.push(c.dim(edgeInHead ? `${head}  ${EDGE}` : head.trimEnd()));
  for (const s of stages) {
    const name = fitName(terminalSafe(s.name), nameWidth);
    const score = (s.score === null ? "–" : String(s.score)).padStart(5);
    const verdict = verdictStyle(s.verdict, c)(pad(verdictOf(s), verdictWidth));
    const row = `  ${pad(name, nameWidth)}  ${verdict}  ${score}${showAnswered ? `  ${c.dim(pad(answered(s), answeredWidth))}` : ""}${edges && isCloseCall(s) ? " *" : ""}`;
    out.push(row.trimEnd());
  }
  if (a.stages.length > stages.length) out.push(c.dim(`  … and ${a.stages.length - stages.length} more stages in the full report`));
  if (edges && !edgeInHead) out.push(...wrap(words("* on the edge: one different answer changes the verdict", c.dim), width, "  "));
  if (closeCalls)
    out.push(...wrap(words(`${edgeCount} of ${stages.length} verdicts are close calls, one answer from another: go by the plays more than the labels`, c.dim), width, "  "));
  const footer = options.footer ? wrap(words(options.footer, c.dim), width, "") : [];
  const room = () => SUMMARY_MAX_LINES - 1 - out.length - footer.length;
  // the gates by name on one line, else the marks alone; and only where three first things to do still fit
  // (a heading and a line each): the marks stay in the table, and the full report names every gate
  const named = capsSentence(stages).join(" ");
  const caps = named && wrap(words(named), width, "  ", "    ").length <= 1 ? named : marksSentence(stages);
  const capLines = caps ? wrap(words(caps, c.dim), width, "  ", "    ") : [];
  if (room() - capLines.length >= 1 + Math.min(3, a.summary.length)) out.push(...capLines);
  // The first things to do: as many whole as fit; where fewer than three would, each cut to the lines that let three fit
  // (ending in "…": the full report has them whole).
  const whole = a.summary.map((item, i) => wrap(words(`${i + 1}. ${item.text}`), width, "  ", "     "));
  const fitting = (items: string[][]) => {
    let used = 1;
    let n = 0;
    for (const lines of items) {
      used += lines.length;
      if (used > room()) break;
      n++;
    }
    return n;
  };
  let todo = whole;
  if (fitting(whole) < Math.min(3, whole.length)) {
    const each = Math.max(1, Math.floor((room() - 1) / Math.min(3, whole.length)));
    todo = whole.map((lines) => (lines.length <= each ? lines : cutLines(lines, each)));
  }
  if (todo.length && todo[0]!.length + 1 <= room()) {
    out.push(c.bold("First things to do (the full report has the whole plan)"));
    for (const lines of todo) {
      if (lines.length > room()) break;
      out.push(...lines);
    }
  }
  // The words explained, as many of the verdicts' meanings as the screen has room for (the glossary has them all).
  let legend = wrap(words('Score: 0 keep it human, 100 automate it. Answered: not counting "Not sure" and "Does not apply".', c.dim), width, "");
  for (const v of new Set(stages.map((s) => s.verdict))) {
    const more = wrap(words(`${plain(legend)} ${verdictLabel(v)}: ${MEANING[v]}.`, c.dim), width, "");
    if (more.length > room() - 1) break;
    legend = more;
  }
  if (legend.length <= room() - 1) out.push("", ...legend);
  out.push(...footer);
  return `${out.slice(0, SUMMARY_MAX_LINES - 1).join("\n")}\n`;
}

/** The first `n` wrapped lines, the last word of the last one replaced by "…" (so it stays within the width). */
function cutLines(lines: string[], n: number): string[] {
  const kept = lines.slice(0, n);
  kept[n - 1] = `${kept[n - 1]!.replace(/\s+\S+$/, "")}…`;
  return kept;
}

/** Styled lines back to their words (the palette's codes dropped), to re-wrap them with more words. */
const plain = (lines: string[]) => lines.join(" ").replace(/\u001b\[[0-9;]*m/g, "");

/** A name cut to `width` columns with an ellipsis, so the table stays one row a stage. */
function fitName(name: string, width: number): string {
  if (displayWidth(name) <= width) return name;
  let cut = "";
  for (const ch of name) {
    if (displayWidth(`${cut}${ch}…`) > width) break;
    cut += ch;
  }
  return `${cut}…`;
}
