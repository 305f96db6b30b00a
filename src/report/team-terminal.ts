import type { Disagreement, TeamAssessment, TeamStage, TeamStageRespondent } from "../model/report.js";
import { palette, type Palette } from "../ui/palette.js";
import {
  agreement,
  answerLabel,
  answeredBy,
  columnsExplained,
  disputedAnswers,
  isSmallTeam,
  leastAgreement,
  middleHalf,
  num,
  range,
  respondentLabel,
  stageFigures,
  stageNames,
  stageRespondents,
  tallyText,
  teamSize,
  CONSENSUS_NOTE,
} from "./team-text.js";
import { campaignLines, kpiLines, playLines, type TerminalOptions, verdictStyle } from "./terminal.js";
import { capsSentence, gateMark } from "./cutoffs.js";
import { firstThingsLines, hoursLines, kpiWatchLines, roadmapLines } from "./plan-terminal.js";
import { displayWidth, pad, setLabel, terminalSafe, reportTitle, verdictLabel, words, wrap } from "../text.js";

const MIN_WIDTH = 30;
const VERDICT_WIDTH = Math.max(...(["automate", "hybrid", "human", "insufficient"] as const).map((v) => verdictLabel(v).length));
/** The verdict, marked where a gate capped or raised it on the team's consensus answer. */
const marked = (s: TeamStage) => `${verdictLabel(s.verdict)}${gateMark(s)}`;

export function renderTeamTerminal(t: TeamAssessment, options: TerminalOptions): string {
  const width = Math.max(MIN_WIDTH, Math.floor(Number.isFinite(options.width) ? (options.width as number) : 80));
  const c = palette(options.color);
  const small = isSmallTeam(t);
  const out: string[] = [];

  out.push(...wrap(words(`${reportTitle("Automation fit", t.client)} · team view`, c.bold), width, ""));
  out.push(...wrap(words(`${setLabel(t.set)} · ${teamSize(t)}`, c.dim), width, ""));
  out.push(...wrap(words("Automation supports human service, never replaces it.", c.dim), width, ""));
  if (t.summary.length) out.push(...firstThingsLines(t.summary, width, c), ...wrap(words(CONSENSUS_NOTE, c.dim), width, "  "));
  out.push(...kpiWatchLines(t.kpiWatch, width, c));

  if (small) {
    out.push("", c.bold("Respondents"));
    for (const [i, r] of t.respondents.entries()) {
      out.push(...wrap([{ text: `${i + 1}` }, ...words(respondentLabel(r)), ...words(`(${r.file}${r.line ? `:${r.line}` : ""})`, c.dim)], width, "  ", "     "));
      if (r.comment) out.push(...wrap([...words("Comment:", c.dim), ...words(r.comment)], width, "     "));
    }
  }

  out.push("", c.bold("Team summary"));
  out.push(
    ...wrap(
      words(`${small ? "Median of the respondents' scores and their range." : "Median of the respondents' scores and the middle half of them."} ${columnsExplained(small)}`, c.dim),
      width,
      "  ",
    ),
  );
  out.push(...summary(t, small, width, c));
  for (const sentence of capsSentence(t.stages)) out.push(...wrap(words(sentence), width, "  ", "    "));
  const split = leastAgreement(t);
  if (split.length > 0) {
    const list = split.map((s) => `${s.name} (${agreement(s, small)} agree)`).join(", ");
    out.push("", ...wrap([...words("Least agreement:", c.bold), ...words(`${list}.`)], width, "  ", "  "));
  }
  if (small && t.respondentCount > 1) out.push("", c.bold("Scores by respondent"), ...matrix(t, width, c));
  if (t.warnings.length) {
    out.push("", c.bold("Check these respondents' answers first"));
    for (const w of t.warnings) out.push(...wrap([{ text: "!", style: c.yellow }, ...words(w.message)], width, "  ", "    "));
  }

  out.push("", c.dim("─".repeat(width)), ...wrap(words("Where you see the customer differently", c.bold), width, ""));
  if (t.disagreements.length === 0)
    out.push(
      ...wrap(words(t.respondentCount > 1 ? "No question got different answers from the respondents who answered it." : "One respondent: nobody to disagree with."), width, "  "),
    );
  else {
    out.push(...wrap(words("The questions answered most differently, weighted by how much they move the scores.", c.dim), width, "  "));
    for (const [i, d] of t.disagreements.entries()) out.push("", ...disagreement(t, d, i, small, width, c));
  }

  for (const stage of t.stages) out.push("", c.dim("─".repeat(width)), ...section(t, stage, small, width, c));

  out.push(...hoursLines(t.sizing, new Map(t.stages.map((s) => [s.id, s.verdict])), width, c), ...roadmapLines(t.roadmap, width, c));
  out.push(...campaignLines(t.campaigns, width, c, t.calendar));
  return `${out.join("\n")}\n`;
}

function summary(t: TeamAssessment, small: boolean, width: number, c: Palette): string[] {
  const spreadHead = small ? "Range" : "Middle half";
  const spreadOf = (s: TeamStage) => (small ? range(s.spread) : middleHalf(s.spread));
  const spreadWidth = Math.max(spreadHead.length, ...t.stages.map((s) => spreadOf(s).length));
  const answeredWidth = Math.max("Answered".length, ...t.stages.map((s) => answeredBy(s, t).length));
  const verdictWidth = Math.max(VERDICT_WIDTH, ...t.stages.map((s) => marked(s).length));
  const figures = (s: TeamStage) =>
    `${(s.median === null ? "–" : num(s.median)).padStart(6)}  ${pad(spreadOf(s), spreadWidth)}  ${verdictStyle(s.verdict, c)(pad(marked(s), verdictWidth))}  ${answeredBy(s, t).padStart(answeredWidth)}  ${agreement(s, small).padStart(5)}`;
  const head = `Median  ${pad(spreadHead, spreadWidth)}  ${pad("Verdict", verdictWidth)}  ${"Answered".padStart(answeredWidth)}  Agree`;
  const nameWidth = Math.max(5, ...t.stages.map((s) => displayWidth(terminalSafe(s.name))));
  if (2 + nameWidth + 2 + displayWidth(head) <= width) {
    return [c.dim(`  ${pad("Stage", nameWidth)}  ${head}`), ...t.stages.map((s) => `  ${pad(terminalSafe(s.name), nameWidth)}  ${figures(s)}`)];
  }
  // too narrow for a row per stage: the name on its own line, the figures under it
  return t.stages.flatMap((s) => [
    ...wrap(words(s.name), width, "  "),
    ...wrap(
      [...words(stageFigures(s, small)), { text: marked(s), style: verdictStyle(s.verdict, c) }, ...words(`answered by ${answeredBy(s, t)}, ${agreement(s, small)} agree`)],
      width,
      "    ",
    ),
  ]);
}

/** Each respondent's score per stage, a column each, numbered as in the list of respondents; "–": too little answered for a verdict. */
function matrix(t: TeamAssessment, width: number, c: Palette): string[] {
  const nameWidth = Math.max(5, ...t.stages.map((s) => displayWidth(terminalSafe(s.name))));
  const cell = 4;
  const room = width - 2 - nameWidth;
  if (room < cell * t.respondents.length) {
    return t.stages.flatMap((s, si) => [
      ...wrap(words(s.name), width, "  "),
      ...wrap(
        stageRespondents(t, si).flatMap((r, i) => [{ text: `${i + 1}:` }, { text: score(r), style: verdictStyle(r.verdict, c) }]),
        width,
        "    ",
      ),
    ]);
  }
  const head = t.respondents.map((_, i) => String(i + 1).padStart(cell)).join("");
  return [
    c.dim(`  ${pad("Stage", nameWidth)}${head}`),
    ...t.stages.map(
      (s, si) =>
        `  ${pad(terminalSafe(s.name), nameWidth)}${stageRespondents(t, si)
          .map((r) => verdictStyle(r.verdict, c)(score(r).padStart(cell)))
          .join("")}`,
    ),
  ];
}

const score = (r: TeamStageRespondent) => (r.verdict === "insufficient" || r.score === null ? "–" : String(r.score));

function disagreement(t: TeamAssessment, d: Disagreement, i: number, small: boolean, width: number, c: Palette): string[] {
  const marker = `${i + 1}.`;
  const hang = " ".repeat(2 + marker.length + 1);
  const lines = wrap([{ text: marker }, ...words(d.question, c.bold)], width, "  ", hang);
  lines.push(...wrap(words(`Bears on: ${stageNames(t, d.stages).join(", ")}`, c.dim), width, hang));
  if (small) {
    const answers = disputedAnswers(t, d);
    const nameWidth = Math.max(...answers.map((r) => displayWidth(terminalSafe(respondentLabel(r.respondent)))));
    const fits = hang.length + nameWidth + 2 + 14 <= width;
    for (const r of answers) {
      const label = respondentLabel(r.respondent);
      const name = fits ? [{ text: pad(`${terminalSafe(label)}:`, nameWidth + 1) }] : words(`${label}:`);
      lines.push(...wrap([...name, ...words(answerLabel(d, r.answer), c.bold)], width, hang, `${hang}  `));
    }
  } else {
    lines.push(...wrap(words(tallyText(d)), width, hang));
  }
  return lines;
}

function section(t: TeamAssessment, s: TeamStage, small: boolean, width: number, c: Palette): string[] {
  const out: string[] = [];
  const figures = `(${stageFigures(s, small)}, answered by ${answeredBy(s, t)})`;
  out.push(...wrap([...words(s.name, c.bold), { text: "·" }, ...words(verdictLabel(s.verdict), verdictStyle(s.verdict, c)), ...words(figures)], width, ""));
  out.push(...wrap(words(s.description, c.dim), width, "  "));
  out.push("", ...wrap(words(s.reason), width, "  "));
  out.push(...playLines(s.plays, width, c, s.verdict === "human"), ...kpiLines(s.kpis, width, c));
  return out;
}
