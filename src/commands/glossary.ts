import { Command } from "commander";
import { outputOptions, outputShape, parseOptions, type Zod } from "./options.js";

const GlossaryOptions = (z: Zod) => z.object({ ...outputShape(z) });

export const glossary = outputOptions(new Command("glossary").description("explain the words the questions and the reports use (stage, verdict, play, KPI ...)")).action(
  async (raw: unknown) => {
    const options = await parseOptions(GlossaryOptions, raw);
    const [{ glossaryText }, { emit }] = await Promise.all([import("../report/glossary.js"), import("../output.js")]);
    // A file gets lines of 80 columns; a terminal its own width, up to 100.
    const width = options.out || !process.stdout.isTTY ? 80 : Math.min(process.stdout.columns || 80, 100);
    await emit(glossaryText(width), options.out, options.force);
  },
);
