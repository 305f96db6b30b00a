import { stat } from "node:fs/promises";
import { formatProblem } from "../../errors.js";
import { preparedBuiltInSet } from "../../load/built-in.js";
import { isCsv, type ReadTeam, readAnswers, readTeam, teamFiles } from "../../load/respondents.js";
import type { Assessment } from "../../model/assessment.js";
import { emit } from "../../output.js";
import { renderJson, renderTeamJson } from "../../report/json.js";
import { renderMarkdown } from "../../report/markdown.js";
import { renderTeamMarkdown } from "../../report/team-markdown.js";
import { terminalSafe } from "../../report/text.js";
import { TeamTally } from "../../score/aggregate.js";
import { assess } from "../../score/score.js";
import { colorWanted } from "../../ui/color.js";
import { teamProgress } from "../../ui/progress.js";
import { REPORT_FORMATS } from "./index.js";
import type { ReportOptions } from "./options.js";

export type ReportFormat = (typeof REPORT_FORMATS)[number];

const MAX_SKIPPED_SHOWN = 20;

/**
 * One answers file: the single report. Several, a folder or a CSV: the team report.
 * A plain answers file with the built-in set never initialises zod or the YAML parser (about 20 ms of start-up): the
 * options, the set and the file each take a path without them, and import them only when that path does not apply.
 */
export async function runReport(paths: string[], raw: unknown): Promise<void> {
  const options = asCommanderGives(raw) ?? (await import("./options.js")).parseReportOptions(raw);
  const set = (options.questions === undefined && preparedBuiltInSet()) || (await (await import("../../load/question-set.js")).loadQuestionSet(options.questions));
  const color = !options.out && colorWanted(process.stdout, process.env, options.color);
  if (paths.length === 1 && !isCsv(paths[0]!) && !(await isFolder(paths[0]!))) {
    const answers = await readAnswers(paths[0]!, set);
    await emit(await renderAssessment(assess(set, answers), options.format, color), options.out, options.force);
    return;
  }
  const files = await teamFiles(paths);
  // Scored as read: nothing per respondent is kept but the respondents the report lists.
  const tally = new TeamTally(set);
  const progress = teamProgress();
  const onRespondent: Parameters<typeof readTeam>[2]["onRespondent"] = (r) => {
    tally.add(r);
    progress.tick(tally.count);
  };
  const read = await readTeam(files, set, { skipBadRows: options.skipBadRows, onRespondent }).finally(() => progress.done());
  for (const notice of read.notices) process.stderr.write(`note: ${terminalSafe(notice)}\n`);
  if (read.skipped.count > 0) process.stderr.write(skippedMessage(read.skipped));
  const clients = tally.clients();
  if (clients.length > 1) {
    const list = clients
      .slice(0, 3)
      .map((c) => terminalSafe(c))
      .join("; ");
    process.stderr.write(
      `note: the answers name ${clients.length} different clients (${list}${clients.length > 3 ? "; ..." : ""}); a team report is for people looking at one business\n`,
    );
  }
  await emit(await renderTeam(tally, files.length, options.format, color), options.out, options.force);
}

// The terminal renderers are imported when asked for: they load chalk, which JSON and Markdown do without.
export async function renderAssessment(assessment: Assessment, format: ReportFormat, color: boolean): Promise<string> {
  if (format === "json") return renderJson(assessment);
  if (format === "markdown") return renderMarkdown(assessment);
  if (format === "html") return (await import("../../report/html.js")).renderHtml(assessment);
  return (await import("../../report/terminal.js")).renderTerminal(assessment, { color, width: Math.min(process.stdout.columns || 80, 100) });
}

/** JSON in pieces, respondent by respondent; the other formats from the whole team (a large team lists no respondent). */
export async function renderTeam(tally: TeamTally, files: number, format: ReportFormat, color: boolean): Promise<string | Iterable<string>> {
  if (format === "json") {
    const summary = tally.summary(files);
    return renderTeamJson(summary, tally.respondents(summary.disagreements));
  }
  const team = tally.result(files);
  if (format === "markdown") return renderTeamMarkdown(team);
  if (format === "html") return (await import("../../report/html.js")).renderTeamHtml(team);
  return (await import("../../report/team-terminal.js")).renderTeamTerminal(team, { color, width: Math.min(process.stdout.columns || 80, 100) });
}

function skippedMessage({ count, total, problems }: ReadTeam["skipped"]): string {
  const lines = [`skipped ${count} of ${total} respondents (CSV rows or answers files) with problems; the report leaves them out:`];
  lines.push(...problems.slice(0, MAX_SKIPPED_SHOWN).map(formatProblem));
  if (problems.length > MAX_SKIPPED_SHOWN) lines.push(`... and ${problems.length - MAX_SKIPPED_SHOWN} more problems`);
  return `${lines.join("\n")}\n`;
}

const OPTION_KEYS = new Set(["questions", "color", "out", "force", "format", "skipBadRows"]);
const isOptionalString = (value: unknown) => value === undefined || typeof value === "string";

// Unlike the other commands, report checks its options without zod (its start-up target): the options exactly as commander
// gives them, defaults filled and --format checked, are taken as they are; anything else is left to the zod schema in ./options.ts.
function asCommanderGives(raw: unknown): ReportOptions | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const o = raw as Record<string, unknown>;
  const expected =
    Object.keys(o).every((k) => OPTION_KEYS.has(k)) &&
    isOptionalString(o.questions) &&
    isOptionalString(o.out) &&
    typeof o.color === "boolean" &&
    typeof o.force === "boolean" &&
    typeof o.skipBadRows === "boolean" &&
    (REPORT_FORMATS as readonly unknown[]).includes(o.format);
  return expected ? (o as ReportOptions) : undefined;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
