import type { Assessment, Driver, StageAssessment, Verdict } from "../model/report.js";
import type { Campaign, Kpi, Play } from "../model/question-set.js";
import type { CampaignSchedule } from "../model/plan.js";
import { capsSentence, gateMark, cutoffsSentence } from "./cutoffs.js";
import { palette, type Palette } from "../ui/palette.js";
import { campaignDates } from "./plan-markdown.js";
import { firstThingsLines, hoursLines, kpiWatchLines, roadmapLines } from "./plan-terminal.js";
import { displayWidth, pad, type Style, setLabel, terminalSafe, reportTitle, verdictLabel, type Word, words, wrap } from "../text.js";

export interface TerminalOptions {
  color: boolean;
  /** Columns to fit; default 80, at least 30. */
  width?: number;
}

const MIN_WIDTH = 30;
const VERDICT_WIDTH = Math.max(...(["automate", "hybrid", "human", "insufficient"] as const).map((v) => verdictLabel(v).length));
/** The verdict column: as wide as the widest label shown ("Does not apply" only when a stage has it). */
const verdictWidth = (stages: StageAssessment[]) => Math.max(VERDICT_WIDTH, ...stages.map((s) => capped(s).length));

export function renderTerminal(a: Assessment, options: TerminalOptions): string {
  const width = Math.max(MIN_WIDTH, Math.floor(Number.isFinite(options.width) ? (options.width as number) : 80));
  const c = palette(options.color);
  const out: string[] = [];

  out.push(...wrap(words(reportTitle("Automation fit", a.client), c.bold), width, ""));
  const meta = [setLabel(a.set)];
  if (a.date) meta.push(a.date);
  if (a.assessor) meta.push(`assessed by ${a.assessor}`);
  out.push(...wrap(words(meta.join(" · "), c.dim), width, ""));
  out.push(...wrap(words("Automation supports human service, never replaces it.", c.dim), width, ""));
  out.push(...firstThingsLines(a.summary, width, c), ...kpiWatchLines(a.kpiWatch, width, c));

  out.push("", c.bold("Summary"));
  if (a.stages.length === 0) out.push("  No stages in this question set.");
  else
    out.push(
      ...summary(
        a.stages,
        width,
        c,
        cutoffsSentence(a.stages, a.thresholds, (s) => terminalSafe(s.name)),
      ),
    );

  if (a.warnings?.length) {
    out.push("", c.bold("Check these answers first"));
    for (const w of a.warnings) out.push(...wrap([{ text: "!", style: c.yellow }, ...words(w.message)], width, "  ", "    "));
  }

  for (const stage of a.stages) out.push("", c.dim("─".repeat(width)), ...section(stage, width, c));

  out.push(...hoursLines(a.sizing, new Map(a.stages.map((s) => [s.id, s.verdict])), width, c), ...roadmapLines(a.roadmap, width, c));
  out.push(...noteLines(a, width, c));
  out.push(...campaignLines(a.campaigns, width, c, a.calendar));
  return `${out.join("\n")}\n`;
}

/** The campaigns that stay human, closing every terminal report; nothing when the set has none. */
export function campaignLines(campaigns: Campaign[], width: number, c: Palette, calendar?: CampaignSchedule[]): string[] {
  if (campaigns.length === 0) return [];
  const out = ["", c.dim("─".repeat(width)), ...wrap(words("Campaigns that stay human whatever the scores", c.bold), width, "")];
  for (const campaign of campaigns) {
    const dates = campaignDates(calendar, campaign.id);
    out.push(...wrap([{ text: "•" }, ...words(`${campaign.name}${dates}:`, c.bold), ...words(campaign.description)], width, "  ", "    "));
  }
  return out;
}

function summary(stages: StageAssessment[], width: number, c: Palette, cutoffs: string): string[] {
  const column = verdictWidth(stages);
  const nameWidth = Math.max(5, ...stages.map((s) => displayWidth(terminalSafe(s.name))));
  // columns besides the name: indent, gaps, score (5), verdict, answered (10)
  const fixed = 2 + 2 + 2 + 5 + 2 + column + 2 + 10;
  const bar = [20, 10].find((b) => fixed + b + nameWidth <= width);
  if (bar !== undefined) {
    const header = `  ${pad("Stage", nameWidth)}  ${pad("Fit", bar)}  Score  ${pad("Verdict", column)}    Answered`;
    const rows = stages.map((s) => {
      const score = (s.score === null ? "–" : String(s.score)).padStart(5);
      const verdict = verdictStyle(s.verdict, c)(pad(capped(s), column));
      return `  ${pad(terminalSafe(s.name), nameWidth)}  ${scoreBar(s, bar, c)}  ${score}  ${verdict}  ${answeredOf(s).padStart(10)}`;
    });
    return [c.dim(header), ...rows, ...legend(width, c, cutoffs, stages)];
  }
  // names too long for one row: name on its own line, the figures under it
  return stages
    .flatMap((s) => [
      ...wrap(words(s.name), width, "  "),
      ...wrap(
        [
          { text: scoreBar(s, 10, c) },
          { text: s.score === null ? "–" : String(s.score) },
          { text: capped(s), style: verdictStyle(s.verdict, c) },
          ...words(`answered ${answeredOf(s)}`),
        ],
        width,
        "    ",
      ),
    ])
    .concat(legend(width, c, cutoffs, stages));
}

/** "13 of 34": the stage's questions answered, as the report counts them ("Not sure" and "Does not apply" are not answers). */
const answeredOf = (s: StageAssessment) => `${s.counts.answered} of ${s.counts.questions}`;

/** The summary's words explained where they first appear. */
function legend(width: number, c: Palette, cutoffs: string, stages: StageAssessment[]): string[] {
  const caps = capsSentence(stages);
  return [
    ...caps.flatMap((sentence) => wrap(words(sentence), width, "  ", "    ")),
    ...wrap(
      words(`Score: 0 means keep it human, 100 means automate it. Verdicts by ${cutoffs} Answered: questions with an answer; "Not sure" and "Does not apply" do not count.`, c.dim),
      width,
      "  ",
    ),
  ];
}

/** The verdict, marked where a gate capped or raised it. */
const capped = (s: StageAssessment) => `${verdictLabel(s.verdict)}${gateMark(s)}`;

function section(s: StageAssessment, width: number, c: Palette): string[] {
  const out: string[] = [];
  const figures = `${s.score === null ? "no score" : `score ${s.score}`}, answered ${answeredOf(s)}`;
  out.push(...wrap([...words(s.name, c.bold), { text: "·" }, ...words(verdictLabel(s.verdict), verdictStyle(s.verdict, c)), ...words(`(${figures})`)], width, ""));
  out.push(...wrap(words(s.description, c.dim), width, "  "));
  out.push("", ...wrap(words(s.reason), width, "  "));
  if (s.flipText) {
    const lead = s.edge ? words("On the edge.", c.yellow) : [];
    out.push("", ...wrap([...lead, ...words("What would change the verdict:", c.bold), ...words(s.flipText)], width, "  "));
  }
  if (s.risk) out.push("", ...wrap([...words("What you risk losing if it is automated badly:", c.bold), ...words(s.risk)], width, "  "));

  if (s.drivers.length > 0) {
    out.push("", c.bold("  What moved the score"));
    for (const d of s.drivers) out.push(...driver(d, width, c));
  }
  out.push(...playLines(s.plays, width, c, s.verdict === "human"));
  if (s.verdict === "automate" || s.verdict === "hybrid") out.push(...kpiLines(s.kpis, width, c));
  return out;
}

/** A stage's plays: what to automate and the human part, each pair under its title. */
export function playLines(plays: Play[], width: number, c: Palette, behindTheScenes = false): string[] {
  if (plays.length === 0) return [];
  const title = behindTheScenes ? "A person leads; what to automate behind the scenes" : "What to automate, and the human part to keep";
  const out = ["", ...wrap(words(title, c.bold), width, "  ")];
  for (const play of plays) {
    out.push(...wrap([{ text: "•" }, ...words(play.title, c.bold)], width, "    ", "      "));
    out.push(...wrap([...words(behindTheScenes ? "Automate behind the scenes:" : "Automate:", c.green), ...words(play.automate)], width, "      ", "        "));
    out.push(...wrap([...words("Human part:", c.blueBright), ...words(play.human)], width, "      ", "        "));
  }
  return out;
}

export function kpiLines(kpis: Kpi[], width: number, c: Palette): string[] {
  if (kpis.length === 0) return [];
  return [
    "",
    ...wrap(words("Numbers to watch once it is automated (KPIs)", c.bold), width, "  "),
    ...kpis.flatMap((kpi) => wrap([{ text: "•" }, ...words(`${kpi.name}:`, c.bold), ...words(kpi.watch)], width, "    ", "      ")),
  ];
}

function driver(d: Driver, width: number, c: Palette): string[] {
  const up = d.effect > 0;
  const effect = `${up ? "+" : "-"}${Math.abs(d.effect).toFixed(1)}`.padStart(5);
  const hang = " ".repeat(4 + 2 + 5 + 1);
  const lines = wrap([{ text: up ? "▲" : "▼", style: up ? c.green : c.blueBright }, { text: effect }, ...words(d.question), ...answer(d.answerLabel, c.bold)], width, "    ", hang);
  if (d.note) lines.push(...wrap([...words("Note:", c.dim), ...words(d.note)], width, hang));
  return lines;
}

/** The dash travels with the answer's first word, so a line never ends on it. */
function answer(label: string, style: Style): Word[] {
  const [first, ...rest] = words(label, style);
  return first ? [{ ...first, text: `— ${first.text}` }, ...rest] : [];
}

function scoreBar(s: StageAssessment, cells: number, c: Palette): string {
  if (s.score === null) return c.dim("·".repeat(cells));
  const filled = Math.min(cells, Math.max(0, Math.round((s.score / 100) * cells)));
  return verdictStyle(s.verdict, c)("█".repeat(filled)) + c.dim("░".repeat(cells - filled));
}

export function verdictStyle(verdict: Verdict, c: Palette): Style {
  return { automate: c.green, hybrid: c.yellow, human: c.blueBright, insufficient: c.dim, "not-applicable": c.dim }[verdict];
}

/** Every note the respondent wrote, with its question and answer: the drivers show only the strongest. */
function noteLines(a: Assessment, width: number, c: Palette): string[] {
  const noted = (a.answers ?? []).filter((r) => r.note);
  if (noted.length === 0 && !a.note) return [];
  const out = ["", c.dim("─".repeat(width)), ...wrap(words("Your notes", c.bold), width, "")];
  if (a.note) out.push(...wrap([{ text: "•" }, ...words("General:", c.bold), ...words(a.note)], width, "  ", "    "));
  for (const r of noted) {
    out.push(...wrap([{ text: "•" }, ...words(r.question), ...answer(r.answerLabel ?? "not answered", c.bold)], width, "  ", "    "));
    out.push(...wrap([...words("Note:", c.dim), ...words(r.note!)], width, "    "));
  }
  return out;
}
