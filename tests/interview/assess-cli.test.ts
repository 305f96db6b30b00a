import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, fixture, run, tempDir, runInProcess } from "../cli/run.js";

const MINI = fixture("mini");

describe("automation-fit assess without a terminal", () => {
  it("does not prompt: exit 2, pointing to `automation-fit report`", () => {
    const dir = tempDir();
    const r = run(["assess", "--questions", MINI], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("stdin is not one");
    expect(r.stderr).toContain("automation-fit report ANSWERS");
    expect(existsSync(join(dir, "automation-fit-answers.yaml"))).toBe(false);
  });

  it("rejects an unknown --stage with a suggestion, exit 2", async () => {
    const typo = await runInProcess(["assess", "--questions", MINI, "--stage", "billing", "suport"]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe("option --stage: unknown stage 'suport'; did you mean 'support'?\n");
    const nope = await runInProcess(["assess", "--questions", MINI, "--stage", "nope"]);
    expect(nope.status).toBe(2);
    expect(nope.stderr).toBe("option --stage: unknown stage 'nope'; the stages are: billing, support\n");
  });

  it("never replaces an existing save file unasked: names --resume, --save and --force, exit 2", async () => {
    const dir = tempDir();
    const file = join(dir, "automation-fit-answers.yaml");
    writeFileSync(file, "answers: {}\n");
    const r = await runInProcess(["assess", "--questions", MINI], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`automation-fit assess --resume automation-fit-answers.yaml --questions ${MINI}`);
    expect(r.stderr).toContain("--save");
    expect(r.stderr).toContain("--force");
    expect(readFileSync(file, "utf8")).toBe("answers: {}\n");
    // Whole commands that work as printed: a free file name, not a placeholder; under npm start each spelled `npm start -- ...`.
    expect(r.stderr).toContain(`keep it and start anew:   automation-fit assess --save automation-fit-answers-2.yaml --questions ${MINI}`);
    writeFileSync(join(dir, "automation-fit-answers-2.yaml"), "answers: {}\n");
    const npm = await runInProcess(["assess", "--questions", MINI, "--stage", "billing"], { cwd: dir, env: { npm_lifecycle_event: "start", npm_command: "start" } });
    expect(npm.stderr.split("\n").slice(1, 4)).toEqual([
      `  continue it:              npm start -- --resume automation-fit-answers.yaml --questions ${MINI} --stage billing`,
      `  keep it and start anew:   npm start -- --save automation-fit-answers-3.yaml --questions ${MINI} --stage billing`,
      `  start over, replacing it: npm start -- --force --questions ${MINI} --stage billing`,
    ]);
    expect((await runInProcess(["assess", "--force"], { cwd: dir, env: { npm_lifecycle_event: "start" } })).stderr).toContain("use: npx automation-fit report ANSWERS");
    // With --force or --resume the file is no obstacle; then the missing terminal is.
    for (const args of [["--force"], ["--resume", "automation-fit-answers.yaml"]]) {
      const ok = await runInProcess(["assess", "--questions", MINI, ...args], { cwd: dir });
      expect(ok.status).toBe(2);
      expect(ok.stderr).toContain("stdin is not one");
    }
  });

  it("checks the --resume file against the set before asking anything, exit 2", async () => {
    const missing = await runInProcess(["assess", "--questions", MINI, "--resume", "no-such.yaml"], { cwd: tempDir() });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no-such.yaml no such file");
    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), "answers:\n  auto-pay: maybe\n");
    const bad = await runInProcess(["assess", "--questions", MINI, "--resume", "a.yaml"], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("a.yaml:2:13 'maybe' is not on the scale");
  });

  it("refuses an existing --out file before the interview, unless --force", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "report.md"), "old");
    const r = await runInProcess(["assess", "--questions", MINI, "--format", "markdown", "--out", "report.md"], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("report.md already exists");
  });

  it("is listed in the help with its options", async () => {
    expect((await runInProcess(["--help"])).stdout).toMatch(/assess \[options\]\s+answer the questions in the terminal/);
    const help = (await runInProcess(["assess", "--help"])).stdout;
    for (const option of ["--questions", "--stage", "--save", "--resume", "--format", "--out", "--force"]) expect(help).toContain(option);
  });
});

describe("the build", () => {
  it("keeps inquirer out of what every command loads at start-up", async () => {
    const cli = readFileSync(join(ROOT, "dist", "cli.js"), "utf8");
    expect(cli).not.toMatch(/User force closed the prompt|ExitPromptError|@inquirer/);
    const meta = JSON.parse(readFileSync(join(ROOT, "dist", "meta.json"), "utf8"));
    expect(Object.keys(meta.outputs["dist/cli.js"].inputs).some((f) => f.includes("@inquirer"))).toBe(false);
    expect(Object.values(meta.outputs).some((o) => Object.keys((o as { inputs: object }).inputs).some((f) => f.includes("@inquirer/core")))).toBe(true);
  });
});
