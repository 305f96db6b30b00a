import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Command } from "commander";
import { InputError, Interrupted, orThrow } from "../errors.js";
import type { Kept } from "../interview/save-answers.js";
import type { Answers } from "../model/answers.js";
import type { Assessment } from "../model/report.js";
import type { QuestionSet } from "../model/question-set.js";
import { REPORT_FORMATS, type ReportFormat } from "../report/formats.js";
import { didYouMean } from "../suggest.js";
import { cli, fromNpmStart, shellQuote, stderrWidth, withCommand, withCommands, wrapMessage } from "../text.js";
import { type OptionsOf, optionalChoice, outputShape, parseOptions, reportFormatOption, resolveFormat, setShape, withSetOption, type Zod } from "./options.js";

const AssessOptions = (z: Zod) =>
  z.object({
    ...setShape(z),
    ...outputShape(z),
    format: optionalChoice(z, REPORT_FORMATS),
    stage: z.optional(z.array(z.string()).check(z.minLength(1))),
    save: z.optional(z.string().check(z.minLength(1))),
    resume: z.optional(z.string().check(z.minLength(1))),
  });
type AssessOptions = Omit<OptionsOf<typeof AssessOptions>, "format"> & { format: ReportFormat };

export const DEFAULT_SAVE_FILE = "automation-fit-answers.yaml";

export const assess = withSetOption(
  new Command("assess")
    .description("answer the questions in the terminal, stage by stage, and get the report; every answer is saved as you go")
    .option("--stage <id...>", "ask only about these stages (ids as `automation-fit questions` lists them)")
    .option("--save <file>", `save the answers here after every answer (default: ${DEFAULT_SAVE_FILE})`)
    .option("--resume <file>", "continue an answers file at its first unanswered question (and keep saving to it)")
    .addOption(reportFormatOption(REPORT_FORMATS, "terminal"))
    .option("-o, --out <file>", "write the report to this file instead of stdout (atomically)")
    .option("--force", "start over even if the save file exists, and replace the --out file", false),
).action(async (raw: unknown) => {
  const parsed = await parseOptions(AssessOptions, raw);
  const options: AssessOptions = { ...parsed, format: resolveFormat(parsed.format, parsed.out, REPORT_FORMATS, "terminal") };
  // up to the first question, only what it takes: the set, the answers resumed, the save file; the rest after the interview
  const [{ preparedBuiltInSet }, { checkTarget, noteSaveFile }] = await Promise.all([import("../load/built-in.js"), import("../io/write.js")]);
  const set = (options.questions === undefined && preparedBuiltInSet()) || orThrow(await (await import("../load/question-set.js")).loadQuestionSet(options.questions));
  const stages = options.stage && checkStages(options.stage, set);
  const start: Answers = options.resume ? orThrow(await (await import("../load/answers.js")).loadAnswers(options.resume, set)) : { answers: {}, notes: {} };
  // the file resumed, as written: its comments and keys are kept in every save
  const readText = options.resume ? (await import("../io/decode.js")).readText : undefined;
  const original = options.resume && readText ? (await readText(options.resume, { maxBytes: Number.POSITIVE_INFINITY, kind: "an answers file" })).text : undefined;
  const saveFile = options.save ?? options.resume ?? DEFAULT_SAVE_FILE;
  await checkSaveFile(saveFile, options);
  noteSaveFile(saveFile, { resumed: options.resume !== undefined && resolve(options.resume) === resolve(saveFile) });
  // every output is checked before the first question (a read-only folder too): a refusal after the interview would waste it
  await checkTarget(saveFile, { save: true });
  if (options.out) await checkTarget(options.out, { force: options.force });
  if (!process.stdin.isTTY) {
    throw new InputError(
      `${wrapMessage("automation-fit assess asks its questions in a terminal, and stdin is not one (it is piped or redirected).", stderrWidth())}\n` +
        withCommand("To score answers you already have, use:", `${cli()} report ANSWERS`, stderrWidth()),
    );
  }
  // npm writes its "> automation-fit@0.1.0 start" lines to stdout ahead of ours: a redirected report would begin with them
  if (fromNpmStart() && !options.out && !process.stdout.isTTY) process.stderr.write(`${npmBannerNote(options, stages)}\n\n`);

  const [{ interview, textWidth, today }, { PromptCancelled }, { AnswersSaver, SaveStopped }, { inquirerPrompter }, { colorWanted }] = await Promise.all([
    import("../interview/interview.js"),
    import("../interview/prompter.js"),
    import("../interview/save-answers.js"),
    import("../interview/prompts.js"),
    import("../ui/color.js"),
  ]);
  // Ctrl-C between prompts (terminal not in raw mode) arrives as SIGINT; SIGTERM and SIGHUP are a stop too: each cancels
  // the current or next prompt, which restores the terminal, and the run ends with what was kept and how to resume.
  const abort = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy ??= signal;
    abort.abort();
  };
  // after a hang-up the terminal is gone: a failed write of the last words must not become a crash
  const ignoreWriteErrors = () => {};
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  process.stderr.on("error", ignoreWriteErrors);
  const prompter = inquirerPrompter({ output: process.stderr, signal: abort.signal });
  const saver = new AnswersSaver(saveFile, set, () => prompter, { file: options.resume, count: Object.keys(start.answers).length }, original);
  try {
    await saver.open();
    const answers = await interview(set, start, prompter, (a) => saver.save(a), {
      ...(stages ? { stages } : {}),
      saveFile,
      color: colorWanted(process.stderr, process.env, options.color),
      today: today(),
    });
    const [scoring, { render, reportWidth }, planning, { isIsoDate }, { emit }] = await Promise.all([
      import("../score/score.js"),
      import("../report/render.js"),
      import("../score/plan.js"),
      import("../model/date.js"),
      import("../output.js"),
    ]);
    const scored = onlyStages(scoring.assess(set, answers), stages);
    // with its plan, as `report` gives it (the first things to do are the summary's), for the stages asked about
    const planStart = answers.date !== undefined && isIsoDate(answers.date) ? answers.date : today();
    const assessment: Assessment = planning.withPlan(scored, {
      set,
      ...(answers.sizing ? { sizing: answers.sizing } : {}),
      start: planStart,
      resume: resumeLine(saver.saveFile, options, stages),
    });
    const color = colorWanted(process.stdout, process.env, options.color);
    const width = reportWidth(process.stdout);
    // On a terminal the report is a summary and a choice; redirected or --out, the full report goes there as it always did.
    const terminal = Boolean(process.stdout.isTTY);
    if (options.out || !terminal) {
      prompter.say("");
      await emit(await render(assessment, options.format, { color: !options.out && color, width }), options.out, options.force);
    }
    const kept = saver.kept;
    const textCols = textWidth(prompter.columns());
    if (kept.unsaved) prompter.say(`\n${notSaved(kept, options, stages, textCols)}`);
    else
      prompter.say(
        `\n${withCommand(`Answers saved in ${kept.file}; score them again any time with:`, `${cli()} report ${shellQuote(kept.file!)}${questionsArg(options)}`, textCols)}`,
      );
    if (terminal) {
      // Every answer is saved: from here Ctrl-C is for the pager, or ends a prompt as usual, and is not an interruption to keep.
      process.off("SIGINT", onSignal);
      const [{ ending }, { renderSummary }, { showPaged }] = await Promise.all([import("../interview/ending.js"), import("../report/summary.js"), import("../interview/pager.js")]);
      const show = (text: string) => process.stdout.write(text);
      await ending(prompter, {
        summary: `\n${renderSummary(assessment, { color, width: process.stdout.columns || 80, footer: `The words used, explained: ${cli()} glossary` })}`,
        read: async () => showPaged(await render(assessment, options.format, { color, width }), { output: process.stdout, prompter }),
        render: (format) => render(assessment, format, { color: false, width }),
        formats: (["markdown", "html", "json"] as const).filter((f) => REPORT_FORMATS.includes(f)),
        baseName: reportName(answers),
        show,
      });
    }
  } catch (error) {
    if (error instanceof PromptCancelled || error instanceof SaveStopped) {
      // the message goes to the terminal the interview drew on: its commands wrapped whole at that terminal's width
      throw new Interrupted(stopped(saver.kept, options, stages, stderrWidth(), error instanceof PromptCancelled ? error.kept : undefined), exitCodeOf(stoppedBy));
    }
    throw error;
  } finally {
    await saver.close();
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
});

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** 128 + the signal's number, as a shell reports a process a signal ended: SIGHUP 129, SIGTERM 143; Ctrl-C 130. */
const exitCodeOf = (signal: NodeJS.Signals | undefined) => (signal === "SIGTERM" ? 143 : signal === "SIGHUP" ? 129 : 130);

function checkStages(ids: string[], set: QuestionSet): string[] {
  const known = set.stages.map((s) => s.id);
  const problems = ids
    .filter((id) => !known.includes(id))
    .map((id) => ({
      file: "",
      message: wrapMessage(`option --stage: unknown stage '${id}'${didYouMean(id, known) || `; the stages are: ${known.join(", ")}`}`, stderrWidth(), "  "),
    }));
  if (problems.length) throw new InputError(problems);
  return [...new Set(ids)];
}

async function checkSaveFile(file: string, options: AssessOptions): Promise<void> {
  const folder = await stat(dirname(resolve(file))).catch(() => undefined);
  if (!folder?.isDirectory()) throw new InputError(wrapMessage(`${file} cannot be saved: its folder does not exist`, stderrWidth()));
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) throw new InputError(wrapMessage(`${file} is a folder; --save names a file, like answers.yaml`, stderrWidth()));
  const continuing = options.resume !== undefined && resolve(options.resume) === resolve(file);
  if (info && !continuing && !options.force) {
    // Whole commands, as they work where this one ran: `add --force` fails under npm start, which takes --force for itself.
    const stages = options.stage ? [...new Set(options.stage)] : undefined;
    throw new InputError(
      withCommands(
        `${file} already exists (answers from an earlier assessment?); it was left as it is. Either`,
        [
          { label: "continue it:", command: resumeLine(file, options, stages) },
          { label: "keep it and start anew:", command: rerunLine(`--save ${shellQuote(await freeName(file))}`, options, stages) },
          { label: "start over, replacing it:", command: rerunLine("--force", options, stages) },
        ],
        stderrWidth(),
      ),
    );
  }
}

/** answers.yaml -> answers-2.yaml, or the first of -3, -4 ... that does not exist. */
async function freeName(file: string): Promise<string> {
  const dot = file.lastIndexOf(".");
  const [stem, ext] = dot > file.lastIndexOf("/") && dot > 0 ? [file.slice(0, dot), file.slice(dot)] : [file, ""];
  for (let n = 2; ; n++) {
    const name = `${stem}-${n}${ext}`;
    if (!(await stat(name).catch(() => undefined))) return name;
  }
}

/** What was kept and the command to resume, wrapped at `width` (the terminal's) with the command whole. */
function stopped(kept: Kept, options: AssessOptions, stages: string[] | undefined, width: number | undefined, keptToo?: string): string {
  if (kept.unsaved) return notSaved(kept, options, stages, width);
  if (!kept.file) return wrapMessage("Stopped before anything was saved; nothing was written.", width);
  const what = `${kept.count} answer${kept.count === 1 ? "" : "s"}${keptToo ? ` and ${keptToo}` : ""}`;
  return withCommand(`Kept ${what} in ${kept.file}. Resume with:`, resumeLine(kept.file, options, stages), width);
}

/** After saves that failed: what is on disk, what was not written and why, and how to go on from what is on disk. */
function notSaved(kept: Kept, options: AssessOptions, stages: string[] | undefined, width: number | undefined): string {
  const changes = `${kept.unsaved} change${kept.unsaved === 1 ? "" : "s"}`;
  const why = kept.failure ? ` (${kept.failure})` : "";
  if (!kept.file) return wrapMessage(`Your answers could not be saved${why}; nothing was written. Free some space or choose another --save file, and start again.`, width);
  return withCommand(
    `The last ${changes} could not be saved${why}. ${kept.file} holds ${kept.count} answer${kept.count === 1 ? "" : "s"}. Resume with:`,
    resumeLine(kept.file, options, stages),
    width,
  );
}

/** Said under npm start with stdout redirected: the report there will follow npm's own lines; --out writes it alone. */
function npmBannerNote(options: AssessOptions, stages: string[] | undefined): string {
  const file = `report${{ markdown: ".md", html: ".html", json: ".json" }[options.format as string] ?? ".txt"}`;
  const continuing = options.resume ? `--resume ${shellQuote(options.resume)} ` : options.save ? `--save ${shellQuote(options.save)} ` : "";
  return withCommand(
    "note: npm start prints its own lines ('> automation-fit@… start') on stdout too, so the report redirected there will begin with them. For a file that holds the report alone, run instead:",
    rerunLine(`${continuing}--out ${file}`, options, stages),
    stderrWidth(),
  );
}

function resumeLine(file: string, options: AssessOptions, stages: string[] | undefined): string {
  return rerunLine(`--resume ${shellQuote(file)}`, options, stages);
}

/** This assess command again, with `first` (e.g. --resume FILE) and the options given that still apply. */
function rerunLine(first: string, options: AssessOptions, stages: string[] | undefined): string {
  return [
    `${assessCommandLine()} ${first}`,
    questionsArg(options),
    stages ? ` --stage ${stages.map(shellQuote).join(" ")}` : "",
    options.format !== "terminal" ? ` --format ${options.format}` : "",
    options.out ? ` --out ${shellQuote(options.out)}` : "",
  ].join("");
}

const questionsArg = (options: AssessOptions) => (options.questions ? ` --questions ${shellQuote(options.questions)}` : "");

function onlyStages(assessment: Assessment, stages: string[] | undefined): Assessment {
  return stages ? { ...assessment, stages: assessment.stages.filter((s) => stages.includes(s.id)) } : assessment;
}

function reportName(answers: Answers): string {
  const slug = (answers.client ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return slug ? `${slug}-automation-fit` : "automation-fit-report";
}

const assessCommandLine = () => (fromNpmStart() ? "npm start --" : `${cli()} assess`);
