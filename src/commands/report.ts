import { Command } from "commander";
import { formatProblems, InputError, orThrow } from "../errors.js";
import type { Answers } from "../model/answers.js";
import { REPORT_FORMATS } from "../report/formats.js";
import { cli, say, shellQuote, stderrWidth, terminalSafe } from "../text.js";
import {
  checkFrontMatter,
  frontMatterOption,
  outputOptions,
  parseOptions,
  reportFormatOption,
  reportShape,
  resolveFormat,
  kpisOption,
  surveyOf,
  surveyOptions,
  today,
  withSetOption,
  type Zod,
} from "./options.js";

export const ReportOptions = (z: Zod) => z.object({ ...reportShape(z), skipBadRows: z._default(z.boolean(), false), respondents: z._default(z.boolean(), false) });

const MAX_SKIPPED_SHOWN = 20;

/**
 * One respondent (an answers file, a one-row survey export): the single report. More (files, a folder, a CSV): the team report.
 * A plain answers file with the built-in set never builds the model's zod schemas or loads the YAML parser: the set and the file each
 * take a path without them, and import them only when that path does not apply.
 */
export const report = kpisOption(
  frontMatterOption(
    outputOptions(
      withSetOption(
        surveyOptions(new Command("report"))
          .description("score answers and print the recommendation for every stage; several respondents make a team report")
          .argument(
            "<answers...>",
            "an answers file (YAML or JSON: answers: {question-id: yes|partly|no|unsure|n/a}); several files, a folder of them, or a survey export (CSV from Google Forms, Microsoft Forms, Typeform, SurveyMonkey, Jotform or Excel) for a team report",
          )
          .addOption(reportFormatOption(REPORT_FORMATS, "terminal"))
          .option("--skip-bad-rows", "team report: score the good respondents and leave out CSV rows or answers files with problems (listed on stderr)", false)
          .option("--respondents", "team report: list every respondent, even in a team of more than 1,000 (which lists none by default)", false),
      ),
    ),
  ),
).action(async (paths: string[], raw: unknown) => {
  const options = await parseOptions(ReportOptions, raw);
  const format = resolveFormat(options.format, options.out, REPORT_FORMATS, "terminal");
  checkFrontMatter(options.frontMatter, format);
  const [{ preparedBuiltInSet }, respondents, { render, renderTeam, reportWidth }, { emit }, { colorWanted }] = await Promise.all([
    import("../load/built-in.js"),
    import("../load/respondents.js"),
    import("../report/render.js"),
    import("../output.js"),
    import("../ui/color.js"),
  ]);
  const set = (options.questions === undefined && preparedBuiltInSet()) || orThrow(await (await import("../load/question-set.js")).loadQuestionSet(options.questions));
  const look = { color: !options.out && colorWanted(process.stdout, process.env, options.color), width: reportWidth(process.stdout), frontMatter: options.frontMatter };
  const client = options.client === undefined ? {} : { client: options.client };
  // one respondent: the report with its plan, and the KPIs' movement with --kpis
  const single = async (answers: Answers, file?: string) => {
    const [{ assess }, { withKpiAlarms, withPlan }, { isIsoDate }] = await Promise.all([import("../score/score.js"), import("../score/plan.js"), import("../model/date.js")]);
    const start = answers.date !== undefined && isIsoDate(answers.date) ? answers.date : today();
    // where questions are open, the plan names the command that goes on answering an answers file (a CSV row has none)
    const questions = options.questions === undefined ? "" : ` --questions ${shellQuote(options.questions)}`;
    const resume = file === undefined ? {} : { resume: `${cli()} assess --resume ${shellQuote(file)}${questions}` };
    let assessment = withPlan(assess(set, answers), { set, ...(answers.sizing ? { sizing: answers.sizing } : {}), start, ...resume });
    if (options.kpis) assessment = withKpiAlarms(assessment, orThrow(await (await import("../load/kpi-log.js")).loadKpiWatch(options.kpis, set, assessment, today())));
    await emit(await render(assessment, format, look), options.out, options.force);
  };
  if (await respondents.isAnswersFile(paths)) {
    await single({ ...orThrow(await respondents.readAnswers(paths[0]!, set)), ...client }, paths[0]!);
    return;
  }
  const [{ TeamTally }, { teamProgress }] = await Promise.all([import("../score/aggregate.js"), import("../ui/progress.js")]);
  // Scored as read: nothing per respondent is kept but the respondents the report lists.
  const tally = new TeamTally(set, options.respondents);
  const progress = teamProgress();
  const read = await respondents
    .readRespondents(paths, set, {
      skipBadRows: options.skipBadRows,
      survey: surveyOf(options),
      onRespondent: (r) => {
        tally.add(r);
        progress.tick(tally.count);
      },
    })
    .finally(() => progress.done());
  const reading = orThrow(read);
  const { notices, skipped } = reading.kind === "single" ? reading : reading.read;
  for (const notice of notices) say(`note: ${terminalSafe(notice)}`);
  if (skipped.count > 0) {
    const { count, total, problems } = skipped;
    const lines = [`skipped ${count} of ${total} respondents (CSV rows or answers files) with problems; the report leaves them out:`];
    say(lines[0]!);
    // each problem's location whole at the start of its line, as cli.ts prints problems
    process.stderr.write(`${formatProblems(problems.slice(0, MAX_SKIPPED_SHOWN), 0, MAX_SKIPPED_SHOWN, stderrWidth())}\n`);
    if (problems.length > MAX_SKIPPED_SHOWN) say(`... and ${problems.length - MAX_SKIPPED_SHOWN} more problems`);
  }
  if (reading.kind === "single") {
    await single(reading.answers);
    return;
  }
  const { files } = reading;
  const mixed = respondents.mixedClients(tally.clients());
  if (mixed) throw new InputError(`${paths.map(terminalSafe).join(", ")}: ${mixed}`);
  // the plan a single report has, from the team's medians and consensus answers; the KPI log read against its verdicts
  const { withTeamPlan } = await import("../score/team-plan.js");
  let team = withTeamPlan(tally.summary(files), { set, sizing: tally.sizing(), start: today() });
  if (options.kpis) {
    const [{ withKpiAlarms }, { loadKpiWatch }] = await Promise.all([import("../score/plan.js"), import("../load/kpi-log.js")]);
    team = withKpiAlarms(team, orThrow(await loadKpiWatch(options.kpis, set, team, today())));
  }
  await emit(await renderTeam(team, tally.respondents(team.disagreements), format, look), options.out, options.force);
});
