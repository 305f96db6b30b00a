import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { orThrow } from "../../src/errors.js";
import { interview, minutesFor, plan, promptText, timeLeft } from "../../src/interview/interview.js";
import { displayWidth, wrapIndented } from "../../src/text.js";
import { PromptCancelled } from "../../src/interview/prompter.js";
import { answersFileText } from "../../src/interview/save-file.js";
import { saveReport } from "../../src/interview/save-report.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Answers } from "../../src/model/answers.js";
import type { QuestionSet } from "../../src/model/question-set.js";
import { fixture, ROOT, tempDir } from "../cli/run.js";
import { CTRL_C, ctrlCTyped, ENTER, FakePrompter, type Reply } from "./fake-prompter.js";

const Q1 = "[1/4] Would customers rather pay automatically?";
const Q2 = "[2/4] Are payment terms negotiated per account?";
const Q3 = "[3/4] Are problems few and the same each time?";
const Q4 = "[4/4] Are problems specific to each customer?";
const REVIEW = "Review your answers";
const EMPTY: Answers = { answers: {}, notes: {} };

let set: QuestionSet;
beforeAll(async () => {
  set = await loadQuestionSet(fixture("mini")).then(orThrow);
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
    expect(wrapIndented("  Why it matters: one two three four", 20)).toBe("  Why it matters:\n  one two three four");
    expect(wrapIndented("short", 20)).toBe("short");
    expect(wrapIndented("averyveryverylongword next", 10)).toBe("averyveryv\nerylongwor\nd next");
  });
});

describe("promptText", () => {
  it("leaves room for the mark before the first line and the echoed answer after the last", () => {
    const text = "Does your offer appeal about equally to every segment, region and type of buyer you sell to?";
    const lines = promptText(text, 59, 15).split("\n");
    expect(lines.join(" ")).toBe(text);
    expect(displayWidth(lines[0]!) + 2).toBeLessThanOrEqual(59);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(59);
    expect(displayWidth(lines.at(-1)!) + 15).toBeLessThanOrEqual(59);
    expect(
      promptText("短い質問ですか？ はい、とても短い質問です。", 20, 4)
        .split("\n")
        .every((l) => displayWidth(l) <= 20),
    ).toBe(true);
  });

  it("says the time left in plain words", () => {
    expect(timeLeft(18)).toBe("about 6 minutes left");
    expect(timeLeft(1)).toBe("about 1 minute left");
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

  it("leaves a readable label on screen for every choice, never an internal token", async () => {
    const start: Answers = {
      client: "Acme",
      answers: { "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "yes", "specific-problems": "no" },
      notes: { "auto-pay": "Card." },
    };
    const { prompter, promise } = await run(["Yes             Would customers", "← Back to the review", "✔ Done"], start);
    await promise;
    const echoes = prompter.shown.flatMap((s) => s.echoes);
    expect(echoes).toEqual(expect.arrayContaining(["Yes", "Why it matters", "Change the note", "Back to the review", "Done", "Change question 1"]));
    for (const echo of echoes) expect(echo).not.toMatch(/^(note|back|done|help|change \d+)$/);
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

  it("records an optional note, saved at once, shown once, and again when the question comes back", async () => {
    const { prompter, promise, saves } = await run(["", "", "✎ Add a note", "  Most pay by card.  ", "? Why it matters", "Yes", "← Back", "Yes", "Yes", "Yes", "Yes", ENTER]);
    const answers = await promise;
    expect(answers.notes).toEqual({ "auto-pay": "Most pay by card." });
    expect(saves[1]!.notes).toEqual({ "auto-pay": "Most pay by card." });
    expect(saves[1]!.answers).toEqual({});
    const again = prompter.shown.filter((s) => s.kind === "select")[1]!;
    expect(again.message).toBe(Q1);
    expect(again.choices).toContain("✎ Change the note");
    // the note prompt's echo shows it: not repeated under the question, nor after the help; shown again on coming back
    const notes = prompter.transcript.map((line, i) => (line === "  note: Most pay by card." ? i : -1)).filter((i) => i >= 0);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toBeGreaterThan(prompter.transcript.indexOf(`? ${Q2}`));
  });

  it("keeps a note being typed when Ctrl-C stops the interview, and says so", async () => {
    const { promise, saves } = await run(["", "", "Yes", "✎ Add a note", ctrlCTyped("  Enterprise plan only has terms ")]);
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PromptCancelled);
    expect((error as PromptCancelled).kept).toBe("the note being typed at question 2");
    expect(saves.at(-1)).toMatchObject({ answers: { "auto-pay": "yes" }, notes: { "negotiated-terms": "Enterprise plan only has terms" } });
    // an emptied line keeps the note as it was: only Enter removes a note
    const start: Answers = { answers: { "auto-pay": "yes" }, notes: { "auto-pay": "Card." } };
    const cleared = await run(["← Back", "✎ Change the note", ctrlCTyped("")], start);
    const stop = await cleared.promise.catch((e: unknown) => e);
    expect((stop as PromptCancelled).kept).toBeUndefined();
    expect(cleared.saves).toEqual([]);
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
    expect(review!.choices[1]!.replace(/\s+/g, " ")).toBe("⏱ Size the work (optional): how often each stage happens and how long it takes");
    expect(review!.choices.slice(2)).toEqual([
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

  it("fits the review to 60 columns with every question whole, so mirror questions stay apart", async () => {
    const builtIn = await loadQuestionSet(join(ROOT, "questions")).then(orThrow);
    const start: Answers = { answers: Object.fromEntries(builtIn.questions.map((q, i) => [q.id, ["yes", "unsure", "n/a", "no"][i % 4]!])), notes: {} };
    const prompter = new FakePrompter([ENTER], () => 60);
    await interview(builtIn, start, prompter, async () => {}, { today: "2026-11-25" });
    const review = prompter.shown.find((s) => s.message === REVIEW)!;
    const names = review.choices.slice(2);
    expect(names).toHaveLength(builtIn.questions.length);
    for (const line of review.choices[1]!.split("\n")) expect(displayWidth(line) + 2).toBeLessThanOrEqual(59);
    // inquirer puts the cursor (2 columns) before the first line; continuation lines carry their own indent
    for (const name of names) for (const line of name.split("\n")) expect(displayWidth(line) + (line === name.split("\n")[0] ? 2 : 0)).toBeLessThanOrEqual(59);
    const flat = names.map((n) => n.replace(/\s+/g, " "));
    for (const q of builtIn.questions) expect(flat.some((n) => n.endsWith(q.text))).toBe(true);
    // Counted as the report counts: of all the questions, every fourth is "not sure", every fourth "does not apply".
    const counts = { yes: 0, unsure: 0, "n/a": 0, no: 0 };
    for (const value of Object.values(start.answers)) counts[value as keyof typeof counts]++;
    const said = prompter.said.join(" ").replace(/\s+/g, " ");
    const total = builtIn.questions.length;
    expect(said).toContain(`Review: answered ${counts.yes + counts.no} of ${total} (${counts.unsure} not sure, ${counts["n/a"]} not applying).`);
    expect(review.choices[0]).toBe(`✔ Done: show the report (${total - counts.yes - counts.no} not answered)`);
  });

  it("takes the width at every prompt, so a terminal resized mid-run is followed", async () => {
    // 100 columns until the first question is shown, then 30.
    const prompter: FakePrompter = new FakePrompter(["", "", "? Why it matters", "Yes", "Yes", "Yes", "Yes", ENTER], () => (prompter.shown.length > 2 ? 30 : 100));
    await interview(set, EMPTY, prompter, async () => {}, { today: "2026-11-25" });
    expect(prompter.said.join("\n").split("\n")[1]!.length).toBeGreaterThan(30);
    const help = prompter.said.filter((l) => l.includes("Why it matters:")).join("\n");
    expect(help.split("\n").length).toBeGreaterThan(1);
    for (const line of help.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(29);
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
    // the date the assessment began stays (F28)
    expect(answers).toEqual({
      client: "Acme",
      date: "2026-11-01",
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
    expect(text).toMatch(/^# Answers from `automation-fit assess` \(Mini set\)\. Score them with: (npx )?automation-fit report /);
    expect(text).toContain('  auto-pay: "no"\n  negotiated-terms: "yes"\n');
    const loaded = await loadAnswers(file, set).then(orThrow);
    expect(loaded).toEqual({
      client: 'Acme: "the" client',
      date: "2026-11-25",
      answers: { "auto-pay": "no", "negotiated-terms": "yes", "few-problems": "n/a" },
      notes: { "negotiated-terms": "Line one: yes\nline two" },
    });
    for (const version of written) await expect(loadAnswers(writeTemp(dir, version), set).then(orThrow)).resolves.toBeDefined();
  });

  it("names the report command as the other hints do: npx under npm start, the file name quoted for the shell", () => {
    const file = "my answers.yaml";
    vi.stubEnv("npm_lifecycle_event", "start");
    try {
      expect(answersFileText({ answers: {}, notes: {} }, set, file).split("\n")[0]).toMatch(/Score them with: npx automation-fit report 'my answers\.yaml'$/);
    } finally {
      vi.unstubAllEnvs();
    }
    vi.stubEnv("npm_lifecycle_event", "");
    vi.stubEnv("npm_command", "");
    try {
      expect(answersFileText({ answers: {}, notes: {} }, set, file).split("\n")[0]).toMatch(/Score them with: automation-fit report 'my answers\.yaml'$/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("is JSON when its name ends in .json", async () => {
    const dir = tempDir();
    const file = join(dir, "answers.json");
    writeFileSync(file, answersFileText({ answers: { "auto-pay": "yes" }, notes: {} }, set, file));
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ answers: { "auto-pay": "yes" }, notes: {} });
    await expect(loadAnswers(file, set).then(orThrow)).resolves.toMatchObject({ answers: { "auto-pay": "yes" } });
  });
});

describe("saveReport", () => {
  const FORMATS = ["markdown", "json"] as const;
  const render = (format: "markdown" | "json") => (format === "json" ? "{}\n" : "# Report\n");

  it("offers the formats given, and saves nothing on Back", async () => {
    const prompter = new FakePrompter(["← Back"]);
    expect(await saveReport(prompter, render, "x", FORMATS)).toBeUndefined();
    expect(prompter.shown[0]!.echoes).toEqual(["Markdown (.md)", "JSON (.json)", "Back, nothing saved"]);
  });

  it("saves Markdown under the suggested name", async () => {
    const dir = tempDir();
    const prompter = new FakePrompter(["Markdown", ENTER]);
    const file = await saveReport(prompter, render, join(dir, "acme-automation-fit"), FORMATS);
    expect(file).toBe(join(dir, "acme-automation-fit.md"));
    expect(readFileSync(file!, "utf8")).toBe("# Report\n");
  });

  it("asks before replacing a file, and asks for another name when told no", async () => {
    const dir = tempDir();
    const taken = join(dir, "r.json");
    writeFileSync(taken, "keep me");
    const prompter = new FakePrompter(["JSON", taken, ENTER, join(dir, "other.json")]);
    const file = await saveReport(prompter, render, join(dir, "r"), FORMATS);
    expect(file).toBe(join(dir, "other.json"));
    expect(readFileSync(taken, "utf8")).toBe("keep me");
    expect(prompter.shown.find((s) => s.kind === "confirm")).toMatchObject({ message: `${taken} already exists. Replace it?`, default: false });
    const yes = new FakePrompter(["JSON", taken, true]);
    await saveReport(yes, render, join(dir, "r"), FORMATS);
    expect(readFileSync(taken, "utf8")).toBe("{}\n");
  });

  it("says why a file cannot be written and asks again", async () => {
    const dir = tempDir();
    const prompter = new FakePrompter(["Markdown", join(dir, "no/such/folder.md"), join(dir, "ok.md")]);
    expect(await saveReport(prompter, render, join(dir, "r"), FORMATS)).toBe(join(dir, "ok.md"));
    expect(prompter.said.join("\n")).toContain("its folder does not exist");
  });
});

let n = 0;
function writeTemp(dir: string, text: string): string {
  const file = join(dir, `version-${n++}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe("sizing the work in the review", () => {
  it("asks each stage's times a month and minutes, skips a blank, re-asks a non-number, and saves the sizing the report reads", async () => {
    const all: Answers = { answers: { "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "yes", "specific-problems": "no" }, notes: {} };
    const { prompter, saves, promise } = await run(["⏱ Size the work", "150", "ten", "8", "", "✔ Done"], all);
    const answers = await promise;
    expect(answers.sizing).toEqual({ billing: { timesPerMonth: 150, minutes: 8 } });
    expect(saves.at(-1)?.sizing).toEqual({ billing: { timesPerMonth: 150, minutes: 8 } });
    expect(prompter.shown.filter((s) => s.kind === "input").map((s) => s.message)).toEqual([
      "Billing: times a month",
      "Billing: admin minutes each time",
      "Billing: admin minutes each time",
      "Support: times a month",
    ]);
    expect(prompter.said.join("\n")).toContain("'ten' is not a number of 0 or more");
    // the review now says how much is sized
    const reviews = prompter.shown.filter((s) => s.message === REVIEW);
    expect(reviews.at(-1)?.choices[1]?.replace(/\s+/g, " ")).toContain("(1 of 2 sized)");
    // written to the answers file, and read back by the loader as the plan's sizing
    const dir = tempDir();
    const file = join(dir, "answers.yaml");
    writeFileSync(file, answersFileText(answers, set, file));
    expect(orThrow(await loadAnswers(file, set)).sizing).toEqual({ billing: { timesPerMonth: 150, minutes: 8 } });
    const resumed = answersFileText({ ...answers, sizing: {} }, set, file, readFileSync(file, "utf8"));
    expect(resumed).not.toContain("sizing");
  });
});
