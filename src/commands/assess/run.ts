import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { InputError, Interrupted } from "../../errors.js";
import { interview, textWidth, today, wrap } from "../../interview/interview.js";
import { PromptCancelled } from "../../interview/prompter.js";
import { answersFileText } from "../../interview/save-file.js";
import { loadAnswers } from "../../load/answers.js";
import { loadQuestionSet } from "../../load/question-set.js";
import type { Answers } from "../../model/answers.js";
import type { Assessment } from "../../model/assessment.js";
import type { QuestionSet } from "../../model/question-set.js";
import { checkTarget, noteSaveFile, writeOutput } from "../../io/write.js";
import { emit } from "../../output.js";
import { assess } from "../../score/score.js";
import { didYouMean } from "../../suggest.js";
import { colorWanted } from "../../ui/color.js";
import { OutputOptions, parseOptions, SetOptions } from "../parse-options.js";
import { REPORT_FORMATS } from "../report/index.js";
import { renderAssessment } from "../report/run.js";
import { DEFAULT_SAVE_FILE } from "./index.js";

const Options = SetOptions.extend(OutputOptions.shape).extend({
  format: z.enum(REPORT_FORMATS).default("terminal"),
  stage: z.array(z.string()).min(1).optional(),
  save: z.string().min(1).optional(),
  resume: z.string().min(1).optional(),
});
type Options = z.infer<typeof Options>;

export async function runAssess(raw: unknown): Promise<void> {
  const options = parseOptions(Options, raw);
  const set = await loadQuestionSet(options.questions);
  const stages = options.stage && checkStages(options.stage, set);
  const start: Answers = options.resume ? await loadAnswers(options.resume, set) : { answers: {}, notes: {} };
  const saveFile = options.save ?? options.resume ?? DEFAULT_SAVE_FILE;
  await checkSaveFile(saveFile, options);
  noteSaveFile(saveFile, { resumed: options.resume !== undefined && resolve(options.resume) === resolve(saveFile) });
  await checkTarget(saveFile, { save: true });
  // every output is checked before the first question: a refusal after the interview would waste it
  if (options.out) await checkTarget(options.out, { force: options.force });
  if (!process.stdin.isTTY) {
    throw new InputError(
      "automation-fit assess asks its questions in a terminal, and stdin is not one (it is piped or redirected).\n" +
        "To score answers you already have, use: automation-fit report ANSWERS",
    );
  }

  const { inquirerPrompter } = await import("../../interview/prompts.js");
  // A Ctrl-C between prompts (terminal not in raw mode) arrives as SIGINT: cancel the next prompt instead of dying unsaved.
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.on("SIGINT", onSigint);
  const prompter = inquirerPrompter({ output: process.stderr, signal: abort.signal });
  let kept = { file: options.resume, count: Object.keys(start.answers).length };
  const save = async (answers: Answers) => {
    await writeOutput(saveFile, answersFileText(answers, set, saveFile), { save: true });
    kept = { file: saveFile, count: Object.keys(answers.answers).length };
  };
  try {
    const answers = await interview(set, start, prompter, save, {
      ...(stages ? { stages } : {}),
      saveFile,
      color: colorWanted(process.stderr, process.env, options.color),
      today: today(),
    });
    const assessment = onlyStages(assess(set, answers), stages);
    const color = colorWanted(process.stdout, process.env, options.color);
    // On a terminal the report is a summary and a choice; redirected or --out, the full report goes there as it always did.
    const terminal = Boolean(process.stdout.isTTY);
    if (options.out || !terminal) {
      prompter.say("");
      await emit(await renderAssessment(assessment, options.format, !options.out && color), options.out, options.force);
    }
    prompter.say(
      `\n${wrap(`Answers saved in ${saveFile}; score them again any time with: ${cli()} report ${shellQuote(saveFile)}${questionsArg(options)}`, textWidth(prompter.columns()))}`,
    );
    if (terminal) {
      // Every answer is saved: from here Ctrl-C is for the pager, or ends a prompt as usual, and is not an interruption to keep.
      process.off("SIGINT", onSigint);
      const [{ ending }, { renderSummary }, { showPaged }] = await Promise.all([
        import("../../interview/ending.js"),
        import("../../report/summary.js"),
        import("../../interview/pager.js"),
      ]);
      const show = (text: string) => process.stdout.write(text);
      await ending(prompter, {
        summary: `\n${renderSummary(assessment, { color, width: process.stdout.columns || 80 })}`,
        read: async () => showPaged(await renderAssessment(assessment, options.format, color), { output: process.stdout, prompter }),
        render: (format) => renderAssessment(assessment, format, false),
        formats: (["markdown", "html", "json"] as const).filter((f) => REPORT_FORMATS.includes(f)),
        baseName: reportName(answers),
        show,
      });
    }
  } catch (error) {
    if (error instanceof PromptCancelled) throw new Interrupted(stopped(kept, options, stages));
    throw error;
  } finally {
    process.off("SIGINT", onSigint);
  }
}

function checkStages(ids: string[], set: QuestionSet): string[] {
  const known = set.stages.map((s) => s.id);
  const problems = ids
    .filter((id) => !known.includes(id))
    .map((id) => ({ file: "", message: `option --stage: unknown stage '${id}'${didYouMean(id, known) || `; the stages are: ${known.join(", ")}`}` }));
  if (problems.length) throw new InputError(problems);
  return [...new Set(ids)];
}

async function checkSaveFile(file: string, options: Options): Promise<void> {
  const folder = await stat(dirname(resolve(file))).catch(() => undefined);
  if (!folder?.isDirectory()) throw new InputError([{ file, message: "cannot be saved: its folder does not exist" }]);
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) throw new InputError([{ file, message: "is a folder; --save names a file, like answers.yaml" }]);
  const continuing = options.resume !== undefined && resolve(options.resume) === resolve(file);
  if (info && !continuing && !options.force) {
    throw new InputError(
      [
        `${file} already exists (answers from an earlier assessment?); it was left as it is. Either`,
        `  continue it:              ${assessCommandLine()} --resume ${shellQuote(file)}${questionsArg(options)}`,
        "  keep it and start anew:   add --save OTHER-FILE.yaml",
        "  start over, replacing it: add --force",
      ].join("\n"),
    );
  }
}

function stopped(kept: { file: string | undefined; count: number }, options: Options, stages: string[] | undefined): string {
  if (!kept.file) return "Stopped before anything was saved; nothing was written.";
  const command = [
    `${assessCommandLine()} --resume ${shellQuote(kept.file)}`,
    questionsArg(options),
    stages ? ` --stage ${stages.map(shellQuote).join(" ")}` : "",
    options.format !== "terminal" ? ` --format ${options.format}` : "",
    options.out ? ` --out ${shellQuote(options.out)}` : "",
  ].join("");
  return `Kept ${kept.count} answer${kept.count === 1 ? "" : "s"} in ${kept.file}. Resume with: ${command}`;
}

const questionsArg = (options: Options) => (options.questions ? ` --questions ${shellQuote(options.questions)}` : "");

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

// Run as `npm start` from a clone, `automation-fit` is not on the PATH: name the commands that work there.
const fromNpmStart = () => process.env.npm_lifecycle_event === "start";
const cli = () => (fromNpmStart() ? "npx automation-fit" : "automation-fit");
const assessCommandLine = () => (fromNpmStart() ? "npm start --" : "automation-fit assess");

export function shellQuote(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
