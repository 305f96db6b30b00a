import type { Disagreement, TeamAssessment, TeamStage } from "../model/report.js";
import { percent } from "../score/score.js";
import { CAMPAIGNS, campaignBlocks, heading, type MarkdownOptions, shortName, titleBlock, uniqueHeadings } from "./markdown.js";
import { capsSentence, cutoffsSentence, gateMark } from "./cutoffs.js";
import { kpiWatchBlocks, PLAN_HEADINGS, roadmapBlocks, sizingBlocks, summaryBlocks } from "./plan-markdown.js";
import { notCharted, scoreChart } from "./mermaid.js";
import {
  agreement,
  answeredBy,
  columnsExplained,
  answerLabel,
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
import { markdownInline as md, setLabel, verdictLabel } from "../text.js";

const RESPONDENTS = "Respondents";
const SUMMARY = "Team summary";
const MATRIX = "Scores by respondent";
const DIFFERENT = "Where you see the customer differently";
const CHECK = "Check these respondents' answers first";
const HOW = "How to read this";

/** The team deliverable: passes markdownlint's defaults (MD013 off); all text from files is escaped. */
export function renderTeamMarkdown(t: TeamAssessment, options: MarkdownOptions = {}): string {
  const small = isSmallTeam(t);
  const title = t.client?.trim() ? `Team view: ${shortName(t.client)}` : "Automation fit, team view";
  const unique = uniqueHeadings([md(title), RESPONDENTS, SUMMARY, MATRIX, DIFFERENT, CHECK, CAMPAIGNS, HOW, ...Object.values(PLAN_HEADINGS)]);
  const blocks: string[] = [titleBlock(title, {}, options)];

  blocks.push([...(t.client ? [`Client: ${md(t.client)}`] : []), md(setLabel(t.set)), teamSize(t)].join(" · "));
  blocks.push(
    "Automation here supports human service and never replaces it: it takes the routine work so people have more time for customers, and every stage keeps a person the customer can reach.",
  );

  if (t.summary.length) blocks.push(...summaryBlocks(t.summary, heading), CONSENSUS_NOTE);
  blocks.push(...kpiWatchBlocks(t.kpiWatch, heading));

  if (small) {
    blocks.push(heading(2, RESPONDENTS));
    blocks.push(t.respondents.map((r, i) => `${i + 1}. ${md(respondentLabel(r))}${r.comment ? `\n   *Comment*: ${md(r.comment)}` : ""}`).join("\n"));
  }

  blocks.push(heading(2, SUMMARY));
  const spreadHead = small ? "Range" : "Middle half";
  const rows = t.stages.map(
    (s) =>
      `| ${md(s.name)} | ${verdictLabel(s.verdict)}${gateMark(s)} | ${s.median === null ? "–" : num(s.median)} | ${small ? range(s.spread) : middleHalf(s.spread)} | ${answeredBy(s, t)} | ${agreement(s, small)} |`,
  );
  blocks.push([`| Stage | Verdict | Median | ${spreadHead} | Answered | Agree |`, "| --- | --- | ---: | ---: | ---: | ---: |", ...rows].join("\n"));
  blocks.push(...capsSentence(t.stages).map(md));
  blocks.push(columnsExplained(small));
  const split = leastAgreement(t);
  if (split.length > 0) blocks.push(`**Least agreement**: ${split.map((s) => `${md(s.name)} (${agreement(s, small)} agree)`).join(", ")}.`);
  const chart = scoreChart(
    "Team median by stage, with the range",
    t.stages.map((s) => ({
      label: s.name,
      score: s.median,
      verdict: s.verdict,
      ...(s.thresholds ? { thresholds: s.thresholds } : {}),
      ...(s.spread ? { detail: `${s.spread.min}-${s.spread.max}` } : {}),
    })),
    t.thresholds,
  );
  if (chart) {
    const left = notCharted(t.stages.map((s) => ({ label: md(s.name) || md(s.id), verdict: s.verdict, score: s.median })));
    const caption = `Bars: each stage's team median, coloured by verdict; in brackets, the lowest and the highest respondent's score. Lines: ${cutoffsSentence(t.stages, t.thresholds, (s) => md(s.name) || md(s.id))}`;
    blocks.push(chart, [caption, left].join(" ").trim());
  }

  if (small && t.respondentCount > 1) {
    blocks.push(heading(2, MATRIX), "Each respondent's score per stage; – means too little answered for a verdict of their own.");
    const head = `| Stage | ${t.respondents.map((r) => md(r.name)).join(" | ")} |`;
    const align = `| --- |${" ---: |".repeat(t.respondents.length)}`;
    const cells = t.stages.map(
      (s, si) =>
        `| ${md(s.name)} | ${stageRespondents(t, si)
          .map((r) => (r.verdict === "insufficient" || r.score === null ? "–" : `${r.score} ${verdictLabel(r.verdict)}`))
          .join(" | ")} |`,
    );
    blocks.push([head, align, ...cells].join("\n"));
  }

  if (t.warnings.length) blocks.push(heading(2, CHECK), t.warnings.map((w) => `- ${md(w.message)}`).join("\n"));
  blocks.push(heading(2, DIFFERENT));
  if (t.disagreements.length === 0)
    blocks.push(t.respondentCount > 1 ? "No question got different answers from the respondents who answered it." : "One respondent: nobody to disagree with.");
  else {
    blocks.push(
      "The questions answered most differently, weighted by how much they move the scores. Where people answer differently, they see the customer differently: talk these through before automating.",
    );
    blocks.push(t.disagreements.map((d, i) => disagreement(t, d, i, small)).join("\n"));
  }

  for (const stage of t.stages) blocks.push(...section(t, stage, unique(md(stage.name) || md(stage.id)), small, unique));

  blocks.push(...sizingBlocks(t.sizing, new Map(t.stages.map((s) => [s.id, s.verdict])), heading));
  const kpiNames = new Map(t.stages.flatMap((s) => s.kpis.map((k) => [k.id, k.name] as const)));
  blocks.push(...roadmapBlocks(t.roadmap, kpiNames, heading, unique));
  blocks.push(...campaignBlocks(t.campaigns, t.calendar));

  const th = t.thresholds;
  blocks.push(
    heading(2, HOW),
    "Each respondent's answers score every stage from 0 (keep it fully human) to 100 (automate it), as in a single report. The team's score for a stage is the median of the respondents who answered enough of it for a verdict of their own, and the verdict is that of the median:",
    [
      `- **Automate**: median at or above ${th.automate}.`,
      `- **Hybrid**: median between ${th.human} and ${th.automate}.`,
      `- **Keep human**: median at or below ${th.human}.`,
      `- **Insufficient**: on average the respondents answered less than ${percent(th.minConfidence)} of the stage's questions (counted by weight).`,
    ].join("\n"),
    small
      ? "Range is the lowest to the highest score; Agree counts the respondents whose own verdict is the team's."
      : "Middle half is where the middle 50% of the respondents' scores lie (the interquartile range); Agree is the share of respondents whose own verdict is the team's.",
    "A question counts as disputed by how far apart its answers are (yes, partly and no; unsure and blank left out), times how much it weighs in the stages it bears on.",
  );
  return `${blocks.filter(Boolean).join("\n\n")}\n`;
}

function disagreement(t: TeamAssessment, d: Disagreement, i: number, small: boolean): string {
  const lines = [`${i + 1}. **${md(d.question)}** (${stageNames(t, d.stages).map(md).join(", ")})`];
  if (small) lines.push(...disputedAnswers(t, d).map((r) => `   - ${md(respondentLabel(r.respondent))}: ${md(answerLabel(d, r.answer))}`));
  else lines.push(`   - ${md(tallyText(d))}`);
  return lines.join("\n");
}

function section(t: TeamAssessment, s: TeamStage, name: string, small: boolean, unique: (text: string) => string): string[] {
  const blocks = [heading(2, name), `**${verdictLabel(s.verdict)}**: ${stageFigures(s, small)}, answered by ${answeredBy(s, t)}.`];
  blocks.push(md(s.description), md(s.reason));
  if (s.plays.length > 0) {
    blocks.push(
      heading(3, unique(s.verdict === "human" ? `A person leads ${name}; what to automate behind the scenes` : `Plays for ${name}`)),
      s.plays.map((p) => [`- **${md(p.title)}**`, `  - Automate: ${md(p.automate)}`, `  - Human part: ${md(p.human)}`].join("\n")).join("\n"),
    );
  }
  if (s.kpis.length > 0) blocks.push(heading(3, unique(`KPIs to keep watching for ${name}`)), s.kpis.map((k) => `- **${md(k.name)}**: ${md(k.watch)}`).join("\n"));
  return blocks;
}
