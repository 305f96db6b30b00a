import type { Answers } from "../model/answers.js";
import type { Question, QuestionSet, Stage } from "../model/question-set.js";
import { displayWidth, pad, terminalSafe, wrapIndented, wrapText } from "../text.js";
import { palette } from "../ui/palette.js";
import { type Item, PromptCancelled, type Prompter } from "./prompter.js";

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

/**
 * Wraps a prompt's message as inquirer shows it: after a two-column mark ("? ", "✔ ") on the first line, and with `reserve`
 * columns left on the last line for the answer inquirer echoes there once chosen, so neither pushes a word over the edge.
 */
export function promptText(text: string, width: number, reserve = 0): string {
  const lines = wrapText(text, width, "  ", "");
  const last = lines.length - 1;
  if (displayWidth(lines[last]!) + reserve > width) lines.splice(last, 1, ...wrapText(lines[last]!, width - reserve, last === 0 ? "  " : "", ""));
  lines[0] = lines[0]!.slice(2);
  return lines.join("\n");
}

/** Columns the prompts use: the terminal's width, at most 100 (longer lines are hard to read), less one for the cursor. */
export const textWidth = (columns: number) => Math.max(20, Math.min(columns, 100) - 1);

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
  // a resumed file keeps its date: the assessment is dated when it began
  let current: Answers = { ...start, answers: { ...start.answers }, notes: { ...start.notes }, date: start.date ?? options.today ?? today() };
  const commit = async (change: (a: Answers) => void) => {
    const next: Answers = { ...current, answers: { ...current.answers }, notes: { ...current.notes } };
    change(next);
    current = next;
    await save(current);
  };
  const isAnswered = (step: Step) => current.answers[step.question.id] !== undefined;
  const answeredCount = () => steps.filter(isAnswered).length;
  // Counted as the report counts them: "Not sure" and "Does not apply" are given but not answered.
  const kindOf = (step: Step): "answered" | "unsure" | "not-applicable" | "open" => {
    const value = current.answers[step.question.id];
    if (value === undefined) return "open";
    const counts = scale.get(value)?.counts;
    return counts === "unsure" || counts === "not-applicable" ? counts : "answered";
  };

  // Read at every prompt, so a terminal resized mid-run is followed.
  const width = () => textWidth(prompter.columns());
  const NOT_ANSWERED = "not answered";
  const labelWidth = Math.max(...set.scale.map((o) => displayWidth(terminalSafe(o.label))), NOT_ANSWERED.length);
  const para = (text: string, style: (s: string) => string = (s) => s) =>
    say(
      wrapIndented(text, width())
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
  para('Choose with ↑↓ (or a choice\'s number) and Enter. "? Why it matters" explains a question, "✎ Add a note" records why (one line), "← Back" goes back.', c.dim);
  if (options.saveFile) para(`Every answer is saved at once to ${options.saveFile}; press Ctrl-C at any time to stop, and resume later.`, c.dim);
  say();

  if (!done && current.client === undefined && current.assessor === undefined) {
    // Room after the message for a name typed on the same line.
    const client = (await prompter.input(promptText("Who is this assessment for? (company or client, optional)", width(), 16))).trim();
    const assessor = (await prompter.input(promptText("Your name, as the assessor (optional)", width(), 16))).trim();
    await commit((a) => {
      if (client) a.client = client;
      if (assessor) a.assessor = assessor;
    });
  }

  const header = (at: number) => {
    const step = steps[at]!;
    const left = steps.filter((s, j) => j >= at && !isAnswered(s)).length;
    say();
    para(`Stage ${step.stageNumber} of ${step.stageCount}: ${terminalSafe(step.stage.name)} · ${timeLeft(left)}`, c.bold.cyan);
    para(terminalSafe(step.stage.description), c.dim);
  };

  /**
   * Ctrl-C on a note being typed: the note is kept as typed (an interrupted interview keeps every answer, and notes), said
   * on stopping; then the stop goes on. An emptied line keeps the note as it was: only Enter removes a note.
   */
  const keepNoteTyped = async (step: Step, error: unknown): Promise<never> => {
    const typed = error instanceof PromptCancelled ? error.typed?.trim() : undefined;
    if (typed && error instanceof PromptCancelled && typed !== current.notes[step.question.id]) {
      await commit((a) => {
        a.notes[step.question.id] = typed;
      });
      error.kept = `the note being typed at question ${step.number}`;
    }
    throw error;
  };

  /** Asks one question until it is answered ("answered") or the user goes back ("back"). */
  const ask = async (step: Step, backLabel: string | undefined): Promise<"answered" | "back"> => {
    const q = step.question;
    // the note as last shown under this question (by its echo or a note line): a note is shown once, not after each help or edit
    let noteShown: string | undefined;
    for (;;) {
      const answer = current.answers[q.id];
      const note = current.notes[q.id];
      const answers: Pick[] = set.scale.map((o) => ({ kind: "answer", value: o.value }));
      const items: Item<Pick>[] = set.scale.map((o, i) => ({ value: answers[i]!, name: terminalSafe(o.label) }));
      items.push({ separator: "──────────────" });
      items.push({ value: HELP, name: "? Why it matters", short: "Why it matters", description: wrapIndented(terminalSafe(q.help), width()) });
      items.push(note ? { value: NOTE, name: "✎ Change the note", short: "Change the note" } : { value: NOTE, name: "✎ Add a note", short: "Add a note" });
      if (backLabel) items.push({ value: BACK, name: `← ${backLabel}`, short: backLabel });
      if (note && note !== noteShown) para(`  note: ${terminalSafe(note)}`, c.dim);
      noteShown = note;
      // inquirer echoes the chosen label after the question once answered: leave room for the longest on the last line
      const echo = Math.max(...items.map((item) => ("separator" in item ? 0 : displayWidth(item.short ?? item.name))));
      const picked = await prompter.select(promptText(`[${step.number}/${step.count}] ${terminalSafe(q.text)}`, width(), echo + 1), items, {
        default: answer === undefined ? undefined : answers[set.scale.findIndex((o) => o.value === answer)],
      });
      if (picked.kind === "back") return "back";
      if (picked.kind === "help") {
        para(`  Why it matters: ${terminalSafe(q.help)}`, c.yellow);
      } else if (picked.kind === "note") {
        // One line, said plainly: the prompt ends at Enter (an editor would put founders in vi).
        const ask = note ? "Note, one line (edit it, or clear it to remove the note; Enter when done)" : "Note, one line (Enter when done; empty for no note)";
        const text = (await prompter.input(promptText(ask, width()), { default: note, editable: true, below: true }).catch((error: unknown) => keepNoteTyped(step, error))).trim();
        noteShown = text || undefined;
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
    if (shown !== step.stage.id) header(i);
    shown = step.stage.id;
    const outcome = await ask(step, i > 0 ? "Back" : undefined);
    if (outcome === "back") {
      i--;
      continue;
    }
    if (i + 1 <= furthest) i++;
    else i = steps.findIndex((s, j) => j > i && !isAnswered(s));
    furthest = Math.max(furthest, i);
  }

  // Sizing, asked once here (the plan's hours freed): per stage, times a month and minutes each; blank leaves a stage unsized.
  const sizeTheWork = async () => {
    para(
      "For each stage: how many times a month it happens, and the minutes of office and contact time each time takes (booking, reminders, chasing, paperwork), not the work itself: a one-hour service visit may take 10 minutes of admin. The plan turns them into hours freed a month. Leave a stage blank to skip it.",
      c.dim,
    );
    const stages = set.stages.filter((st) => stageNames.includes(st.name));
    for (const st of stages) {
      const was = current.sizing?.[st.id];
      const times = await askNumber(`${terminalSafe(st.name)}: times a month`, was?.timesPerMonth);
      if (times === undefined) {
        if (was) await commit((a) => (a.sizing = withoutStage(a.sizing, st.id)));
        continue;
      }
      const minutes = await askNumber(`${terminalSafe(st.name)}: admin minutes each time`, was?.minutes);
      if (minutes === undefined) continue;
      await commit((a) => (a.sizing = { ...a.sizing, [st.id]: { timesPerMonth: times, minutes } }));
    }
  };
  const askNumber = async (message: string, was: number | undefined): Promise<number | undefined> => {
    for (;;) {
      const text = (await prompter.input(message, was === undefined ? {} : { default: String(was) })).trim();
      if (text === "") return undefined;
      const n = Number(text.replace(",", "."));
      if (Number.isFinite(n) && n >= 0) return n;
      para(`'${terminalSafe(text)}' is not a number of 0 or more; type a number like 40, or leave it blank to skip.`);
    }
  };

  // Review
  const DONE = { kind: "done" } as const;
  const SIZE = { kind: "size" } as const;
  let last: Step | typeof DONE = DONE;
  for (;;) {
    const count = { answered: 0, unsure: 0, "not-applicable": 0, open: 0 };
    for (const step of steps) count[kindOf(step)]++;
    const aside = [
      count.unsure && `${count.unsure} not sure`,
      count["not-applicable"] && `${count["not-applicable"]} not applying`,
      count.open && `${count.open} not answered yet`,
    ].filter(Boolean);
    const w = width();
    say();
    para(`Review: answered ${count.answered} of ${steps.length}${aside.length ? ` (${aside.join(", ")})` : ""}. Pick a question to change its answer, or Done.`, c.bold);
    const unanswered = steps.length - count.answered;
    const sized = Object.keys(current.sizing ?? {}).length;
    const items: Item<Step | typeof DONE | typeof SIZE>[] = [
      { value: DONE, name: `✔ Done: show the report${unanswered ? ` (${unanswered} not answered)` : ""}`, short: "Done" },
      {
        value: SIZE,
        name: wrapText(`⏱ Size the work (optional): how often each stage happens and how long it takes${sized ? ` (${sized} of ${stageNames.length} sized)` : ""}`, w - 2, "  ")
          .join("\n")
          .slice(2),
        short: "Size the work",
      },
    ];
    // The whole question, wrapped beside its answer: cut short, mirror questions ("…need little upkeep" / "…need hands-on upkeep") look alike.
    const indent = " ".repeat(2 + labelWidth + 2);
    let stage: string | undefined;
    for (const step of steps) {
      if (step.stage.id !== stage) items.push({ separator: c.dim(`── ${terminalSafe(step.stage.name)}`) });
      stage = step.stage.id;
      const value = current.answers[step.question.id];
      const label = value === undefined ? NOT_ANSWERED : terminalSafe(scale.get(value)?.label ?? value);
      const note = current.notes[step.question.id] ? " ✎" : "";
      const lines = wrapText(`${terminalSafe(step.question.text)}${note}`, w, indent);
      lines[0] = `${pad(label, labelWidth)}  ${lines[0]!.slice(indent.length)}`;
      items.push({ value: step, name: lines.join("\n"), short: `Change question ${step.number}` });
    }
    // cleared once chosen: the question asked next (or the sizing, or the report) shows what was picked
    const picked: Step | typeof DONE | typeof SIZE = await prompter.select("Review your answers", items, { default: last, clear: true });
    if (picked === SIZE) {
      await sizeTheWork();
      continue;
    }
    if (!("question" in picked)) return current;
    last = picked;
    await ask(picked, "Back to the review");
  }
}

function withoutStage(sizing: Answers["sizing"], id: string): Answers["sizing"] {
  const { [id]: _, ...rest } = sizing ?? {};
  return rest;
}

/** "about 6 minutes left" for the questions still to answer. */
export function timeLeft(questions: number): string {
  if (questions === 0) return "nearly done";
  const minutes = minutesFor(questions);
  return `about ${minutes} minute${minutes === 1 ? "" : "s"} left`;
}
