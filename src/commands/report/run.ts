import { stat } from "node:fs/promises";
import { z } from "zod";
import { formatProblem } from "../../errors.js";
import { loadAnswers } from "../../load/answers.js";
import { loadQuestionSet } from "../../load/question-set.js";
import { isCsv, loadRespondents, teamFiles, type LoadedTeam } from "../../load/respondents.js";
import type { Assessment } from "../../model/assessment.js";
import type { TeamAssessment } from "../../model/team-assessment.js";
import { emit } from "../../output.js";
import { renderJson } from "../../report/json.js";
import { renderMarkdown } from "../../report/markdown.js";
import { renderTeamMarkdown } from "../../report/team-markdown.js";
import { renderTeamTerminal } from "../../report/team-terminal.js";
import { renderTerminal } from "../../report/terminal.js";
import { terminalSafe } from "../../report/text.js";
import { aggregate } from "../../score/aggregate.js";
import { assess } from "../../score/score.js";
import { colorWanted } from "../../ui/color.js";
import { OutputOptions, parseOptions, SetOptions } from "../parse-options.js";
import { REPORT_FORMATS } from "./index.js";

export type ReportFormat = (typeof REPORT_FORMATS)[number];

const Options = SetOptions.extend(OutputOptions.shape).extend({
  format: z.enum(REPORT_FORMATS).default("terminal"),
  skipBadRows: z.boolean().default(false),
});

const MAX_SKIPPED_SHOWN = 20;

/** One answers file: the single report. Several, a folder or a CSV: the team report. */
export async function runReport(paths: string[], raw: unknown): Promise<void> {
  const options = parseOptions(Options, raw);
  const set = await loadQuestionSet(options.questions);
  const color = !options.out && colorWanted(process.stdout, process.env, options.color);
  if (paths.length === 1 && !isCsv(paths[0]!) && !(await isFolder(paths[0]!))) {
    const answers = await loadAnswers(paths[0]!, set);
    await emit(renderAssessment(assess(set, answers), options.format, color), options.out, options.force);
    return;
  }
  const loaded = await loadRespondents(await teamFiles(paths), set, { skipBadRows: options.skipBadRows });
  if (loaded.skipped.count > 0) process.stderr.write(skippedMessage(loaded.skipped));
  const clients = [...new Set(loaded.respondents.map((r) => r.client).filter((c): c is string => Boolean(c)))];
  if (clients.length > 1) {
    const list = clients.slice(0, 3).map((c) => terminalSafe(c)).join("; ");
    process.stderr.write(`note: the answers name ${clients.length} different clients (${list}${clients.length > 3 ? "; ..." : ""}); a team report is for people looking at one business\n`);
  }
  await emit(renderTeam(aggregate(set, loaded.respondents), options.format, color), options.out, options.force);
}

export function renderAssessment(assessment: Assessment, format: ReportFormat, color: boolean): string {
  if (format === "json") return renderJson(assessment);
  if (format === "markdown") return renderMarkdown(assessment);
  return renderTerminal(assessment, { color, width: Math.min(process.stdout.columns || 80, 100) });
}

export function renderTeam(team: TeamAssessment, format: ReportFormat, color: boolean): string {
  if (format === "json") return renderJson(team);
  if (format === "markdown") return renderTeamMarkdown(team);
  return renderTeamTerminal(team, { color, width: Math.min(process.stdout.columns || 80, 100) });
}

function skippedMessage({ count, total, problems }: LoadedTeam["skipped"]): string {
  const lines = [`skipped ${count} of ${total} respondents (CSV rows or answers files) with problems; the report leaves them out:`];
  lines.push(...problems.slice(0, MAX_SKIPPED_SHOWN).map(formatProblem));
  if (problems.length > MAX_SKIPPED_SHOWN) lines.push(`... and ${problems.length - MAX_SKIPPED_SHOWN} more problems`);
  return `${lines.join("\n")}\n`;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
