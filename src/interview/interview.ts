import type { Answers } from "../model/answers.js";
import type { Question, QuestionSet, Stage } from "../model/question-set.js";
import { wrapText } from "../report/terminal.js";
import { terminalSafe } from "../report/text.js";
import { palette } from "../ui/palette.js";
import type { Item, Prompter } from "./prompter.js";

/** One question in the order the interview asks it: a question bearing on several stages is asked once, in the first. */
export interface Step {
  question: Question;
  stage: Stage;
  /** 1-based, among the stages that have questions to ask. */
  stageNumber: number;
  stageCount: number;
  /** 1-based, among all questions asked. */
  number: number;
  count: number;
}

export interface InterviewOptions {
  /** Only these stage ids (already checked against the set). */
  stages?: readonly string[];
  /** The save file, named in the opening. */
  saveFile?: string;
  color?: boolean;
  /** Terminal width, to fit the review list. */
  width?: number;
  /** YYYY-MM-DD written as the answers' date. */
  today?: string;
}

export function plan(set: QuestionSet, stageIds?: readonly string[]): Step[] {
  const asked = new Set<string>();
  const groups = set.stages
    .filter((stage) => !stageIds || stageIds.includes(stage.id))
    .map((stage) => {
      const questions = set.questions.filter((q) => Object.hasOwn(q.stages, stage.id) && !asked.has(q.id));
      for (const q of questions) asked.add(q.id);
      return { stage, questions };
    })
    .filter((g) => g.questions.length);
  const count = asked.size;
  let number = 0;
  return groups.flatMap(({ stage, questions }, i) => questions.map((question) => ({ question, stage, stageNumber: i + 1, stageCount: groups.length, number: ++number, count })));
}

export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** About 20 seconds a question, rounded to a friendly number of minutes. */
export function minutesFor(questions: number): number {
  const minutes = Math.max(1, Math.round(questions / 3));
  return minutes > 10 ? Math.round(minutes / 5) * 5 : minutes;
}

/** Word-wraps text to `width` columns; continuation lines keep the first line's indent. */
export function wrap(text: string, width: number): string {
  const indent = /^ */.exec(text)![0];
  return wrapText(text, width, indent).join("\n");
}

type Pick = { kind: "answer"; value: string } | { kind: "help" } | { kind: "note" } | { kind: "back" };
const HELP: Pick = { kind: "help" };
const NOTE: Pick = { kind: "note" };
const BACK: Pick = { kind: "back" };

/**
 * Asks the set's questions stage by stage, then offers a review where any answer can be changed.
 * `save` is awaited after every change, so an interruption loses at most the answer being typed.
 * Ctrl-C surfaces as PromptCancelled from the prompter; what was saved stays saved.
 */
export async function interview(set: QuestionSet, start: Answers, prompter: Prompter, save: (answers: Answers) => Promise<void>, options: InterviewOptions = {}): Promise<Answers> {
  const c = palette(options.color ?? false);
  const say = (text = "") => prompter.say(text);
  const steps = plan(set, options.stages);
  const scale = new Map(set.scale.map((o) => [o.value, o]));
  let current: Answers = { ...start, answers: { ...start.answers }, notes: { ...start.notes }, date: options.today ?? today() };
  const commit = async (change: (a: Answers) => void) => {
    const next: Answers = { ...current, answers: { ...current.answers }, notes: { ...current.notes } };
    change(next);
    current = next;
    await save(current);
  };
  const isAnswered = (step: Step) => current.answers[step.question.id] !== undefined;
  const answeredCount = () => steps.filter(isAnswered).length;

  // Opening
  const width = Math.min(options.width ?? 80, 100) - 1;
  const labelWidth = Math.max(...set.scale.map((o) => o.label.length), "not answered".length);
  const para = (text: string, style: (s: string) => string = (s) => s) =>
    say(
      wrap(text, width)
        .split("\n")
        .map((line) => style(line))
        .join("\n"),
    );
  const stageNames = [...new Set(steps.map((s) => s.stage.name))];
  const done = answeredCount();
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  say(c.bold(terminalSafe(set.set.name)));
  if (done) {
    para(`Resuming: ${done} of ${plural(steps.length, "question")} already answered.`);
  } else {
    para(
      `This assessment walks through ${plural(stageNames.length, "stage")} of the customer lifecycle (${stageNames.map(terminalSafe).join(", ")}) ` +
        `and asks ${plural(steps.length, "question")}, about ${plural(minutesFor(steps.length), "minute")}. ` +
        "Each stage gets a score from 0 (keep it human) to 100 (automate it) and a recommendation: automate, hybrid or keep human.",
    );
  }
  para('Choose with ↑↓ (or a choice\'s number) and Enter. "? Why it matters" explains a question, "✎ Add a note" records why, "← Back" goes back.', c.dim);
  if (options.saveFile) para(`Every answer is saved at once to ${options.saveFile}; press Ctrl-C at any time to stop, and resume later.`, c.dim);
  say();

  if (!done && current.client === undefined && current.assessor === undefined) {
    const client = (await prompter.input("Who is this assessment for? (company or client, optional)")).trim();
    const assessor = (await prompter.input("Your name, as the assessor (optional)")).trim();
    await commit((a) => {
      if (client) a.client = client;
      if (assessor) a.assessor = assessor;
    });
  }

  const header = (step: Step) => {
    say();
    say(c.bold.cyan(`Stage ${step.stageNumber} of ${step.stageCount}: ${terminalSafe(step.stage.name)}`));
    para(terminalSafe(step.stage.description), c.dim);
  };

  /** Asks one question until it is answered ("answered") or the user goes back ("back"). */
  const ask = async (step: Step, backLabel: string | undefined): Promise<"answered" | "back"> => {
    const q = step.question;
    for (;;) {
      const answer = current.answers[q.id];
      const note = current.notes[q.id];
      const answers: Pick[] = set.scale.map((o) => ({ kind: "answer", value: o.value }));
      const items: Item<Pick>[] = set.scale.map((o, i) => ({ value: answers[i]!, name: terminalSafe(o.label) }));
      items.push({ separator: "──────────────" });
      items.push({ value: HELP, name: "? Why it matters", short: "why it matters", description: terminalSafe(q.help) });
      items.push({ value: NOTE, name: note ? "✎ Change the note" : "✎ Add a note", short: "note" });
      if (backLabel) items.push({ value: BACK, name: backLabel, short: "back" });
      if (note) para(`  note: ${terminalSafe(note)}`, c.dim);
      // inquirer appends the chosen label after the question once answered: leave it room on the last line
      const picked = await prompter.select(wrap(`[${step.number}/${step.count}] ${terminalSafe(q.text)}`, width - 3 - labelWidth), items, {
        default: answer === undefined ? undefined : answers[set.scale.findIndex((o) => o.value === answer)],
      });
      if (picked.kind === "back") return "back";
      if (picked.kind === "help") {
        para(`  Why it matters: ${terminalSafe(q.help)}`, c.yellow);
      } else if (picked.kind === "note") {
        const text = (await prompter.input("Note (Enter on an empty line for none)", { default: note, editable: true })).trim();
        await commit((a) => {
          if (text) a.notes[q.id] = text;
          else delete a.notes[q.id];
        });
      } else {
        await commit((a) => {
          a.answers[q.id] = picked.value;
        });
        return "answered";
      }
    }
  };

  // Questions, stage by stage. Forward goes to the next question already seen this session, else the next unanswered one.
  let i = steps.findIndex((s) => !isAnswered(s));
  let furthest = i;
  let shown: string | undefined;
  while (i !== -1) {
    const step = steps[i]!;
    if (shown !== step.stage.id) header(step);
    shown = step.stage.id;
    const outcome = await ask(step, i > 0 ? "← Back" : undefined);
    if (outcome === "back") {
      i--;
      continue;
    }
    if (i + 1 <= furthest) i++;
    else i = steps.findIndex((s, j) => j > i && !isAnswered(s));
    furthest = Math.max(furthest, i);
  }

  // Review
  const textWidth = Math.max(20, (options.width ?? 80) - labelWidth - 8);
  const fit = (text: string) => (text.length > textWidth ? `${text.slice(0, textWidth - 1)}…` : text);
  const DONE = { kind: "done" } as const;
  let last: Step | typeof DONE = DONE;
  for (;;) {
    const open = steps.length - answeredCount();
    say();
    say(`${c.bold(`Review: ${steps.length - open} of ${steps.length} answered.`)} ${c.dim("Pick an answer to change it, or Done.")}`);
    const items: Item<Step | typeof DONE>[] = [{ value: DONE, name: open ? `✔ Done: show the report (${open} unanswered)` : "✔ Done: show the report", short: "done" }];
    let stage: string | undefined;
    for (const step of steps) {
      if (step.stage.id !== stage) items.push({ separator: c.dim(`── ${terminalSafe(step.stage.name)}`) });
      stage = step.stage.id;
      const value = current.answers[step.question.id];
      const label = value === undefined ? "not answered" : (scale.get(value)?.label ?? value);
      const note = current.notes[step.question.id] ? " ✎" : "";
      items.push({ value: step, name: `${terminalSafe(label).padEnd(labelWidth)}  ${fit(terminalSafe(step.question.text))}${note}`, short: `change ${step.number}` });
    }
    const picked: Step | typeof DONE = await prompter.select("Review your answers", items, { default: last });
    if (!("question" in picked)) return current;
    last = picked;
    await ask(picked, "← Back to the review");
  }
}
