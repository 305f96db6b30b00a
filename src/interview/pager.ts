import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { Prompter } from "./prompter.js";

export interface PagerContext {
  /** Where the text goes: the terminal stdout is. */
  output: NodeJS.WritableStream & { rows?: number };
  prompter: Prompter;
  env?: NodeJS.ProcessEnv;
}

/** Shows text a screen at a time: in `less -R` (colours kept) where there is one, else page by page with a prompt between pages. */
export async function showPaged(text: string, context: PagerContext): Promise<void> {
  const env = context.env ?? process.env;
  const less = onPath("less", env);
  if (less) return runLess(less, text, env);
  const lines = text.replace(/\n$/, "").split("\n");
  const size = Math.max(5, (context.output.rows || 24) - 2);
  for (let start = 0; start < lines.length; start += size) {
    context.output.write(`${lines.slice(start, start + size).join("\n")}\n`);
    const shown = Math.min(start + size, lines.length);
    if (shown >= lines.length) break;
    const reply = await context.prompter.input(`Lines 1-${shown} of ${lines.length}: Enter for more, q and Enter to stop`, { clear: true });
    if (reply.trim().toLowerCase().startsWith("q")) break;
  }
}

function runLess(less: string, text: string, env: NodeJS.ProcessEnv): Promise<void> {
  // Ctrl-C in less is for less (it stops a search); without a listener of our own, Node would end the whole program.
  const ignore = () => {};
  process.on("SIGINT", ignore);
  // A C locale would show box drawing and ✎ as <E2><94><80>: the report is UTF-8 whatever the locale says.
  const child = spawn(less, ["-R"], { stdio: ["pipe", "inherit", "inherit"], env: { ...env, LESSCHARSET: env.LESSCHARSET ?? "utf-8" } });
  child.stdin.on("error", () => {}); // q before the end of a long text closes the pipe: not an error
  child.stdin.end(text);
  return new Promise<void>((resolve) => {
    const done = () => {
      process.off("SIGINT", ignore);
      resolve();
    };
    child.on("close", done);
    child.on("error", done);
  });
}

/** The executable `name` on PATH, if any. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return undefined;
}
