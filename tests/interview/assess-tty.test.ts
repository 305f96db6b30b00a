import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { shellQuote } from "../../src/text.js";
import { loadAnswers } from "../../src/load/answers.js";
import { plan } from "../../src/interview/interview.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { displayWidth } from "../../src/text.js";
import { BIN, example, fixture, ROOT, tempDir } from "../cli/run.js";
import { hasTmux, tmuxServer } from "../cli/tmux.js";

const MINI = fixture("mini");
const { tmux, start, screen, raw, keys, type, until, prompt, exited, close } = tmuxServer();

const IN_CI = Boolean(process.env.CI);
if (!hasTmux && !IN_CI) {
  // said where a developer sees it, not only as a skipped line
  process.stderr.write("\ntmux test SKIPPED: tmux is not installed; install it with 'apt-get install tmux' (.ci/run does)\n\n");
}

// In CI (CI=true) it always runs: without tmux it fails there, as it must not skip.
describe.runIf(IN_CI || hasTmux)("automation-fit assess in a real terminal (tmux)", () => {
  afterAll(close);

  it("has tmux to run in (.ci/run installs it)", () => {
    expect(hasTmux, "tmux is missing; install it with 'apt-get install tmux' (.ci/run does)").toBe(true);
  });

  it("saves every answer, survives kill -9 and Ctrl-C, resumes, and finishes with the report", async () => {
    const dir = tempDir();
    const node = `${shellQuote(process.execPath)} ${shellQuote(BIN)}`;
    const set = await loadQuestionSet(MINI).then(orThrow);

    // 1. Start, answer one question, then kill -9: the answer given is on disk.
    start("one", dir, `sh -c 'echo $$ > pid; exec ${node} assess --questions ${shellQuote(MINI)} --save ans.yaml'`, "exit1");
    const opening = await prompt("one", "Who is this assessment for?");
    expect(opening).toContain("asks 4 questions");
    expect(opening).toContain("saved at once to ans.yaml");
    type("one", "Acme");
    keys("one", "Enter");
    await prompt("one", "Your name");
    keys("one", "Enter");
    const first = await prompt("one", "[1/4] Would customers rather pay automatically?");
    expect(first).toContain("Stage 1 of 2: Billing");
    keys("one", "Enter");
    await prompt("one", "[2/4] Are payment terms negotiated per account?");
    process.kill(Number(readFileSync(join(dir, "pid"), "utf8")), "SIGKILL");
    expect(await exited("one", dir, "exit1")).toBe("EXIT=137");
    expect(await loadAnswers(join(dir, "ans.yaml"), set).then(orThrow)).toMatchObject({ client: "Acme", answers: { "auto-pay": "yes" } });

    // 2. Resume (the set by a short path, at 60 columns), answer one more, start a note, then Ctrl-C: exit 130, the note
    // typed kept, and the exact command to resume whole on a line of its own where it does not fit beside the words.
    cpSync(MINI, join(dir, "mini"), { recursive: true });
    start("two", dir, `${node} assess --questions mini --resume ans.yaml`, "exit2", { columns: 60 });
    const resumed = await prompt("two", "[2/4] Are payment terms negotiated");
    expect(resumed).toContain("Resuming: 1 of 4 questions already answered.");
    keys("two", "Down", "Down", "Enter");
    await prompt("two", "[3/4] Are problems few");
    keys("two", ...Array<string>(6).fill("Down"), "Enter");
    await prompt("two", "Note, one line");
    type("two", "Big accounts want a call");
    await until("the note typed", () => screen("two").includes("Big accounts want a call"), "two");
    keys("two", "C-c");
    expect(await exited("two", dir, "exit2")).toBe("EXIT=130");
    const resume = "automation-fit assess --resume ans.yaml --questions mini";
    expect(raw("two")).toContain(`Kept 2 answers and the note being typed at question 3 in\nans.yaml. Resume with:\n  ${resume}\n`);
    expect(await loadAnswers(join(dir, "ans.yaml"), set).then(orThrow)).toMatchObject({
      answers: { "auto-pay": "yes", "negotiated-terms": "no" },
      notes: { "few-problems": "Big accounts want a call" },
    });

    // 3. Run the command it printed; finish, review, read the report and save it as Markdown.
    start("three", dir, resume.replace(/^automation-fit/, node), "exit3");
    expect(await prompt("three", "[3/4] Are problems few and the same each time?")).toContain("note: Big accounts want a call");
    keys("three", "Down", "Enter");
    await prompt("three", "[4/4] Are problems specific to each customer?");
    keys("three", "Enter");
    const review = await prompt("three", "Review your answers");
    expect(review).toMatch(/❯ ✔ Done: show the report/);
    expect(review).toMatch(/Partly\s+Are problems few and the same each time\?/);
    keys("three", "Enter");
    const summary = await prompt("three", "What next?");
    // the review cleared itself once Done was chosen: no "✔ Review your answers Done" left on screen
    expect(summary).not.toContain("Review your answers");
    for (const text of ["Automation fit: Acme", "Billing", "Support"]) expect(summary).toContain(text);
    expect(summary).not.toContain("Check-up calls");
    // The full report in less: its end holds the campaigns; q comes back to the choice.
    keys("three", "Enter");
    const atEnd = () => {
      keys("three", "G");
      return screen("three").includes("Check-up calls") && !screen("three").includes("What next?");
    };
    await until("less at the end of the report", atEnd, "three");
    keys("three", "q");
    await prompt("three", "What next?");
    keys("three", "Down", "Enter");
    await prompt("three", "Save the report as");
    keys("three", "Enter");
    await prompt("three", "File name");
    keys("three", "Enter");
    await until("the choice again", () => screen("three").includes("Saved the report to acme-automation-fit.md") && /\? What next\?[^?]*$/.test(screen("three")), "three");
    keys("three", "Down", "Down", "Enter");
    expect(await exited("three", dir, "exit3")).toBe("EXIT=0");
    expect(readFileSync(join(dir, "acme-automation-fit.md"), "utf8")).toMatch(/^# Automation fit: Acme\n[\s\S]*## Billing/);
    const answers = await loadAnswers(join(dir, "ans.yaml"), set).then(orThrow);
    expect(answers.answers).toEqual({ "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "partly", "specific-problems": "yes" });

    // 4. With stdout redirected, the prompts stay on the terminal and the file holds only the report. Run as npm start
    // (npm_lifecycle_event), where npm's banner would go ahead of the report: it says so and how to write the file alone.
    start("four", dir, `npm_lifecycle_event=start ${node} assess --questions mini --resume ans.yaml --format markdown > report.md`, "exit4");
    const npmNote = await prompt("four", "Review your answers");
    expect(npmNote).toContain(
      "note: npm start prints its own lines ('> automation-fit@… start') on stdout too, so the report redirected there will begin with them. " +
        "For a file that holds the report alone, run instead: npm start -- --resume ans.yaml --out report.md --questions mini --format markdown",
    );
    keys("four", "Enter");
    expect(await exited("four", dir, "exit4")).toBe("EXIT=0");
    const markdown = readFileSync(join(dir, "report.md"), "utf8");
    expect(markdown).toMatch(/^# Automation fit: Acme\n/);
    expect(markdown).not.toMatch(/Review your answers|Resuming|Who is this assessment for|Answers saved in|\u001b/);
    expect(screen("four")).not.toContain("Save this report");
  }, 90_000);

  it("wraps its refusals at 60 columns on word boundaries, each command whole: an unknown --stage, a --save folder, stdin not a terminal; and errors of other commands (cli.ts)", async () => {
    const node = `${shellQuote(process.execPath)} ${shellQuote(BIN)}`;
    const dir = tempDir();
    cpSync(fixture("bad-answers.yaml"), join(dir, "client answers.yaml"));
    const runs = [
      `${node} assess --questions ${shellQuote(MINI)} --stage bill --stage supportt`,
      `${node} assess --questions ${shellQuote(MINI)} --save .`,
      `echo | ${node} assess --questions ${shellQuote(MINI)} --save fresh-answers-file.yaml`,
      `${node} report x.yaml --format pdf`,
      `${node} report 'client answers.yaml' --questions ${shellQuote(MINI)}`,
      // a refusal of a team of two clients (#24), then, named as one, "wrote FILE"
      `${node} report ${shellQuote(example("self-serve-subscription.yaml"))} ${shellQuote(example("team/founder.yaml"))} --out team.json`,
      `${node} report ${shellQuote(example("self-serve-subscription.yaml"))} ${shellQuote(example("team/founder.yaml"))} --client Acme --out team.json`,
    ];
    start("narrow", dir, runs.map((r) => `${r} 2>&1; echo EXIT=$?`).join("; "), "exit", { columns: 60 });
    await exited("narrow", dir, "exit");
    // Joined, a line the terminal had to break is longer than the terminal: none is, so no word is cut.
    const shown = screen("narrow").split("\n");
    expect(shown.filter((line) => displayWidth(line) > 60)).toEqual([]);
    for (const words of [
      "option --stage: unknown stage 'bill'; the stages are: billing, support",
      "option --stage: unknown stage 'supportt'; did you mean 'support'?",
      "is a folder; --save names a file, like answers.yaml",
      "automation-fit assess asks its questions in a terminal, and stdin is not one (it is piped or redirected).",
      "option --format: 'pdf' is not one of: terminal, markdown, json, html",
      "client answers.yaml:3:3 unknown question id 'negotiated-term'; did you mean 'negotiated-terms'?",
      "the answers name 2 different clients (Pennywise Budgets",
      "a team report is for people looking at one business: report each client's answers on their own, or give --client NAME if they really are one business EXIT=2 wrote team.json",
    ]) {
      expect(screen("narrow").replace(/\s+/g, " ")).toContain(words);
    }
    expect(shown).toContain("  automation-fit report ANSWERS");
    // each problem's location starts its line, whole; its continuation is indented
    expect(shown.filter((line) => line.includes("client answers.yaml:")).every((line) => line.startsWith("client answers.yaml:"))).toBe(true);
    expect(shown).toContain("  json, html");
    expect(shown.filter((line) => line.startsWith("EXIT="))).toEqual(["EXIT=2", "EXIT=2", "EXIT=2", "EXIT=2", "EXIT=2", "EXIT=2", "EXIT=0"]);
  }, 30_000);

  it("reads cleanly at 60 and 100 columns: labels echoed, words whole, the review within the width, the summary on one 80x24 screen", async () => {
    const set = await loadQuestionSet(join(ROOT, "questions")).then(orThrow);
    const first = plan(set)[0]!.question;
    const node = `${shellQuote(process.execPath)} ${shellQuote(BIN)}`;
    const flat = (text: string) => text.replace(/\s+/g, " ");
    const total = set.questions.length;
    const walk = async (columns: number) => {
      const s = `w${columns}`;
      const dir = tempDir();
      start(s, dir, `${node} assess --save ans.yaml`, "exit", { columns, rows: 40 });
      await prompt(s, "Who is this assessment for?");
      // a long name, echoed on word boundaries (checked with every other line below: none longer than the terminal)
      type(s, "Acme Plumbing & Heating (3 vans, boiler repairs)");
      keys(s, "Enter");
      await prompt(s, "Your name");
      keys(s, "Enter");
      await prompt(s, `[1/${total}]`);
      expect(screen(s)).toMatch(new RegExp(`Stage 1 of ${set.stages.length}: .* · about \\d+ minutes left`));
      // The help, shown under the list and then printed, with every word whole (not joined: a word cut at the edge shows as two).
      keys(s, ...Array<string>(set.scale.length).fill("Down"));
      await until("the help under the list", () => flat(raw(s)).includes(flat(first.help)), s);
      keys(s, "Enter");
      await until("the help printed", () => flat(raw(s)).includes(flat(`Why it matters: ${first.help}`)), s);
      // A note on the first question, then Enter on every question.
      await prompt(s, `[1/${total}]`);
      keys(s, ...Array<string>(set.scale.length + 1).fill("Down"), "Enter");
      await prompt(s, "Note, one line");
      type(s, "Most of our customers are small shops that need the same thing");
      keys(s, "Enter");
      for (let n = 1; n <= total; n++) {
        await prompt(s, `[${n}/${total}]`);
        keys(s, "Enter");
      }
      await prompt(s, "Review your answers");
      const shown = tmux("capture-pane", "-p", "-J", "-S", "-1000", "-t", s).split("\n");
      // Joined, a line the terminal had to wrap is longer than the terminal: none is.
      expect(shown.filter((line) => displayWidth(line) > columns)).toEqual([]);
      expect(shown.join("\n")).not.toMatch(/(\?|answers|optional\)) (note|back|done|help|change \d+)\s*$/m);
      expect(shown.join("\n")).toMatch(/\? Add a note$/m);
      expect(flat(shown.join("\n"))).toContain(`Review: answered ${total} of ${total}.`);
      // the note shown once, by its echo: not again under the question it belongs to
      expect(flat(shown.join("\n"))).toContain("Most of our customers are small shops that need the same thing");
      expect(shown.join("\n")).not.toContain("note: Most of our customers");
      // The ending on an 80x24 screen: the summary, then the choice; on Finish the summary is what stays.
      tmux("resize-window", "-t", s, "-x", "80", "-y", "24");
      keys(s, "Enter");
      await prompt(s, "What next?");
      keys(s, "Down", "Down", "Enter");
      expect(await exited(s, dir, "exit")).toBe("EXIT=0");
      const visible = tmux("capture-pane", "-p", "-t", s).trimEnd().split("\n");
      expect(visible.length).toBeLessThanOrEqual(24);
      const top = visible.findIndex((line) => line.startsWith("Automation fit: Acme"));
      expect(top).toBeGreaterThanOrEqual(0);
      for (const stage of set.stages) expect(visible.slice(top).some((line) => line.includes(stage.name))).toBe(true);
      // at least three first things to do, under every stage
      const todo = visible.findIndex((line) => line.startsWith("First things to do"));
      expect(todo).toBeGreaterThan(top + set.stages.length);
      for (const n of [1, 2, 3]) expect(visible.slice(todo).some((line) => line.startsWith(`  ${n}. `))).toBe(true);
      expect(visible.join("\n")).not.toContain("What next?");
      expect(visible.every((line) => displayWidth(line) <= 80)).toBe(true);
    };
    await Promise.all([walk(60), walk(100)]);
  }, 90_000);
});
