// The only module that imports inquirer; loaded with `await import()` so other commands never pay for it.
// The three prompts it uses, one package each: @inquirer/prompts would bundle them all (its editor prompt alone brings 400 KB).
import confirm from "@inquirer/confirm";
import input from "@inquirer/input";
import select, { Separator } from "@inquirer/select";
import { styleText } from "node:util";
import { displayWidth, terminalSafe, terminalText, wrapText } from "../text.js";
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
    input: (message, options = {}) => {
      const shown = terminalText(options.below ? `${message}\n` : message);
      // the line as typed so far, kept at every keypress: Ctrl-C on a half-typed note can keep it (PromptCancelled.typed)
      let typed = "";
      return cancellable(
        input(
          {
            message: shown,
            // a note put back on the line to edit is from a file: no escape in it may reach the terminal (F23)
            ...(options.default ? { default: terminalSafe(options.default) } : {}),
            ...(options.editable ? { prefill: "editable" as const } : {}),
            // once given, the answer stays on the line after the message: wrapped on word boundaries from where it starts,
            // since inquirer (and then the terminal) would cut a long one mid-word at the edge
            transformer: (value: string, { isFinal }: { isFinal: boolean }) => {
              if (!isFinal) {
                typed = value;
                return value;
              }
              return styleText("cyan", wrapAnswer(value, output.columns || 80, displayWidth(`✔ ${shown} `.split("\n").at(-1)!)));
            },
          },
          { ...context, clearPromptOnDone: options.clear ?? false },
        ),
        () => typed,
      );
    },
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

/** An answer echoed from column `start` on: word-wrapped to the terminal, on a line of its own if its first word does not fit after the message. */
export function wrapAnswer(text: string, columns: number, start: number): string {
  const width = columns - 1;
  const first = text.trim().split(/\s+/)[0] ?? "";
  if (start > 0 && start + displayWidth(terminalSafe(first)) > width) return `\n${wrapText(text, width).join("\n")}`;
  return wrapText(text, width, " ".repeat(start), "").join("\n").slice(start);
}

async function cancellable<T>(prompt: Promise<T>, typed?: () => string): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    // Ctrl-C (ExitPromptError) and our SIGINT abort (AbortPromptError) mean the same to the flow.
    if (error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError")) throw new PromptCancelled(typed?.());
    throw error;
  }
}
