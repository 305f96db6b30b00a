import { Command } from "commander";
import { byPosition, formatProblem, InputError, type Loaded, type Problem, problemsOf } from "../errors.js";
import type { QuestionSet } from "../model/question-set.js";
import { REPORT_FORMATS } from "../report/formats.js";
import type { ProgressInput } from "../score/compare.js";
import { say, setLabel, terminalSafe } from "../text.js";
import {
  checkFrontMatter,
  frontMatterOption,
  kpisOption,
  outputOptions,
  parseOptions,
  reportFormatOption,
  reportShape,
  resolveFormat,
  surveyOf,
  surveyOptions,
  today,
  withSetOption,
  type Zod,
} from "./options.js";

const CompareOptions = (z: Zod) => z.object(reportShape(z));

export const compare = kpisOption(
  frontMatterOption(
    outputOptions(
      withSetOption(
        surveyOptions(new Command("compare"))
          .description("show progress between two assessments: scores and verdicts then and now, and the answers that moved them")
          .argument("<before>", "the earlier answers file, a report saved with 'report --format json', or a team (a survey CSV or a folder): a survey round")
          .argument("<after>", "the later one: an answers file, a saved JSON report, or a team")
          .addOption(reportFormatOption(REPORT_FORMATS, "terminal")),
      ),
    ),
  ),
).action(async (before: string, after: string, raw: unknown) => {
  const options = await parseOptions(CompareOptions, raw);
  const format = resolveFormat(options.format, options.out, REPORT_FORMATS, "terminal");
  checkFrontMatter(options.frontMatter, format);
  const [{ isCsv, isFolder, quickAnswersFile }, { preparedBuiltInSet }, { assess }, progress, { render, reportWidth }, { emit }, { colorWanted }] = await Promise.all([
    import("../load/respondents.js"),
    import("../load/built-in.js"),
    import("../score/score.js"),
    import("../score/compare.js"),
    import("../report/render.js"),
    import("../output.js"),
    import("../ui/color.js"),
  ]);
  // a survey CSV or a folder is a team (a survey round); a file, an answers file or a saved report
  const teamSide = async (path: string) => isCsv(path) || (await isFolder(path));
  const sides = [before, after];
  const teams = await Promise.all(sides.map(teamSide));
  // plain answers files with the built-in set take report's quick reader; the rest the full one (YAML, zod)
  const builtIn = options.questions === undefined ? preparedBuiltInSet() : undefined;
  const quick = sides.map((path, i) => (builtIn && !teams[i] ? quickAnswersFile(path, builtIn) : undefined));
  const readProgressFile = quick.every((q, i) => q || teams[i]) ? undefined : (await import("../load/report.js")).readProgressFile;
  const reads = await Promise.all(sides.map((path, i) => (teams[i] || quick[i] || !readProgressFile ? { problems: [] } : readProgressFile(path))));
  const bad = { problems: reads.flatMap((r): Problem[] => r.problems), uncounted: 0 };
  let set: QuestionSet | undefined;
  // a KPI log is read against the set's KPIs, whatever the sides are
  if (options.kpis || teams.some(Boolean) || quick.some(Boolean) || reads.some((r) => "value" in r && r.value?.kind === "answers")) {
    set = builtIn ?? gather(bad, await (await import("../load/question-set.js")).loadQuestionSet(options.questions));
  }

  const inputs: ProgressInput[] = [];
  for (const [i, read] of reads.entries()) {
    const file = sides[i]!;
    const value = "value" in read ? read.value : undefined;
    if (teams[i] && set) {
      const side = gather(bad, await readTeamSide(file, set, surveyOf(options)));
      if (side) inputs.push(side);
    } else if (quick[i] && set) inputs.push({ file, kind: "answers", assessment: assess(set, quick[i], NO_FLIPS), answers: quick[i] });
    else if (value?.kind === "report") inputs.push({ file, kind: "report", assessment: value.report });
    else if (value?.kind === "team") {
      const { respondentCount, stages, ...team } = value.report;
      const assessment = { ...team, stages: stages.map(({ median, ...s }) => ({ ...s, score: median })) };
      inputs.push({ file, kind: "team", respondents: respondentCount, assessment });
    } else if (value?.kind === "answers" && set) {
      const source = value.source;
      const answers = gather(bad, (await import("../load/answers.js")).checkAnswers(source, set));
      if (answers) inputs.push({ file, kind: "answers", assessment: assess(set, answers, NO_FLIPS), answers });
    }
  }
  const [then, now] = inputs;
  const watch = options.kpis && set && now ? gather(bad, await (await import("../load/kpi-log.js")).loadKpiWatch(options.kpis, set, now.assessment, today())) : undefined;
  // the same file on both sides would report each problem twice
  const unique = [...new Map(bad.problems.map((p) => [formatProblem(p), p])).values()];
  if (unique.length || !then || !now) throw new InputError(unique.sort(byPosition), bad.uncounted);

  const color = !options.out && colorWanted(process.stdout, process.env, options.color);
  const comparison = progress.compare(then, now, set);
  // a row per stage, each "not there" on one side, compares nothing (#24)
  if (!comparison.stages.some((s) => s.before && s.after)) {
    const named = (x: ProgressInput) => `${terminalSafe(x.file)} (${terminalSafe(setLabel(x.assessment.set))})`;
    throw new InputError(`${named(then)} and ${named(now)} have no stage in common; compare assessments made with the same question set`);
  }
  await emit(
    await render(watch ? { ...comparison, kpiWatch: watch } : comparison, format, { color, width: reportWidth(process.stdout), frontMatter: options.frontMatter }),
    options.out,
    options.force,
  );
});

/** compare shows the stages' scores and verdicts, not what would flip them: the search (the bulk of scoring) is skipped. */
const NO_FLIPS = { flips: false };

/** A survey round as a side: one respondent is compared answer by answer, a team at its stage medians. */
async function readTeamSide(path: string, set: QuestionSet, survey: ReturnType<typeof surveyOf>): Promise<Loaded<ProgressInput>> {
  const [{ readRespondents }, { TeamTally }, { assess }, { teamStages }] = await Promise.all([
    import("../load/respondents.js"),
    import("../score/aggregate.js"),
    import("../score/score.js"),
    import("../score/compare.js"),
  ]);
  const tally = new TeamTally(set);
  const read = await readRespondents([path], set, { survey, onRespondent: (r) => tally.add(r) });
  const reading = read.value;
  if (!reading) return problemsOf(read);
  const { notices, dated } = reading.kind === "single" ? reading : reading.read;
  for (const notice of notices) say(`note: ${terminalSafe(notice)}`);
  const side: ProgressInput =
    reading.kind === "single"
      ? { file: path, kind: "answers", assessment: assess(set, reading.answers, NO_FLIPS), answers: reading.answers }
      : { file: path, kind: "team", respondents: tally.count, assessment: teamStages(tally.summary(reading.files)) };
  // a survey round is dated by the latest day in its time columns (Timestamp, Start time ...), and says so
  if (dated && !side.assessment.date) {
    side.assessment = { ...side.assessment, date: dated.day };
    const order = dated.order ? `, read as ${dated.order}` : "";
    say(`note: ${terminalSafe(path)}: dated ${dated.day}, the latest day in its "${terminalSafe(dated.header)}" column${order}`);
  }
  return { value: side, problems: [] };
}

/** A loader's value, its problems added to the command's (thrown together, once, at the end). */
function gather<T>(bad: { problems: Problem[]; uncounted: number }, loaded: Loaded<T>): T | undefined {
  bad.problems.push(...loaded.problems);
  bad.uncounted += loaded.uncounted ?? 0;
  return loaded.problems.length ? undefined : loaded.value;
}
