import { Command } from "commander";
import { withSetOption } from "../options.js";

export const init = withSetOption(
  new Command("init")
    .description("start your own question set: copy the built-in one (or --questions PATH) and its JSON Schemas into a folder to edit")
    .argument("<dir>", "the folder to write (made if missing)")
    .option("--force", "replace files of the same names in the folder", false),
).action(async (dir: string, raw: unknown) => (await import("./run.js")).runInit(dir, raw));
