import { Command } from "commander";
import { orThrow } from "../errors.js";
import { choice, formatOption, outputOptions, outputShape, parseOptions, setShape, withSetOption, type Zod } from "./options.js";

const TEMPLATE_FORMATS = ["yaml", "csv"] as const;
const TemplateOptions = (z: Zod) => z.object({ ...setShape(z), ...outputShape(z), format: choice(z, TEMPLATE_FORMATS, "yaml") });

export const template = outputOptions(
  withSetOption(
    new Command("template")
      .description("print a blank answers file (yaml) or the header row of a survey sheet (csv) for the question set")
      .addOption(formatOption(TEMPLATE_FORMATS, "yaml")),
  ),
).action(async (raw: unknown) => {
  const options = await parseOptions(TemplateOptions, raw);
  const [{ loadQuestionSet }, { answersTemplate, csvTemplate }, { emit }] = await Promise.all([
    import("../load/question-set.js"),
    import("../report/template.js"),
    import("../output.js"),
  ]);
  const set = orThrow(await loadQuestionSet(options.questions));
  await emit(options.format === "csv" ? csvTemplate(set) : answersTemplate(set), options.out, options.force);
});
