import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { interview, minutesFor, plan, wrap } from "../../src/interview/interview.js";
import { PromptCancelled } from "../../src/interview/prompter.js";
import { answersFileText } from "../../src/interview/save-file.js";
import { offerToSave } from "../../src/interview/save-report.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Answers } from "../../src/model/answers.js";
import type { QuestionSet } from "../../src/model/question-set.js";
import { fixture, tempDir } from "../cli/run.js";
import { CTRL_C, ENTER, FakePrompter, type Reply } from "./fake-prompter.js";

const Q1 = "[1/4] Would customers rather pay automatically?";
const Q2 = "[2/4] Are payment terms negotiated per account?";
const Q3 = "[3/4] Are problems few and the same each time?";
const Q4 = "[4/4] Are problems specific to each customer?";
const REVIEW = "Review your answers";
const EMPTY: Answers = { answers: {}, notes: {} };

let set: QuestionSet;
beforeAll(async () => {
  set = await loadQuestionSet(fixture("mini"));
});

/** Runs the interview with scripted replies; every save is recorded as a copy. */
async function run(replies: Reply[], start: Answers = EMPTY, options: { stages?: string[] } = {}) {
  const prompter = new FakePrompter(replies);
  const saves: Answers[] = [];
  const save = async (a: Answers) => {
    saves.push(structuredClone(a));
  };
  const promise = interview(set, start, prompter, save, { ...options, saveFile: "answers.yaml", today: "2026-11-25" });
  return { prompter, saves, promise };
}

describe("plan", () => {
  it("orders questions stage by stage and asks a shared question once, in its first stage", () => {
    const steps = plan(set);
    expect(steps.map((s) => [s.stage.id, s.question.id, s.number, s.stageNumber])).toEqual([
      ["billing", "auto-pay", 1, 1],
      ["billing", "negotiated-terms", 2, 1],
      ["billing", "few-problems", 3, 1],
      ["support", "specific-problems", 4, 2],
    ]);
    expect(steps.every((s) => s.count === 4 && s.stageCount === 2)).toBe(true);
  });

  it("keeps to the stages asked for, shared questions included", () => {
    const steps = plan(set, ["support"]);
    expect(steps.map((s) => s.question.id)).toEqual(["few-problems", "specific-problems"]);
    expect(steps.map((s) => [s.number, s.count, s.stageNumber, s.stageCount])).toEqual([
      [1, 2, 1, 1],
      [2, 2, 1, 1],
    ]);
  });

  it("estimates minutes at about three questions a minute", () => {
    expect(minutesFor(4)).toBe(1);
    expect(minutesFor(30)).toBe(10);
    expect(minutesFor(40)).toBe(15);
  });
});

describe("wrap", () => {
  it("breaks at spaces within the width and keeps the indent", () => {
    expect(wrap("  Why it matters: one two three four", 20)).toBe("  Why it matters:\n  one two three four");
    expect(wrap("short", 20)).toBe("short");
    expect(wrap("averyveryverylongword next", 10)).toBe("averyveryv\nerylongwor\nd next");
  });
});

describe("interview", () => {
  it("opens, asks every question stage by stage, saves after each answer and returns the answers", async () => {
    const { prompter, saves, promise } = await run(["Acme", "Dana", "Yes", "No", "Partly", "Not sure", ENTER]);
    const answers = await promise;
    expect(answers).toEqual({
      client: "Acme",
      assessor: "Dana",
      date: "2026-11-25",
      answers: { "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "partly", "specific-problems": "unsure" },
      notes: {},
    });
    expect(prompter.left).toBe(0);
    const opening = prompter.said.join("\n").replace(/\s+/g, " ");
    expect(opening).toContain("Mini set");
    expect(opening).toMatch(/2 stages .*\(Billing, Support\) and asks 4 questions, about 1 minute/);
    expect(opening).toContain("saved at once to answers.yaml");
    expect(prompter.questions()).toEqual([Q1, Q2, Q3, Q4, REVIEW]);
    // The opening saves the names; then one save per answer, each holding all answers so far.
    expect(saves.map((s) => Object.keys(s.answers).length)).toEqual([0, 1, 2, 3, 4]);
    expect(saves[0]).toMatchObject({ client: "Acme", assessor: "Dana" });
    // Stage headers come before each stage's first question, with progress.
    const t = prompter.transcript;
    expect(t.indexOf("Stage 1 of 2: Billing · about 1 minute left")).toBeLessThan(t.indexOf(`? ${Q1}`));
    expect(t.indexOf("Getting paid.")).toBeLessThan(t.indexOf(`? ${Q1}`));
    expect(t.indexOf("Stage 2 of 2: Support · about 1 minute left")).toBeGreaterThan(t.indexOf(`? ${Q3}`));
    expect(t.indexOf("Stage 2 of 2: Support · about 1 minute left")).toBeLessThan(t.indexOf(`? ${Q4}`));
  });

  it("offers the set's scale, help, a note and back (not on the first question)", async () => {
    const { prompter, promise } = await run(["", "", "Yes", "Yes", "Yes", "Yes", ENTER]);
    await promise;
    const [first, second] = prompter.shown.filter((s) => s.kind === "select");
    expect(first!.choices).toEqual(["Yes", "Partly", "No", "Not sure", "Does not apply", "? Why it matters", "✎ Add a note"]);
    expect(second!.choices).toEqual(["Yes", "Partly", "No", "Not sure", "Does not apply", "? Why it matters", "✎ Add a note", "← Back"]);
  });

  it("leaves out empty client and assessor names", async () => {
    const { promise, saves } = await run(["  ", "", "Yes", "Yes", "Yes", "Yes", ENTER]);
    const answers = await promise;
    expect(answers).not.toHaveProperty("client");
    expect(answers).not.toHaveProperty("assessor");
    expect(saves[0]).toEqual({ date: "2026-11-25", answers: {}, notes: {} });
  });

  it("shows why a question matters on request, then asks it again", async () => {
    const { prompter, promise } = await run(["", "", "? Why it matters", "Yes", "No", "No", "No", ENTER]);
    const answers = await promise;
    expect(answers.answers["auto-pay"]).toBe("yes");
    expect(prompter.questions().slice(0, 2)).toEqual([Q1, Q1]);
    const help = prompter.transcript.findIndex((line) => line.includes("Why it matters: Automatic payment removes a chore."));
    expect(help).toBeGreaterThan(prompter.transcript.indexOf(`? ${Q1}`));
    expect(help).toBeLessThan(prompter.transcript.lastIndexOf(`? ${Q1}`));
  });

  it("goes back to the previous question, across stages, with the cursor on the answer given", async () => {
    const { prompter, promise, saves } = await run(["", "", "Yes", "No", "Partly", "← Back", "← Back", ENTER, "Yes", "No", ENTER]);
    const answers = await promise;
    expect(prompter.questions()).toEqual([Q1, Q2, Q3, Q4, Q3, Q2, Q3, Q4, REVIEW]);
    const selects = prompter.shown.filter((s) => s.kind === "select");
    expect(selects[4]!.cursor).toBe("Partly");
    expect(selects[5]!.cursor).toBe("No");
    expect(answers.answers).toEqual({ "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "yes", "specific-problems": "no" });
    // Going back into Billing shows its header again.
    expect(prompter.said.filter((l) => l.startsWith("Stage 1 of 2: Billing · about 1 minute left"))).toHaveLength(2);
    expect(saves.at(-1)!.answers).toEqual(answers.answers);
  });

  it("records an optional note, saved at once and shown when the question comes back", async () => {
    const { prompter, promise, saves } = await run(["", "", "✎ Add a note", "  Most pay by card.  ", "Yes", "Yes", "Yes", "Yes", ENTER]);
    const answers = await promise;
    expect(answers.notes).toEqual({ "auto-pay": "Most pay by card." });
    expect(saves[1]!.notes).toEqual({ "auto-pay": "Most pay by card." });
    expect(saves[1]!.answers).toEqual({});
    const again = prompter.shown.filter((s) => s.kind === "select")[1]!;
    expect(again.message).toBe(Q1);
    expect(again.choices).toContain("✎ Change the note");
    expect(prompter.said).toContain("  note: Most pay by card.");
  });

  it("changes a note with the old one to edit, and removes it when left empty", async () => {
    const start: Answers = { client: "Acme", answers: { "auto-pay": "yes" }, notes: { "negotiated-terms": "Big accounts only." } };
    const { prompter, promise } = await run(["✎ Change the note", "", "No", "Yes", "Yes", ENTER], start);
    const answers = await promise;
    expect(prompter.shown.find((s) => s.kind === "input")).toMatchObject({ default: "Big accounts only." });
    expect(answers.notes).toEqual({});
  });

  it("reviews all answers at the end; any can be changed, then Done", async () => {
    const replies: Reply[] = ["", "", "Yes", "No", "Partly", "Not sure"];
    replies.push("Are payment terms negotiated", "Yes", "✔ Done");
    const { prompter, promise, saves } = await run(replies);
    const answers = await promise;
    expect(answers.answers["negotiated-terms"]).toBe("yes");
    expect(prompter.questions()).toEqual([Q1, Q2, Q3, Q4, REVIEW, Q2, REVIEW]);
    const [review, again] = prompter.shown.filter((s) => s.message === REVIEW);
    expect(review!.choices[0]).toBe("✔ Done: show the report (1 not answered)");
    expect(review!.choices.slice(1)).toEqual([
      "Yes             Would customers rather pay automatically?",
      "No              Are payment terms negotiated per account?",
      "Partly          Are problems few and the same each time?",
      "Not sure        Are problems specific to each customer?",
    ]);
    // Back on the review, the cursor is on the question just changed.
    expect(again!.cursor).toBe("Yes             Are payment terms negotiated per account?");
    // "Not sure" is given but, as in the report, not answered.
    expect(prompter.said.join(" ").replace(/\s+/g, " ")).toContain("Review: answered 3 of 4 (1 not sure). Pick a question to change its answer, or Done.");
    expect(saves.at(-1)!.answers["negotiated-terms"]).toBe("yes");
    // In the review, back returns to the review without a change.
    const back = await run(["", "", "Yes", "No", "Partly", "Not sure", "Are payment terms", "← Back to the review", "✔ Done"]);
    expect((await back.promise).answers["negotiated-terms"]).toBe("no");
  });

  it("stops on Ctrl-C with every earlier answer saved", async () => {
    const { promise, saves } = await run(["Acme", "", "Yes", "? Why it matters", "No", CTRL_C]);
    await expect(promise).rejects.toBeInstanceOf(PromptCancelled);
    expect(saves.at(-1)).toEqual({ client: "Acme", date: "2026-11-25", answers: { "auto-pay": "yes", "negotiated-terms": "no" }, notes: {} });
  });

  it("stops on Ctrl-C at the opening before anything is saved", async () => {
    const { promise, saves } = await run([CTRL_C]);
    await expect(promise).rejects.toBeInstanceOf(PromptCancelled);
    expect(saves).toEqual([]);
  });

  it("resumes at the first unanswered question without asking the names again", async () => {
    const start: Answers = { client: "Acme", date: "2026-11-01", answers: { "auto-pay": "yes", "negotiated-terms": "no" }, notes: { "auto-pay": "Card." } };
    const { prompter, promise } = await run(["← Back", ENTER, "Partly", "No", ENTER], start);
    const answers = await promise;
    expect(prompter.said).toContain("Resuming: 2 of 4 questions already answered.");
    expect(prompter.said.join(" ")).not.toContain("This assessment walks through");
    expect(prompter.shown.some((s) => s.kind === "input")).toBe(false);
    expect(prompter.questions()).toEqual([Q3, Q2, Q3, Q4, REVIEW]);
    expect(answers).toEqual({
      client: "Acme",
      date: "2026-11-25",
      answers: { "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "partly", "specific-problems": "no" },
      notes: { "auto-pay": "Card." },
    });
  });

  it("resumes a file with gaps: only the unanswered questions, in order, and no names asked even if none were given", async () => {
    const start: Answers = { answers: { "negotiated-terms": "no", "few-problems": "yes" }, notes: {} };
    const { prompter, promise } = await run(["Yes", "No", ENTER], start);
    await promise;
    expect(prompter.questions()).toEqual([Q1, Q4, REVIEW]);
  });

  it("goes straight to the review when everything is answered", async () => {
    const start: Answers = { client: "Acme", answers: { "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "yes", "specific-problems": "no" }, notes: {} };
    const { prompter, promise, saves } = await run([ENTER], start);
    await promise;
    expect(prompter.questions()).toEqual([REVIEW]);
    // Nothing changed, so the file is not rewritten.
    expect(saves).toEqual([]);
  });

  it("asks only about the stages asked for", async () => {
    const { prompter, promise } = await run(["", "", "Yes", "No", ENTER], EMPTY, { stages: ["support"] });
    const answers = await promise;
    expect(prompter.questions()).toEqual(["[1/2] Are problems few and the same each time?", "[2/2] Are problems specific to each customer?", REVIEW]);
    expect(prompter.said).toContain("Stage 1 of 1: Support · about 1 minute left");
    expect(answers.answers).toEqual({ "few-problems": "yes", "specific-problems": "no" });
  });
});

describe("the save file", () => {
  it("is a valid answers file for `automation-fit report`, in question order, after every answer", async () => {
    const dir = tempDir();
    const file = join(dir, "answers.yaml");
    const prompter = new FakePrompter(['Acme: "the" client', "", "No", "✎ Add a note", "Line one: yes\nline two", "Yes", "Does not apply", CTRL_C]);
    const written: string[] = [];
    const save = async (a: Answers) => {
      writeFileSync(file, answersFileText(a, set, file));
      written.push(readFileSync(file, "utf8"));
    };
    await expect(interview(set, EMPTY, prompter, save, { today: "2026-11-25" })).rejects.toBeInstanceOf(PromptCancelled);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(/^# Answers from `automation-fit assess` \(Mini set\)\. Score them with: automation-fit report /);
    expect(text).toContain('  auto-pay: "no"\n  negotiated-terms: "yes"\n');
    const loaded = await loadAnswers(file, set);
    expect(loaded).toEqual({
      client: 'Acme: "the" client',
      date: "2026-11-25",
      answers: { "auto-pay": "no", "negotiated-terms": "yes", "few-problems": "n/a" },
      notes: { "negotiated-terms": "Line one: yes\nline two" },
    });
    for (const version of written) await expect(loadAnswers(writeTemp(dir, version), set)).resolves.toBeDefined();
  });

  it("is JSON when its name ends in .json", async () => {
    const dir = tempDir();
    const file = join(dir, "answers.json");
    writeFileSync(file, answersFileText({ answers: { "auto-pay": "yes" }, notes: {} }, set, file));
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ answers: { "auto-pay": "yes" }, notes: {} });
    await expect(loadAnswers(file, set)).resolves.toMatchObject({ answers: { "auto-pay": "yes" } });
  });
});

describe("offerToSave", () => {
  const render = (format: "markdown" | "json") => (format === "json" ? "{}\n" : "# Report\n");

  it("does nothing when declined", async () => {
    const prompter = new FakePrompter([ENTER]);
    expect(await offerToSave(prompter, render, "x")).toBeUndefined();
  });

  it("saves Markdown under the suggested name", async () => {
    const dir = tempDir();
    const prompter = new FakePrompter(["As Markdown", ENTER]);
    const file = await offerToSave(prompter, render, join(dir, "acme-automation-fit"));
    expect(file).toBe(join(dir, "acme-automation-fit.md"));
    expect(readFileSync(file!, "utf8")).toBe("# Report\n");
  });

  it("asks before replacing a file, and asks for another name when told no", async () => {
    const dir = tempDir();
    const taken = join(dir, "r.json");
    writeFileSync(taken, "keep me");
    const prompter = new FakePrompter(["As JSON", taken, ENTER, join(dir, "other.json")]);
    const file = await offerToSave(prompter, render, join(dir, "r"));
    expect(file).toBe(join(dir, "other.json"));
    expect(readFileSync(taken, "utf8")).toBe("keep me");
    expect(prompter.shown.find((s) => s.kind === "confirm")).toMatchObject({ message: `${taken} already exists. Replace it?`, default: false });
    const yes = new FakePrompter(["As JSON", taken, true]);
    await offerToSave(yes, render, join(dir, "r"));
    expect(readFileSync(taken, "utf8")).toBe("{}\n");
  });

  it("says why a file cannot be written and asks again", async () => {
    const dir = tempDir();
    const prompter = new FakePrompter(["As Markdown", join(dir, "no/such/folder.md"), join(dir, "ok.md")]);
    expect(await offerToSave(prompter, render, join(dir, "r"))).toBe(join(dir, "ok.md"));
    expect(prompter.said.join("\n")).toContain("its folder does not exist");
  });
});

let n = 0;
function writeTemp(dir: string, text: string): string {
  const file = join(dir, `version-${n++}.yaml`);
  writeFileSync(file, text);
  return file;
}
