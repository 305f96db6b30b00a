import { Command } from "commander";
import { formatOption, withSetOption } from "../options.js";
import { REPORT_FORMATS } from "../report/index.js";

export const DEFAULT_SAVE_FILE = "automation-fit-answers.yaml";

// Named so it does not clash with the scoring function `assess`.
export const assessCommand = withSetOption(
  new Command("assess")
    .description("answer the questions in the terminal, stage by stage, and get the report; every answer is saved as you go")
    .option("--stage <id...>", "ask only about these stages (ids as `automation-fit questions` lists them)")
    .option("--save <file>", `save the answers here after every answer (default: ${DEFAULT_SAVE_FILE})`)
    .option("--resume <file>", "continue an answers file at its first unanswered question (and keep saving to it)")
    .addOption(formatOption(REPORT_FORMATS, "terminal"))
    .option("-o, --out <file>", "write the report to this file instead of stdout (atomically)")
    .option("--force", "start over even if the save file exists, and replace the --out file", false),
).action(async (raw: unknown) => (await import("./run.js")).runAssess(raw));
