import { terminalText } from "../text.js";
import type { Assessment } from "../model/report.js";
import type { TeamAssessment, TeamRespondent } from "../model/report.js";
import type { Comparison } from "../model/report.js";
import type { ReportFormat } from "./formats.js";
import { renderJson, renderTeamJson } from "./json.js";

export type Rendered = Assessment | TeamAssessment | Comparison;

export interface RenderOptions {
  color: boolean;
  /** Columns of the terminal report. */
  width: number;
  /** Markdown: a YAML front matter for pandoc in place of the H1. */
  frontMatter?: boolean;
}

/** The one place a result becomes text in a format. Each format's renderer but JSON's is imported when asked for (the
 * terminal's load chalk), so that a path loads only the renderer it prints with. */
export async function render(model: Rendered, format: ReportFormat, options: RenderOptions): Promise<string> {
  if (format === "json") return renderJson(model);
  const kind = "kind" in model ? model.kind : "single";
  if (format === "html") {
    const html = await import("./html.js");
    if (kind === "team") return html.renderTeamHtml(model as TeamAssessment);
    if (kind === "comparison") return html.renderCompareHtml(model as Comparison);
    return html.renderHtml(model as Assessment);
  }
  if (format === "markdown") {
    const markdown = { frontMatter: options.frontMatter ?? false };
    if (kind === "team") return (await import("./team-markdown.js")).renderTeamMarkdown(model as TeamAssessment, markdown);
    if (kind === "comparison") return (await import("./compare-markdown.js")).renderCompareMarkdown(model as Comparison, markdown);
    return (await import("./markdown.js")).renderMarkdown(model as Assessment, markdown);
  }
  // terminalText: the last guard, whatever a renderer forgot (F22-F24)
  if (kind === "team") return terminalText((await import("./team-terminal.js")).renderTeamTerminal(model as TeamAssessment, options));
  if (kind === "comparison") return terminalText((await import("./compare-terminal.js")).renderCompareTerminal(model as Comparison, options));
  return terminalText((await import("./terminal.js")).renderTerminal(model as Assessment, options));
}

/**
 * A team report: JSON in pieces, respondent by respondent (a team of a million is never one string); the other formats
 * from the whole team. `team` is the tally's summary (its plan included), `respondents` those it lists, made as asked for.
 */
export async function renderTeam(team: TeamAssessment, respondents: Iterable<TeamRespondent>, format: ReportFormat, options: RenderOptions): Promise<string | Iterable<string>> {
  if (format !== "json") return render({ ...team, respondents: [...respondents] }, format, options);
  return renderTeamJson(team, respondents);
}

/** The width the terminal report fits: the terminal's, at most 100 columns. */
export const reportWidth = (stream: { columns?: number }) => Math.min(stream.columns || 80, 100);
