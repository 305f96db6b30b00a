/**
 * One entry of a choice list: a choice, or a heading that cannot be chosen. `name` may span lines (continuation lines carry
 * their own indent); `short` is what stays on screen after the choice, so it is always a label the user can read.
 */
export type Item<V> = { value: V; name: string; short?: string; description?: string } | { separator: string };

/** What the interview needs from a terminal; src/interview/prompts.ts implements it with inquirer, tests with a fake. */
export interface Prompter {
  /** With `clear`, the prompt leaves nothing on screen once answered; with `short`, it leaves out the line of keys to use. */
  select<V>(message: string, items: readonly Item<V>[], options?: { default?: V; clear?: boolean; short?: boolean }): Promise<V>;
  /**
   * With `editable`, the default is put on the line to edit instead of shown as a hint. With `below`, the answer is typed
   * on the line under the message and, once given, left there word-wrapped (for long answers, like a note).
   */
  input(message: string, options?: { default?: string; editable?: boolean; below?: boolean; clear?: boolean }): Promise<string>;
  confirm(message: string, options?: { default?: boolean }): Promise<boolean>;
  /** Text between prompts: headers, help, notices. */
  say(text: string): void;
  /** The width, in columns, of the terminal it draws on, read now: a window resized mid-run is honoured at the next prompt. */
  columns(): number;
}

/** The user pressed Ctrl-C at a prompt (or the process got SIGINT). */
export class PromptCancelled extends Error {
  /** Set by the interview when it kept what was being typed (a note): said in the message on stopping. */
  kept?: string;
  /** @param typed what was on an input prompt's line when it was cancelled: typed text the user may mean to keep. */
  constructor(readonly typed?: string) {
    super("cancelled at a prompt");
    this.name = "PromptCancelled";
  }
}
