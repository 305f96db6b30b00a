// Drives the real inquirer prompts through @inquirer/testing; it must be imported before the prompts module.
import { screen } from "@inquirer/testing/vitest";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ending } from "../../src/interview/ending.js";
import { interview } from "../../src/interview/interview.js";
import { showPaged } from "../../src/interview/pager.js";
import { PromptCancelled } from "../../src/interview/prompter.js";
import { inquirerPrompter, wrapAnswer } from "../../src/interview/prompts.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Answers } from "../../src/model/answers.js";
import { fixture, tempDir } from "../cli/run.js";

function prompter(signal?: AbortSignal) {
  const output = new PassThrough();
  let said = "";
  output.on("data", (chunk) => (said += String(chunk)));
  return { prompter: inquirerPrompter({ output, ...(signal ? { signal } : {}) }), said: () => said };
}

const ITEMS = [{ value: "yes", name: "Yes" }, { value: "no", name: "No" }, { separator: "----" }, { value: "help", name: "? Why it matters", description: "Because it does." }];

describe("inquirerPrompter", () => {
  it("shows the choices with the cursor on the default, separators included, and returns the value chosen", async () => {
    const answer = prompter().prompter.select("Pick one", ITEMS, { default: "no" });
    expect(screen.getScreen()).toContain("Pick one");
    expect(screen.getScreen()).toMatch(/❯ No/);
    expect(screen.getScreen()).toContain("----");
    screen.keypress("down");
    expect(screen.getScreen()).toContain("Because it does.");
    screen.keypress("enter");
    await expect(answer).resolves.toBe("help");
  });

  it("puts an editable default on the input line", async () => {
    const answer = prompter().prompter.input("Note", { default: "old", editable: true });
    screen.type(" and new");
    screen.keypress("enter");
    await expect(answer).resolves.toBe("old and new");
  });

  it("turns Ctrl-C at a prompt into PromptCancelled", async () => {
    const answer = prompter().prompter.select("Pick one", ITEMS);
    screen.keypress({ name: "c", ctrl: true });
    await expect(answer).rejects.toBeInstanceOf(PromptCancelled);
  });

  it("keeps what was on an input line when Ctrl-C cancels it, and echoes a long answer wrapped on word boundaries", async () => {
    const typing = prompter().prompter.input("Note", { default: "old", editable: true });
    screen.type(" and half");
    screen.keypress({ name: "c", ctrl: true });
    await expect(typing).rejects.toMatchObject({ name: "PromptCancelled", typed: "old and half" });
    const output = Object.assign(new PassThrough(), { columns: 40 });
    const client = inquirerPrompter({ output }).input("Who is this for?");
    screen.type("Hartley Plumbing & Heating (3 vans, boiler repairs)");
    screen.keypress("enter");
    await expect(client).resolves.toBe("Hartley Plumbing & Heating (3 vans, boiler repairs)");
    expect(screen.getScreen()).toBe("✔ Who is this for? Hartley Plumbing &\nHeating (3 vans, boiler repairs)");
    // where not even the first word fits after the message, the answer starts on the next line
    expect(wrapAnswer("Supercalifragilistic Ltd", 21, 12)).toBe("\nSupercalifragilistic\nLtd");
    expect(wrapAnswer("a note under its message", 20, 1)).toBe("a note under its\nmessage");
  });

  it("turns an abort (SIGINT between prompts) into PromptCancelled, even before the prompt opens", async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(prompter(abort.signal).prompter.confirm("Sure?")).rejects.toBeInstanceOf(PromptCancelled);
  });

  it("writes what it says to its output, not stdout", () => {
    const p = prompter();
    p.prompter.say("Stage 1 of 2: Billing");
    expect(p.said()).toBe("Stage 1 of 2: Billing\n");
  });
});

describe("interview through the real prompts", () => {
  it("answers, asks for help, goes back, reviews, and stops on Ctrl-C with the answers saved", async () => {
    const set = await loadQuestionSet(fixture("mini")).then(orThrow);
    const saves: Answers[] = [];
    const { prompter: p, said } = prompter();
    const done = interview(set, { answers: {}, notes: {} }, p, async (a) => void saves.push(structuredClone(a)), { today: "2026-11-25" });
    const keys = (...names: string[]) => {
      for (const k of names) k === "ctrl-c" ? screen.keypress({ name: "c", ctrl: true }) : screen.keypress(k);
    };
    const down = (n: number) => Array<string>(n).fill("down");
    const step = async (expected: string, act: () => void) => {
      expect(screen.getScreen()).toContain(expected);
      act();
      await screen.next();
    };
    await step("Who is this assessment for?", () => {
      screen.type("Acme");
      keys("enter");
    });
    await step("Your name", () => keys("enter"));
    await step("[1/4] Would customers rather pay automatically?", () => keys("enter"));
    await step("[2/4] Are payment terms negotiated", () => keys(...down(2), "enter"));
    // Scale (5), then help, note, back; the list does not wrap.
    await step("[3/4] Are problems few", () => keys(...down(5), "enter"));
    await step("[3/4] Are problems few", () => keys(...down(7), "enter"));
    await step("[2/4] Are payment terms negotiated", () => {
      expect(screen.getScreen()).toMatch(/❯ No/);
      keys("enter");
    });
    await step("[3/4] Are problems few", () => keys("down", "enter"));
    expect(screen.getScreen()).toContain("[4/4] Are problems specific");
    keys("ctrl-c");
    await expect(done).rejects.toBeInstanceOf(PromptCancelled);
    expect(said()).toContain("Why it matters: Repeated problems can be answered by a help article.");
    expect(saves.at(-1)).toEqual({ client: "Acme", date: "2026-11-25", answers: { "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "partly" }, notes: {} });
  });

  it("echoes labels, takes a one-line note, and counts the review as the report does", async () => {
    const set = await loadQuestionSet(fixture("mini")).then(orThrow);
    const start: Answers = { client: "Acme", answers: { "auto-pay": "yes", "negotiated-terms": "unsure", "few-problems": "n/a" }, notes: {} };
    const { prompter: p, said } = prompter();
    const done = interview(set, start, p, async () => {}, { today: "2026-11-25" });
    expect(screen.getScreen()).toContain("[4/4] Are problems specific");
    // Scale (5), a separator, then help and note.
    for (let i = 0; i < 6; i++) screen.keypress("down");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("Note, one line (Enter when done; empty for no note)");
    screen.type("Only for the big accounts");
    screen.keypress("enter");
    await screen.next();
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen().replace(/\s+/g, " ")).toContain("Review your answers");
    screen.keypress("enter");
    const answers = await done;
    expect(answers.notes).toEqual({ "specific-problems": "Only for the big accounts" });
    const output = await screen.getFullOutput();
    const flat = output.replace(/\s+/g, " ");
    expect(flat).toContain("✔ [4/4] Are problems specific to each customer? Add a note");
    expect(flat).toContain("Only for the big accounts");
    expect(flat).toContain("✔ [4/4] Are problems specific to each customer? Yes");
    // the note is shown once, by its echo (the review clearing itself once chosen is seen in tests/interview/assess-tty.test.ts)
    expect(said()).not.toContain("note: Only for the big accounts");
    expect(output).not.toMatch(/(\?|answers) (note|back|done|help|change \d+)\s*$/m);
    expect(said().replace(/\s+/g, " ")).toContain("Review: answered 2 of 4 (1 not sure, 1 not applying). Pick a question to change its answer, or Done.");
    expect(screen.getScreen()).not.toContain("not answered yet");
  });
});

describe("the ending through the real prompts", () => {
  it("shows the summary, reads, saves in a chosen format, and finishes with the summary the last thing shown", async () => {
    const dir = tempDir();
    const { prompter: p } = prompter();
    const shown: string[] = [];
    let reads = 0;
    const done = ending(p, {
      summary: "SUMMARY\n",
      read: async () => void reads++,
      render: (format) => `report as ${format}\n`,
      formats: ["markdown", "html", "json"],
      baseName: join(dir, "acme-automation-fit"),
      show: (text) => void shown.push(text),
    });
    expect(shown).toEqual(["SUMMARY\n"]);
    expect(screen.getScreen()).toContain("Save it to a file (Markdown, HTML or JSON)");
    screen.keypress("enter");
    await screen.next();
    expect(reads).toBe(1);
    screen.keypress("down");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("Save the report as");
    screen.keypress("down");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("acme-automation-fit.html");
    screen.keypress("enter");
    await screen.next();
    screen.keypress("down");
    screen.keypress("down");
    screen.keypress("enter");
    await done;
    expect(readFileSync(join(dir, "acme-automation-fit.html"), "utf8")).toBe("report as html\n");
    // Shown again after each choice, so it stays the last thing on screen (the choice clears itself: tests/interview/assess-tty.test.ts).
    expect(shown).toEqual(["SUMMARY\n", "SUMMARY\n", "SUMMARY\n"]);
    expect(screen.getScreen()).toBe("✔ What next? Finish");
  });
});

describe("showPaged without less", () => {
  it("shows a screen at a time and stops on q", async () => {
    const output = Object.assign(new PassThrough(), { rows: 10 });
    let written = "";
    output.on("data", (chunk) => (written += String(chunk)));
    const text = `${Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n")}\n`;
    const paging = showPaged(text, { output, prompter: inquirerPrompter({ output: new PassThrough() }), env: { PATH: "" } });
    expect(screen.getScreen()).toContain("Lines 1-8 of 30: Enter for more, q and Enter to stop");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("Lines 1-16 of 30");
    screen.type("q");
    screen.keypress("enter");
    await paging;
    expect(written.trimEnd().split("\n")).toEqual(Array.from({ length: 16 }, (_, i) => `line ${i + 1}`));
  });
});
