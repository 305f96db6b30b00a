import { Command } from "commander";
import { orThrow } from "../errors.js";
import { choice, formatOption, outputOptions, outputShape, parseOptions, setShape, withSetOption, type Zod } from "./options.js";

const QUESTIONS_FORMATS = ["text", "json"] as const;
const QuestionsOptions = (z: Zod) => z.object({ ...setShape(z), ...outputShape(z), format: choice(z, QUESTIONS_FORMATS, "text") });

export const questions = outputOptions(
  withSetOption(new Command("questions").description("list the stages and questions of the question set").addOption(formatOption(QUESTIONS_FORMATS, "text"))),
).action(async (raw: unknown) => {
  const options = await parseOptions(QuestionsOptions, raw);
  const [{ loadQuestionSet }, { emit }, { colorWanted }] = await Promise.all([import("../load/question-set.js"), import("../output.js"), import("../ui/color.js")]);
  const set = orThrow(await loadQuestionSet(options.questions));
  const color = !options.out && colorWanted(process.stdout, process.env, options.color);
  const text = options.format === "json" ? `${JSON.stringify(set, null, 2)}\n` : (await import("../report/questions.js")).listQuestions(set, color);
  await emit(text, options.out, options.force);
});
