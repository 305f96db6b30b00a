import { Command } from "commander";
import { withSetOption } from "../options.js";

export const validate = withSetOption(
  new Command("validate")
    .description("check question sets (files or folders) and answers files; every problem as FILE:LINE:COL")
    .argument("[paths...]", "question sets or answers files (default: the built-in set)"),
).action(async (paths: string[], raw: unknown) => (await import("./run.js")).runValidate(paths, raw));
