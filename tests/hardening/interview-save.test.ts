import { chmodSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { shellQuote } from "../../src/text.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { BIN, fixture, runAsNobody, tempDir, runInProcess } from "../cli/run.js";
import { hasTmux, tmuxServer } from "../cli/tmux.js";

const MINI = fixture("mini");
const set = await loadQuestionSet(MINI).then(orThrow);
const node = `${shellQuote(process.execPath)} ${shellQuote(BIN)}`;
const assess = `${node} assess --questions ${shellQuote(MINI)}`;
const { start, screen, keys, type, prompt, exited, until, tmux, close } = tmuxServer();

// Not skipped when tmux is missing: .ci/run installs it, and a terminal test that cannot run must fail.
describe("the interview's outputs are checked before the first question (F29, F29b, F30)", () => {
  it("refuses --out naming the save file, with --force, and writes neither", async () => {
    const dir = tempDir();
    const r = await runInProcess(["assess", "--questions", MINI, "--save", "x.yaml", "--out", "x.yaml", "--force"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("x.yaml is the interview's save file; choose another file for this output; nothing was changed\n");
  });

  it("refuses an existing --out without --force, and --out into a missing folder, before asking anything", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "report.md"), "keep");
    const taken = await runInProcess(["assess", "--questions", MINI, "--out", "report.md"], { cwd: dir });
    expect(taken.status).toBe(2);
    expect(taken.stderr).toBe("report.md already exists; add --force to replace it, or choose another file\n");
    const missing = await runInProcess(["assess", "--questions", MINI, "--out", "no/report.md"], { cwd: dir });
    expect(missing.stderr).toMatch(/^no\/report\.md could not be written: its folder does not exist/);
    expect(readFileSync(join(dir, "report.md"), "utf8")).toBe("keep");
  });

  it("finds a save folder it may not write before the name prompts, as a user who is not root", async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const r = runAsNobody(["assess", "--questions", MINI, "--save", join(dir, "ans.yaml")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`could not be written: permission denied: the folder ${dir} is not writable`);
    expect(r.stderr).not.toContain("terminal");
  });
});

describe("the save file in a real terminal (tmux)", () => {
  afterAll(close);

  it("is there: tmux runs", () => {
    expect(hasTmux).toBe(true);
  });

  it("a full disk mid-interview keeps the answers, says what failed, retries, and stops with the resume line (F30)", async () => {
    const dir = tempDir();
    const full = join(dir, "disk-is-full");
    start(
      "disk",
      dir,
      `AUTOMATION_FIT_TEST_DISK_FULL=${full} ${process.execPath} --import ${shellQuote(join(import.meta.dirname, "full-disk.mjs"))} ${shellQuote(BIN)} assess --questions ${shellQuote(MINI)} --save ans.yaml`,
      "exit",
    );
    await prompt("disk", "Who is this assessment for?");
    keys("disk", "Enter");
    await prompt("disk", "Your name");
    keys("disk", "Enter");
    await prompt("disk", "[1/4]");
    keys("disk", "Enter");
    await prompt("disk", "[2/4]");
    writeFileSync(full, "");
    keys("disk", "Enter");
    const failed = await prompt("disk", "What now?");
    expect(failed).toContain("Your answers could not be saved. ans.yaml could not be written: the disk is full (no space left on the device); nothing was changed");
    expect(failed).toContain("ans.yaml still holds 1 of them");
    keys("disk", "Enter"); // try again: still full
    await until("the second failure", () => screen("disk").split("What now?").length > 2, "disk");
    rmSync(full);
    await prompt("disk", "What now?");
    keys("disk", "Enter"); // try again: space freed
    const saved = await prompt("disk", "[3/4]");
    expect(saved).toContain("Saved: all 2 answers are now in ans.yaml.");
    expect((await loadAnswers(join(dir, "ans.yaml"), set).then(orThrow)).answers).toEqual({ "auto-pay": "yes", "negotiated-terms": "yes" });
    writeFileSync(full, "");
    keys("disk", "Enter");
    await until("the third failure", () => screen("disk").split("What now?").length > 3 && screen("disk").trimEnd().endsWith("⏎ select"), "disk");
    keys("disk", "Down", "Down", "Down", "Enter"); // stop here
    expect(await exited("disk", dir, "exit")).toBe("EXIT=130");
    expect(screen("disk").replace(/\s+/g, " ")).toContain(
      `The last 1 change could not be saved (ans.yaml could not be written: the disk is full (no space left on the device); nothing was changed). ans.yaml holds 2 answers. Resume with: automation-fit assess --resume ans.yaml --questions ${MINI}`,
    );
    expect((await loadAnswers(join(dir, "ans.yaml"), set).then(orThrow)).answers).toEqual({ "auto-pay": "yes", "negotiated-terms": "yes" });
  }, 60_000);

  it("a second --resume of the same file is refused, naming who holds it, and the first keeps saving (F27)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "same.yaml"), 'answers:\n  auto-pay: "yes"\n');
    start("a", dir, `${assess} --resume same.yaml`, "exit-a");
    await prompt("a", "[2/4]");
    const pid = readFileSync(join(dir, ".same.yaml.lock"), "utf8");
    start("b", dir, `${assess} --resume same.yaml`, "exit-b");
    expect(await exited("b", dir, "exit-b")).toBe("EXIT=2");
    expect(screen("b").replace(/\s+/g, " ")).toContain(`same.yaml is in use by process ${JSON.parse(pid).pid} on this computer`);
    keys("a", "Enter");
    await prompt("a", "[3/4]");
    keys("a", "C-c");
    expect(await exited("a", dir, "exit-a")).toBe("EXIT=130");
    expect(screen("a")).toContain("Kept 2 answers in same.yaml.");
    expect((await loadAnswers(join(dir, "same.yaml"), set).then(orThrow)).answers).toEqual({ "auto-pay": "yes", "negotiated-terms": "yes" });
    expect(() => lstatSync(join(dir, ".same.yaml.lock"))).toThrow();
  }, 60_000);

  it("resuming keeps role, $schema, comments and the date, and writes through a symlink (F28, F32)", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "real"));
    const original = [
      "# Interview with the head of sales",
      "$schema: ../answers.schema.json",
      "role: head of sales # asked on the phone",
      "date: 2026-11-01",
      "answers:",
      "  # first answer",
      '  auto-pay: "yes"',
      "notes: {}",
      "",
    ].join("\n");
    writeFileSync(join(dir, "real", "ans.yaml"), original);
    symlinkSync("real/ans.yaml", join(dir, "link.yaml"));
    start("keep", dir, `${assess} --resume link.yaml`, "exit");
    await prompt("keep", "[2/4]");
    keys("keep", "Down", "Down", "Enter");
    await prompt("keep", "[3/4]");
    keys("keep", "C-c");
    expect(await exited("keep", dir, "exit")).toBe("EXIT=130");
    expect(lstatSync(join(dir, "link.yaml")).isSymbolicLink()).toBe(true);
    const saved = readFileSync(join(dir, "real", "ans.yaml"), "utf8");
    expect(saved).toBe(original.replace('  auto-pay: "yes"\n', '  auto-pay: "yes"\n  negotiated-terms: "no"\n'));
  }, 60_000);

  for (const [signal, code] of [
    ["TERM", 143],
    ["HUP", 129],
  ] as const) {
    it(`SIGTERM and SIGHUP stop like Ctrl-C: terminal restored, answers kept, the resume line, exit ${code} (SIG${signal}, F31)`, async () => {
      const dir = tempDir();
      const session = `sig${signal}`;
      start(session, dir, `sh -c 'echo $$ > pid; exec ${assess} --save ans.yaml'`, "exit", { after: "stty -a > stty.txt;" });
      await prompt(session, "Who is this assessment for?");
      type(session, "Acme");
      keys(session, "Enter");
      await prompt(session, "Your name");
      keys(session, "Enter");
      await prompt(session, "[1/4]");
      keys(session, "Enter");
      await prompt(session, "[2/4]");
      process.kill(Number(readFileSync(join(dir, "pid"), "utf8")), `SIG${signal}`);
      expect(await exited(session, dir, "exit")).toBe(`EXIT=${code}`);
      // the command whole on a line of its own where it does not fit beside the words (tests/interview/assess-tty.test.ts)
      expect(screen(session).replace(/\s+/g, " ")).toContain(`Kept 1 answer in ans.yaml. Resume with: automation-fit assess --resume ans.yaml --questions ${MINI}`);
      await until("stty", () => readFileSync(join(dir, "stty.txt"), { encoding: "utf8", flag: "a+" }).includes("icanon"), session);
      const stty = readFileSync(join(dir, "stty.txt"), "utf8");
      for (const mode of ["isig", "icanon", "echo"]) expect(stty).toMatch(new RegExp(`(^|\\s)${mode}(\\s|$)`));
      expect(tmux("display-message", "-p", "-t", session, "#{cursor_flag}").trim()).toBe("1");
      expect((await loadAnswers(join(dir, "ans.yaml"), set).then(orThrow)).answers).toEqual({ "auto-pay": "yes" });
    }, 60_000);
  }
});
