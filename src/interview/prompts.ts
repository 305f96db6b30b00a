// The only module that imports inquirer; loaded with `await import()` so other commands never pay for it.
// The three prompts it uses, one package each: @inquirer/prompts would bundle them all (its editor prompt alone brings 400 KB).
import confirm from "@inquirer/confirm";
import input from "@inquirer/input";
import select, { Separator } from "@inquirer/select";
import { styleText } from "node:util";
import { terminalSafe, terminalText, wrapText } from "../text.js";
import { PromptCancelled, type Item, type Prompter } from "./prompter.js";

export interface PromptContext {
  output: NodeJS.WritableStream & { rows?: number; columns?: number };
  input?: NodeJS.ReadableStream;
  /** Aborting it cancels the current (or next) prompt, e.g. on SIGINT between prompts. */
  signal?: AbortSignal;
}

export function inquirerPrompter(context: PromptContext): Prompter {
  const { output } = context;
  const pageSize = (count: number) => Math.max(5, Math.min(count, (output.rows || 24) - 4));
  return {
    select: <V>(message: string, items: readonly Item<V>[], options: { default?: V; clear?: boolean; short?: boolean } = {}) =>
      cancellable(
        select<V>(
          {
            message: terminalText(message),
            // every text drawn passes the one sanitiser: the interview sanitises fields, this catches what it forgot (F22-F24)
            choices: items.map((item) => ("separator" in item ? new Separator(terminalText(item.separator)) : safeItem(item))),
            ...(options.default === undefined ? {} : { default: options.default }),
            pageSize: pageSize(items.length),
            loop: false,
            ...(options.short ? { theme: { style: { keysHelpTip: () => undefined } } } : {}),
          },
          { ...context, clearPromptOnDone: options.clear ?? false },
        ),
      ),
    input: (message, options = {}) =>
      cancellable(
        input(
          {
            message: terminalText(options.below ? `${message}\n` : message),
            // a note put back on the line to edit is from a file: no escape in it may reach the terminal (F23)
            ...(options.default ? { default: terminalSafe(options.default) } : {}),
            ...(options.editable ? { prefill: "editable" as const } : {}),
            // inquirer cuts a long answer mid-word at the edge; under the message it starts one column in (after a space)
            ...(options.below ? { theme: { style: { answer: (text: string) => styleText("cyan", wrapAnswer(text, output.columns || 80)) } } } : {}),
          },
          { ...context, clearPromptOnDone: options.clear ?? false },
        ),
      ),
    confirm: (message, options = {}) => cancellable(confirm({ message: terminalText(message), ...(options.default === undefined ? {} : { default: options.default }) }, context)),
    say: (text) => output.write(`${terminalText(text)}\n`),
    // The stream inquirer draws on (stderr in the CLI): stdout may be redirected, or a terminal of another width.
    columns: () => output.columns || 80,
  };
}

function safeItem<V>(item: { value: V; name: string; short?: string; description?: string }) {
  return {
    ...item,
    name: terminalText(item.name),
    ...(item.short === undefined ? {} : { short: terminalText(item.short) }),
    ...(item.description === undefined ? {} : { description: terminalText(item.description) }),
  };
}

function wrapAnswer(text: string, columns: number): string {
  const lines = wrapText(text, columns - 1, " ", "");
  return lines.join("\n").slice(1);
}

async function cancellable<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    // Ctrl-C (ExitPromptError) and our SIGINT abort (AbortPromptError) mean the same to the flow.
    if (error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError")) throw new PromptCancelled();
    throw error;
  }
}
