import { PromptCancelled, type Item, type Prompter } from "../../src/interview/prompter.js";

/** Press Enter on the default: the current answer (select), the default text (input) or the default (confirm). */
export const ENTER = Symbol("enter");
export const CTRL_C = Symbol("ctrl-c");
/** Ctrl-C with this text on the input line (typed, not yet entered). */
export const ctrlCTyped = (typed: string) => ({ ctrlC: typed });
export type Reply = string | boolean | typeof ENTER | typeof CTRL_C | ReturnType<typeof ctrlCTyped>;

/** One prompt as the user saw it: the message, the choices' names, and the choice the cursor started on. */
export interface Shown {
  kind: "select" | "input" | "confirm";
  message: string;
  choices: string[];
  /** What stays on screen after each choice (inquirer's `short`, else the name). */
  echoes: string[];
  cursor?: string;
  default?: string | boolean;
}

/** A scripted user: answers select prompts by a choice's name (exact, else its start, else a part), input prompts by text. */
export class FakePrompter implements Prompter {
  readonly shown: Shown[] = [];
  readonly said: string[] = [];
  /** Everything in order, prompts as "? message", said text as is. */
  readonly transcript: string[] = [];

  constructor(
    private readonly replies: Reply[],
    /** The terminal's width; a function so a test can resize it mid-run. */
    readonly columns: () => number = () => 80,
  ) {}

  private next(): Reply {
    if (!this.replies.length) throw new Error(`no reply scripted for: ${this.transcript.at(-1)}`);
    const reply = this.replies.shift()!;
    if (reply === CTRL_C) throw new PromptCancelled();
    if (typeof reply === "object") throw new PromptCancelled(reply.ctrlC);
    return reply;
  }

  get left(): number {
    return this.replies.length;
  }

  async select<V>(message: string, items: readonly Item<V>[], options: { default?: V } = {}): Promise<V> {
    const choices = items.filter((i): i is Exclude<Item<V>, { separator: string }> => !("separator" in i));
    const cursor = choices.find((c) => options.default !== undefined && c.value === options.default) ?? choices[0]!;
    this.shown.push({ kind: "select", message, choices: choices.map((c) => c.name), echoes: choices.map((c) => c.short ?? c.name), cursor: cursor.name });
    this.transcript.push(`? ${message}`);
    const reply = this.next();
    if (reply === ENTER) return cursor.value;
    const text = String(reply);
    const choice = choices.find((c) => c.name === text) ?? choices.find((c) => c.name.startsWith(text)) ?? choices.find((c) => c.name.includes(text));
    if (!choice) throw new Error(`no choice '${text}' at '${message}'; choices: ${choices.map((c) => c.name).join(" | ")}`);
    return choice.value;
  }

  async input(message: string, options: { default?: string; editable?: boolean } = {}): Promise<string> {
    this.shown.push({ kind: "input", message, choices: [], echoes: [], ...(options.default === undefined ? {} : { default: options.default }) });
    this.transcript.push(`? ${message}`);
    const reply = this.next();
    return reply === ENTER ? (options.default ?? "") : String(reply);
  }

  async confirm(message: string, options: { default?: boolean } = {}): Promise<boolean> {
    this.shown.push({ kind: "confirm", message, choices: [], echoes: [], ...(options.default === undefined ? {} : { default: options.default }) });
    this.transcript.push(`? ${message}`);
    const reply = this.next();
    return reply === ENTER ? (options.default ?? false) : reply === true || reply === "y" || reply === "yes";
  }

  say(text: string): void {
    this.said.push(text);
    this.transcript.push(text);
  }

  /** The messages of the select prompts, in order. */
  questions(): string[] {
    return this.shown.filter((s) => s.kind === "select").map((s) => s.message);
  }
}
