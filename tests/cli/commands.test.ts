import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { parse } from "yaml";
import { parseOptions } from "../../src/commands/options.js";
import { ReportOptions } from "../../src/commands/report.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { quickAnswers } from "../../src/load/respondents.js";
import { example, fixture, ROOT, run, tempDir, runInProcess } from "./run.js";

const EXAMPLE = example("self-serve-subscription.yaml");
const noStack = (r: { stderr: string }) => expect(r.stderr).not.toMatch(/^\s+at /m);

describe("automation-fit (no command)", () => {
  it("prints help with every command, exit 0", () => {
    const r = run(["--help"]);
    expect(r.status).toBe(0);
    for (const command of ["report", "questions", "validate"]) expect(r.stdout).toContain(command);
  });

  it("prints the tool's version and the built-in question set's, each labelled, exit 0", async () => {
    const tool = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
    const set = /^set:\n(?:.*\n)*?\s+version:\s*"?([^"\n]+)"?$/m.exec(readFileSync(join(ROOT, "questions/set.yaml"), "utf8"))?.[1];
    expect(set).toBeTruthy();
    // the binary, which reads the set the build prepared; the other spellings in this process, from questions/
    const version = new RegExp(`^automation-fit ${tool}\nquestion set v${set!.replace(/^v/, "")} \\(.+, built in\\)\n$`);
    const built = run(["--version"]);
    expect(built.status).toBe(0);
    expect(built.stdout).toMatch(version);
    for (const args of [["-V"], ["assess", "--version"]]) {
      const r = await runInProcess(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(version);
    }
  });

  it("explains the words the reports use: automation-fit glossary", async () => {
    const r = run(["glossary"]);
    expect(r.status).toBe(0);
    for (const term of ["Stage", "Verdict", "Answered", "Play", "KPI", "Campaign", "Segment", "Account"]) expect(r.stdout).toMatch(new RegExp(`^${term}\n  \\S`, "m"));
    expect(r.stdout.split("\n").every((line) => line.length <= 80)).toBe(true);
    expect((await runInProcess(["--help"])).stdout).toContain("automation-fit glossary");
  });

  it("rejects an unknown command with a suggestion, exit 2", () => {
    const r = run(["reprot"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("report");
  });
});

describe("an unknown option's did-you-mean", () => {
  // glossary --format suggested --force: glossary's own (it writes --out FILE, replaced with --force), not another command's
  it("suggests only an option the command itself takes (its own, or the tool's --version and --help)", async () => {
    const { program } = await import("../../src/cli.js");
    const commands = (c: Command): Command[] => [c, ...c.commands.flatMap(commands)];
    const root = program();
    const global = new Set(["--version", "--help"]);
    let suggested = 0;
    for (const command of commands(root).filter((c) => c !== root)) {
      const path = [command.parent === root ? [] : [command.parent!.name()], command.name()].flat();
      const own = new Set(command.options.map((o) => o.long));
      for (const typo of ["--format", "--formt", "--forc", "--ot", "--questons", "--clent", "--dat"]) {
        if (own.has(typo)) continue;
        const r = await runInProcess([...path, typo]);
        expect(r.status, `${path.join(" ")} ${typo}`).toBe(2);
        const suggestion = /Did you mean (--[\w-]+)\?/.exec(r.stderr)?.[1];
        if (suggestion === undefined) continue;
        suggested++;
        expect(own.has(suggestion) || global.has(suggestion), `${path.join(" ")} ${typo} suggested ${suggestion}`).toBe(true);
      }
    }
    expect(suggested).toBeGreaterThan(10);
    expect((await runInProcess(["glossary", "--format", "json"])).stderr).toContain("(Did you mean --force?)");
    expect((await runInProcess(["glossary", "--force"])).status).toBe(0);
  });
});

describe("automation-fit questions", () => {
  it("lists the built-in stages and questions as text", () => {
    const r = run(["questions"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Lead generation");
    expect(r.stdout).toContain("Renewal calls");
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("prints the set as JSON in the documented shape", async () => {
    const r = await runInProcess(["questions", "--format", "json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.stages.map((s: { id: string }) => s.id)).toEqual([
      "lead-generation",
      "sales-call",
      "deal-close",
      "onboarding",
      "service-calls",
      "payment-collection",
      "maintenance-calls",
      "renewal-calls",
    ]);
    expect(json.questions.length).toBeGreaterThanOrEqual(28);
    for (const q of json.questions) {
      expect(q).toMatchObject({ id: expect.any(String), text: expect.any(String), signal: expect.stringMatching(/^(automate|human)$/) });
      expect(Object.keys(q.stages).length).toBeGreaterThan(0);
    }
  });

  it("uses another set with --questions", async () => {
    const r = await runInProcess(["questions", "--format", "json", "--questions", fixture("mini")]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).stages.map((s: { id: string }) => s.id)).toEqual(["billing", "support"]);
  });

  it("rejects a format off the list, exit 2", async () => {
    const r = await runInProcess(["questions", "--format", "xml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/xml/);
  });
});

describe("automation-fit validate", () => {
  it("accepts the built-in set", () => {
    const r = run(["validate"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/valid question set \(8 stages, \d+ questions\)/);
  });

  it("reports every problem of every path as FILE:LINE:COL, exit 2, no stack trace", async () => {
    const r = await runInProcess(["validate", fixture("bad/schema.yaml"), fixture("bad/crossref.yaml")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) expect(line).toMatch(/^\S+\.yaml:\d+:\d+ \S/);
    expect(r.stderr).toContain("did you mean 'billing'?");
    noStack(r);
  });

  it("checks an answers file against the set", async () => {
    expect((await runInProcess(["validate", EXAMPLE])).status).toBe(0);
    const bad = await runInProcess(["validate", "--questions", fixture("mini"), fixture("bad-answers.yaml")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("bad-answers.yaml:2:13 'yse' is not on the scale for 'auto-pay'; did you mean 'yes'?");
  });

  it("lists a broken --questions set's problems once, however many answers files it checks", async () => {
    const r = await runInProcess(["validate", "--questions", fixture("bad/crossref.yaml"), EXAMPLE, example("enterprise-services.yaml")]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(3);
  });

  it("says when a path does not exist, exit 2", async () => {
    const r = await runInProcess(["validate", "no/such/set.yaml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("no/such/set.yaml no such file or folder\n");
  });
});

describe("automation-fit report", () => {
  it("prints a terminal report without colour when stdout is not a terminal", () => {
    const r = run(["report", EXAMPLE]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stdout).toContain("Lead generation");
    expect(r.stdout).toMatch(/Campaigns that stay human/i);
    for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("colours the terminal report when forced, and not with NO_COLOR or --no-color", () => {
    expect(run(["report", EXAMPLE], { env: { FORCE_COLOR: "1" } }).stdout).toContain("\u001b[");
    expect(run(["report", EXAMPLE], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).not.toContain("\u001b[");
    expect(run(["report", EXAMPLE, "--no-color"], { env: { FORCE_COLOR: "1" } }).stdout).not.toContain("\u001b[");
  });

  it("prints JSON with a verdict for every stage", () => {
    const r = run(["report", EXAMPLE, "--format", "json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.schemaVersion).toBe(2);
    expect(json.stages).toHaveLength(8);
    for (const s of json.stages) {
      expect(s).toMatchObject({ id: expect.any(String), name: expect.any(String), verdict: expect.stringMatching(/^(automate|hybrid|human|insufficient)$/) });
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(Array.isArray(s.drivers)).toBe(true);
    }
  });

  it("prints Markdown with the client's short name in the title and the whole name below it", () => {
    const r = run(["report", EXAMPLE, "--format", "markdown"]);
    expect(r.status).toBe(0);
    const client = /^client: (.*)$/m.exec(readFileSync(EXAMPLE, "utf8"))![1]!.replace(/^"|"$/g, "");
    expect(r.stdout.split("\n")[0]).toBe(`# Automation fit: ${client.split(" (")[0]}`);
    expect(r.stdout.split("\n")[2]).toContain(`Client: ${client} · `);
    expect(r.stdout).toContain("| ");
  });

  it("on a blank answers file (every answer Not sure) says no stage has a verdict, how many questions are open and how to answer them", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "blank.yaml"), (await runInProcess(["template"])).stdout);
    const r = await runInProcess(["report", "blank.yaml"], { cwd: dir, env: { NO_COLOR: "1" } });
    expect(r.status).toBe(0);
    // no client: the title names none (the set's name is on the next line, not in the client's place)
    expect(r.stdout.split("\n")[0]).toBe("Automation fit");
    const questions = JSON.parse((await runInProcess(["questions", "--format", "json"])).stdout).questions.length;
    expect(r.stdout.replace(/\s+/g, " ")).toContain(`1. No stage has a verdict yet: ${questions} questions are open; answer them (automation-fit assess --resume blank.yaml).`);
  });

  it("prints the same report whether the answers file takes the quick path or the full loader", async () => {
    const set = await loadQuestionSet().then(orThrow);
    for (const name of ["self-serve-subscription.yaml", "enterprise-services.yaml"]) {
      const text = readFileSync(example(name), "utf8").replace(/^answers:/m, "role: Founder, sales\nanswers:");
      const dir = tempDir();
      const plain = join(dir, name);
      const flow = join(dir, "flow.yaml");
      writeFileSync(plain, text);
      writeFileSync(flow, JSON.stringify(parse(text)));
      expect(quickAnswers(readFileSync(plain, "utf8"), set), name).toBeDefined();
      expect(quickAnswers(readFileSync(flow, "utf8"), set), name).toBeUndefined();
      for (const format of ["json", "markdown", "terminal"]) {
        const quick = await runInProcess(["report", plain, "--format", format]);
        const full = await runInProcess(["report", flow, "--format", format]);
        expect(quick.status).toBe(0);
        expect(quick.stdout.length).toBeGreaterThan(1000);
        expect(full).toEqual(quick);
      }
    }
  }, 20_000);

  it("checks its options once, with the zod schema, which words the error", async () => {
    const given = { color: true, force: false, format: "terminal", frontMatter: false, skipBadRows: false, respondents: false };
    await expect(parseOptions(ReportOptions, given)).resolves.toEqual(given);
    await expect(parseOptions(ReportOptions, { ...given, format: "pdf" })).rejects.toThrow(/^option --format: 'pdf' is not one of: terminal, markdown, json, html$/);
    await expect(parseOptions(ReportOptions, { ...given, force: "yes" })).rejects.toThrow(/^option --force: /);
    const r = await runInProcess(["report", EXAMPLE, "--format", "pdf"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("option --format: 'pdf' is not one of: terminal, markdown, json, html\n");
  });

  it("accepts a JSON answers file", async () => {
    const dir = tempDir();
    const file = join(dir, "answers.json");
    writeFileSync(file, JSON.stringify({ answers: { "auto-pay": "yes" } }));
    const r = await runInProcess(["report", file, "--questions", fixture("mini"), "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).stages[0].drivers[0].questionId).toBe("auto-pay");
  });

  it("writes --out atomically, refuses to replace it without --force, replaces it with --force", async () => {
    const dir = tempDir();
    const out = join(dir, "report.md");
    const first = await runInProcess(["report", EXAMPLE, "--format", "markdown", "--out", out]);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toMatch(/^# /);
    writeFileSync(out, "keep me");
    const refused = await runInProcess(["report", EXAMPLE, "--format", "markdown", "--out", out]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("already exists; add --force");
    expect(readFileSync(out, "utf8")).toBe("keep me");
    // report.md: Markdown, from the extension; a --format it contradicts is refused
    expect((await runInProcess(["report", EXAMPLE, "--out", out, "--force", "--format", "json"])).status).toBe(2);
    expect((await runInProcess(["report", EXAMPLE, "--out", out, "--force"])).status).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^# Automation fit: /);
  });

  it("fails cleanly when --out cannot be written, exit 2", async () => {
    const r = await runInProcess(["report", EXAMPLE, "--out", "/no/such/folder/report.md"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("/no/such/folder/report.md could not be written: its folder does not exist");
    noStack(r);
  });

  it("rejects bad answers with positions and suggestions, exit 2", () => {
    const r = run(["report", fixture("bad-answers.yaml"), "--questions", fixture("mini")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(3);
    expect(r.stderr).toContain("unknown question id 'negotiated-term'; did you mean 'negotiated-terms'?");
    noStack(r);
  });

  it("rejects a missing argument and an unknown option as usage errors, exit 2", async () => {
    expect((await runInProcess(["report"])).status).toBe(2);
    const r = await runInProcess(["report", EXAMPLE, "--colour"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--colour");
  });

  it("says when the answers path is a folder or missing, exit 2", async () => {
    const folder = await runInProcess(["report", tempDir()]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/is a folder; name a YAML or JSON file/);
    expect((await runInProcess(["report", "missing.yaml"])).stderr).toBe("missing.yaml no such file or folder\n");
  });
});

describe("small input slips said plainly (#15)", () => {
  it("refuses an empty --out instead of printing to stdout", async () => {
    const r = await runInProcess(["report", EXAMPLE, "--out", ""]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("option --out: empty file name; name the file to write, or leave out --out to print the report\n");
  });

  it("names a symbolic link that loops in plain words", async () => {
    const dir = tempDir();
    symlinkSync(join(dir, "loop2"), join(dir, "loop1"));
    symlinkSync(join(dir, "loop1"), join(dir, "loop2"));
    const r = await runInProcess(["report", join(dir, "loop1")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${join(dir, "loop1")} is a symbolic link that loops (it leads back to itself); point it at a file\n`);
  });

  it("says a .nan weight is no weight, in its own words", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "set.yaml"), readFileSync(fixture("mini/set.yaml"), "utf8").replace("stages: { billing: 3 }", "stages: { billing: .nan }"));
    const r = await runInProcess(["validate", join(dir, "set.yaml")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/set\.yaml:\d+:\d+ stage 'billing': a weight is a number above 0, like 1 to 5 \(\.nan, \.inf and text are not weights\)\n$/);
  });
});
