import { InputError } from "../errors.js";
import { type Lock, lock } from "../io/lock.js";
import { checkTarget, exists, noteSaveFile, writeOutput } from "../io/write.js";
import type { Answers } from "../model/answers.js";
import type { QuestionSet } from "../model/question-set.js";
import type { Prompter } from "./prompter.js";

/** Where the answers are on disk: the file and how many answers it holds. */
export interface Kept {
  file: string | undefined;
  count: number;
  /** Answers given since the last save that worked (a full disk, a folder gone read-only): in memory only. */
  unsaved: number;
  /** Why the last save failed. */
  failure?: string;
}

type Choice = "retry" | "elsewhere" | "later" | "stop";

/**
 * The interview's save file: locked for this process (a second `--resume` of it says who holds it), written after every
 * change, the resumed file's own keys and comments kept. A save that fails keeps the answers in memory, says what could
 * not be written and offers to try again, save elsewhere, go on, or stop (with the line to resume from what is on disk).
 */
export class AnswersSaver {
  kept: Kept;
  private held: Lock | undefined;

  constructor(
    private file: string,
    private readonly set: QuestionSet,
    private readonly prompter: () => Prompter,
    start: { file: string | undefined; count: number },
    private readonly original?: string,
  ) {
    this.kept = { ...start, unsaved: 0 };
  }

  get saveFile(): string {
    return this.file;
  }

  /** Takes the lock; call before the first question. */
  async open(): Promise<void> {
    this.held = await lock(this.file);
  }

  async close(): Promise<void> {
    await this.held?.release();
    this.held = undefined;
  }

  /** Saves `answers`; resolves once they are on disk or the user chose to go on without; PromptCancelled if they stop. */
  async save(answers: Answers): Promise<void> {
    const count = Object.keys(answers.answers).length;
    for (;;) {
      try {
        // the YAML writer loads with the first save, not before the first question
        const { answersFileText } = await import("./save-file.js");
        await writeOutput(this.file, answersFileText(answers, this.set, this.file, this.original), { save: true });
        if (this.kept.unsaved) this.prompter().say(`Saved: all ${count} answers are now in ${this.file}.`);
        this.kept = { file: this.file, count, unsaved: 0 };
        return;
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        this.kept = { ...this.kept, unsaved: this.kept.unsaved + 1, failure: error.message };
        const choice = await this.ask(error.message);
        if (choice === "later") return;
        if (choice === "stop") throw new SaveStopped();
        if (choice === "elsewhere") await this.moveTo();
      }
    }
  }

  private async ask(message: string): Promise<Choice> {
    const p = this.prompter();
    p.say(`\nYour answers could not be saved. ${message}`);
    p.say(this.kept.file ? `${this.kept.file} still holds ${this.kept.count} of them; the rest are kept here, in memory, for now.` : "They are kept here, in memory, for now.");
    return p.select<Choice>("What now?", [
      { value: "retry", name: "Try again (after freeing some space, say)", short: "try again" },
      { value: "elsewhere", name: "Save to another file", short: "save elsewhere" },
      { value: "later", name: "Go on answering; try again at the next answer", short: "go on" },
      { value: "stop", name: "Stop here (the answers on disk stay; resume from them later)", short: "stop" },
    ]);
  }

  private async moveTo(): Promise<void> {
    const p = this.prompter();
    for (;;) {
      const file = (await p.input("Save the answers to which file?", { default: "automation-fit-answers-2.yaml" })).trim();
      if (!file) continue;
      try {
        if ((await exists(file)) && !(await p.confirm(`${file} already exists. Replace it?`, { default: false }))) continue;
        await checkTarget(file, { force: true });
        const next = await lock(file);
        noteSaveFile(file);
        await this.held?.release();
        this.held = next;
        this.file = file;
        return;
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        p.say(error.message);
      }
    }
  }
}

/** The user chose to stop after a failed save. */
export class SaveStopped extends Error {
  constructor() {
    super("stopped after a failed save");
    this.name = "SaveStopped";
  }
}
