import { capsSentence, gateMark, cutoffsSentence } from "./cutoffs.js";
import type { Assessment, Driver, StageAssessment } from "../model/report.js";
import type { CampaignSchedule } from "../model/plan.js";
import type { Campaign } from "../model/question-set.js";
import { percent } from "../score/score.js";
import { notCharted, scoreChart } from "./mermaid.js";
import { markdownInline as md, setLabel, reportTitle, verdictLabel } from "../text.js";
import { campaignDates, kpiWatchBlocks, PLAN_HEADINGS, roadmapBlocks, sizingBlocks, summaryBlocks } from "./plan-markdown.js";

const SUMMARY = "Summary";
const CHECKLIST = "Checklist: what to automate, and the human part to keep";
export const CAMPAIGNS = "Campaigns that stay human";
const HOW = "How to read this";
const WARNINGS = "Check these answers first";
const APPENDIX = "Appendix: every answer";

export interface MarkdownOptions {
  /** A YAML front matter with the title, author and date for pandoc, in place of the H1. */
  frontMatter?: boolean;
}

/** The client deliverable: passes markdownlint's defaults (MD013 off); all text from files is escaped. */
export function renderMarkdown(a: Assessment, options: MarkdownOptions = {}): string {
  const title = reportTitle("Automation fit", shortName(a.client ?? ""));
  const unique = uniqueHeadings([md(title), SUMMARY, CHECKLIST, CAMPAIGNS, HOW, WARNINGS, APPENDIX, ...Object.values(PLAN_HEADINGS)]);
  const blocks: string[] = [titleBlock(title, { author: a.assessor, date: a.date }, options)];

  const meta = a.client ? [`Client: ${md(a.client)}`] : [];
  meta.push(md(setLabel(a.set)));
  if (a.date) meta.push(`Date: ${md(a.date)}`);
  if (a.assessor) meta.push(`Assessor: ${md(a.assessor)}`);
  blocks.push(meta.join(" · "));
  blocks.push(
    "Automation here supports human service and never replaces it: it takes the routine work so people have more time for customers, and every stage keeps a person the customer can reach.",
  );
  blocks.push(...summaryBlocks(a.summary, heading), ...kpiWatchBlocks(a.kpiWatch, heading));

  blocks.push(heading(2, SUMMARY));
  if (a.stages.length === 0) blocks.push("No stages in this question set.");
  else {
    const rows = a.stages.map((s) => `| ${md(s.name)} | ${verdictLabel(s.verdict)}${gateMark(s)} | ${s.score ?? "–"} | ${s.counts.answered} of ${s.counts.questions} |`);
    blocks.push(["| Stage | Verdict | Score | Answered |", "| --- | --- | ---: | ---: |", ...rows].join("\n"));
    blocks.push(...capsSentence(a.stages).map(md));
    blocks.push('Score: 0 means keep it human, 100 means automate it. Answered: questions with an answer; "Not sure" and "Does not apply" do not count.');
    blocks.push(...chart(a));
  }
  if (a.warnings?.length) blocks.push(heading(2, WARNINGS), a.warnings.map((w) => `- ${md(w.message)}`).join("\n"));

  for (const stage of a.stages) blocks.push(...section(stage, unique(md(stage.name) || md(stage.id)), unique));
  blocks.push(...sizingBlocks(a.sizing, new Map(a.stages.map((s) => [s.id, s.verdict])), heading));
  const kpiNames = new Map(a.stages.flatMap((s) => s.kpis.map((k) => [k.id, k.name] as const)));
  blocks.push(...(a.roadmap?.length ? roadmapBlocks(a.roadmap, kpiNames, heading, unique) : checklist(a.stages)));

  blocks.push(...campaignBlocks(a.campaigns, a.calendar));

  const t = a.thresholds;
  blocks.push(
    heading(2, HOW),
    "Each stage gets a score from 0 to 100 from the answers that bear on it, weighted by how strongly each question matters there: 0 means keep it fully human, 100 means customers can serve themselves there. Unanswered questions pull the score toward the middle, 50, in proportion to their weight.",
    [
      `- **Automate** (score at or above ${t.automate}, unless the stage sets its own): customers serve themselves, with a person one step away.`,
      `- **Hybrid** (between ${t.human} and ${t.automate}): a person assists; automation does the routine, the person the judgement.`,
      `- **Keep human** (at or below ${t.human}): a person leads; automation works behind the scenes (reminders, briefs, scheduling).`,
      `- **Insufficient**: fewer than three questions answered, none on one side, or less than ${percent(t.minConfidence)} of the stage's weight answered.`,
      "- **Does not apply**: every question of the stage answered “Does not apply”.",
    ].join("\n"),
    'Answered counts the questions given an answer; "Not sure" and "Does not apply" do not count. A verdict needs enough of a stage answered, counted by weight (two answers that contradict each other count half). A gate bounds a stage\'s verdict whatever its score: a cap, where customers make high-stakes decisions, give consent, are in hardship, or where nobody is there when the automation fails; a floor, where the stage\'s routine repeats every time; the stage names the gate. What would change the verdict lists the fewest answers (up to three) that would move it; a stage one answer away is on the edge. Each driver shows how many points one answer moved the score away from the midpoint, 50: plus toward automating, minus toward a person.',
  );
  blocks.push(...appendix(a));
  return `${blocks.filter(Boolean).join("\n\n")}\n`;
}

const SHORT_NAME = 40;

/** A name short enough for a one-line title: what comes before a parenthesis or a dash, cut at a word near 40 characters. */
export function shortName(name: string): string {
  const plain = name.replace(/\s+/g, " ").trim();
  const head = plain.split(/ \(| - | – | — /)[0]!.trim() || plain;
  if ([...head].length <= SHORT_NAME) return head;
  const cut = [...head].slice(0, SHORT_NAME).join("");
  return `${cut.slice(0, cut.lastIndexOf(" ") > SHORT_NAME / 2 ? cut.lastIndexOf(" ") : cut.length).replace(/[\s,;:.-]+$/, "")}…`;
}

/**
 * The start of a Markdown document: its H1, or with frontMatter a YAML front matter for pandoc (title, author, date)
 * in its place, since markdownlint's MD025 counts a front-matter title as the H1. Values are Markdown, as pandoc reads
 * them, in single quotes, where YAML escapes nothing but the quote.
 */
export function titleBlock(title: string, meta: { author?: string | undefined; date?: string | undefined }, options: MarkdownOptions): string {
  if (!options.frontMatter) return heading(1, md(title));
  const quoted = (text: string) => `'${md(text).replace(/'/g, "''")}'`;
  const lines = ["---", `title: ${quoted(title)}`];
  if (meta.author?.trim()) lines.push(`author: ${quoted(meta.author)}`);
  if (meta.date?.trim()) lines.push(`date: ${quoted(meta.date)}`);
  return [...lines, "---"].join("\n");
}

/** A heading maker: markdownlint's MD024 wants every heading unique, whatever the stage names are. */
export function uniqueHeadings(taken: string[]): (text: string) => string {
  const used = new Set(taken);
  return (text) => {
    let candidate = text;
    for (let n = 2; used.has(candidate); n++) candidate = `${text} (${n})`;
    used.add(candidate);
    return candidate;
  };
}

function chart(a: Assessment): string[] {
  const block = scoreChart(
    "Automation fit by stage",
    a.stages.map((s) => ({ label: s.name, score: s.score, verdict: s.verdict, thresholds: s.thresholds })),
    a.thresholds,
  );
  if (!block) return [];
  const left = notCharted(a.stages.map((s) => ({ label: md(s.name) || md(s.id), verdict: s.verdict, score: s.score })));
  return [block, [`Bars: each stage's score, coloured by verdict. Lines: ${cutoffsSentence(a.stages, a.thresholds, (s) => md(s.name) || md(s.id))}`, left].join(" ").trim()];
}

/** Tasks to paste into a tracker: each play's two halves where automating fits, the human part alone where it does not. */
function checklist(stages: StageAssessment[]): string[] {
  const items: string[] = [];
  for (const s of stages) {
    if (s.verdict === "insufficient" || s.verdict === "not-applicable") continue;
    // a stage kept human still automates behind the scenes: reminders, briefs, scheduling
    const automate = s.verdict === "human" ? "automate behind the scenes" : "automate";
    for (const p of s.plays) {
      const name = `${md(s.name) || md(s.id)}, ${md(p.title)}`;
      items.push(`- [ ] ${name}: ${automate} — ${md(p.automate)}`);
      items.push(`- [ ] ${name}: human part — ${md(p.human)}`);
    }
  }
  if (items.length === 0) return [];
  const skipped = stages.filter((s) => s.verdict === "insufficient" && s.plays.length > 0).map((s) => md(s.name) || md(s.id));
  const intro = [
    "The plays that fit your answers as tasks, most relevant first: the automation and its human part; where a stage stays human, the automation works behind the scenes.",
  ];
  if (skipped.length > 0) intro.push(`Left out until more is answered: ${skipped.join(", ")}.`);
  return [heading(2, CHECKLIST), intro.join(" "), items.join("\n")];
}

function section(s: StageAssessment, name: string, unique: (text: string) => string): string[] {
  const figures = `${s.score === null ? "no score" : `score ${s.score} of 100`}, answered ${s.counts.answered} of ${s.counts.questions}.`;
  const blocks = [heading(2, name), `**${verdictLabel(s.verdict)}**: ${figures}`];
  blocks.push(md(s.description), md(s.reason));
  if (s.flipText) blocks.push(`${s.edge ? "**On the edge.** " : ""}**What would change the verdict**: ${md(s.flipText)}`);
  if (s.risk) blocks.push(`**What you risk losing if it is automated badly**: ${md(s.risk)}`);
  if (s.drivers.length > 0) blocks.push(heading(3, unique(`What moved the score for ${name}`)), s.drivers.map(driver).join("\n"));
  if (s.plays.length > 0) {
    blocks.push(
      heading(3, unique(`What to automate in ${name}, and the human part to keep`)),
      s.plays.map((p) => [`- **${md(p.title)}**`, `  - Automate: ${md(p.automate)}`, `  - Human part: ${md(p.human)}`].join("\n")).join("\n"),
    );
  }
  if ((s.verdict === "automate" || s.verdict === "hybrid") && s.kpis.length > 0) {
    blocks.push(heading(3, unique(`Numbers to watch once ${name} is automated (KPIs)`)), s.kpis.map((k) => `- **${md(k.name)}**: ${md(k.watch)}`).join("\n"));
  }
  return blocks;
}

function driver(d: Driver): string {
  const up = d.effect > 0;
  const line = `- ${up ? "+" : "-"}${Math.abs(d.effect).toFixed(1)} toward ${up ? "automating" : "a person"}: ${md(d.question)} **${md(d.answerLabel)}**`;
  return d.note ? `${line}. Note: ${md(d.note)}` : line;
}

/** markdownlint's MD026 flags trailing punctuation in a heading; as a character reference it renders the same and passes. */
export function heading(level: number, text: string): string {
  let head = text;
  let tail = "";
  // one character at a time, so an escape like &gt; at the end stays whole
  while (/[.,;:!。，；：！]$/u.test(head) && !/&#?[0-9a-z]+;$/i.test(head)) {
    const ch = [...head].pop() as string;
    head = head.slice(0, -ch.length);
    tail = `&#${ch.codePointAt(0)};${tail}`;
  }
  return `${"#".repeat(level)} ${head}${tail}`;
}

/** The campaigns that stay human, in every Markdown report; nothing when the set has none. */
export function campaignBlocks(campaigns: Campaign[], calendar?: CampaignSchedule[]): string[] {
  if (campaigns.length === 0) return [];
  return [
    heading(2, CAMPAIGNS),
    "Whatever the scores say, these stay with a person:",
    campaigns.map((c) => `- **${md(c.name)}**${campaignDates(calendar, c.id)}: ${md(c.description)}`).join("\n"),
  ];
}

/** Every question with its answer and note, in the set's order: nothing the respondent said is left out of the report. */
function appendix(a: Assessment): string[] {
  if (!a.answers?.length) return [];
  const rows = a.answers.map((r) => `| ${md(r.question)} | ${r.answerLabel === null ? "not answered" : md(r.answerLabel)} | ${r.note ? md(r.note) : ""} |`);
  return [heading(2, APPENDIX), ...(a.note ? [`**General note**: ${md(a.note)}`] : []), ["| Question | Answer | Note |", "| --- | --- | --- |", ...rows].join("\n")];
}
