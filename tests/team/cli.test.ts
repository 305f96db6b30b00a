import { copyFileSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lint } from "markdownlint/promise";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderTerminal } from "../../src/report/terminal.js";
import { withPlan } from "../../src/score/plan.js";
import { assess } from "../../src/score/score.js";
import { example, fixture, run, tempDir, runInProcess } from "../cli/run.js";

const TEAM = example("team");
const MINI = ["--questions", fixture("mini")];
const noStack = (r: { stderr: string }) => expect(r.stderr).not.toMatch(/^\s+at /m);
const problemLines = (stderr: string) => stderr.trim().split("\n");

async function lintErrors(markdown: string): Promise<string[]> {
  const results = await lint({ strings: { report: markdown }, config: { default: true, MD013: false } });
  return (results.report ?? []).map((e) => `${e.lineNumber}: ${e.ruleNames.join("/")} ${e.errorDetail ?? ""}`);
}

describe("automation-fit report, one answers file", () => {
  it("prints exactly the single report, with its plan from the answers' date, in every format", async () => {
    const file = join(TEAM, "founder.yaml");
    const set = await loadQuestionSet().then(orThrow);
    const answers = await loadAnswers(file, set).then(orThrow);
    const a = withPlan(assess(set, answers), { set, start: answers.date! });
    expect((await runInProcess(["report", file, "--format", "json"])).stdout).toBe(renderJson(a));
    expect((await runInProcess(["report", file, "--format", "markdown"])).stdout).toBe(renderMarkdown(a));
    expect((await runInProcess(["report", file])).stdout).toBe(renderTerminal(a, { color: false, width: 80 }));
  });
});

describe("automation-fit report, a team", () => {
  it("reads a folder and points at the stages and questions the team disagrees on (terminal)", () => {
    const r = run(["report", TEAM]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Automation fit: ClinicFlow \(booking and notes software for physiotherapy\nclinics\) · team view\n/);
    expect(r.stdout).toContain("3 respondents");
    expect(r.stdout).toMatch(/^ {2}1 Maya Chen \(founder\) \(.*founder\.yaml\)$/m);
    expect(r.stdout).toMatch(/Least agreement: Sales call \(0\/3 agree\), Service calls \(2\/3 agree\), Lead\n {2}generation \(2\/3 agree\)/);
    // the team's median answer keeps a person in the sales call: the founder says buyers decide alone, the head of sales not
    expect(r.stdout).toMatch(/^ {2}Sales call\s+74\s+27–86\s+Hybrid †\s+3 of 3\s+0\/3$/m);
    expect(r.stdout.replace(/\s+/g, " ")).toContain('The median points to automate; the gate "buyers who want to talk first" caps it at hybrid');
    expect(r.stdout).toMatch(/^ {2}Service calls\s+42\s+19–78\s+Hybrid\s+3 of 3\s+2\/3$/m);
    expect(r.stdout).toContain("Where you see the customer differently");
    expect(r.stdout).toMatch(/Do most buyers research and decide on their own[^?]*\?\n\s+Bears on: .*\n\s+Maya Chen \(founder\):\s+Yes\n\s+Tom Okafor \(head of sales\): No\n/);
    expect(r.stdout).not.toContain("\u001b[");
    for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("counts a respondent given twice (./a.yaml and a.yaml, a link to it) once, and says so", async () => {
    const dir = tempDir();
    for (const f of ["founder.yaml", "head-of-sales.yaml"]) copyFileSync(join(TEAM, f), join(dir, f));
    symlinkSync(join(dir, "founder.yaml"), join(dir, "link.yaml"));
    const r = await runInProcess(["report", "./founder.yaml", "head-of-sales.yaml", "founder.yaml", "link.yaml", "--format", "json"], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("note: ./founder.yaml, founder.yaml and link.yaml are the same file; counted once\n");
    expect(JSON.parse(r.stdout).respondents).toHaveLength(2);
    const checked = await runInProcess(["validate", "."], { cwd: dir });
    expect(checked).toMatchObject({ status: 0, stdout: ".: valid team folder (2 respondents from 2 files)\n" });
    expect(checked.stderr).toBe("note: founder.yaml and link.yaml are the same file; counted once\n");
  });

  it("prints the team as JSON in the documented shape", async () => {
    const r = await runInProcess(["report", TEAM, "--format", "json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ schemaVersion: 2, kind: "team", client: expect.stringMatching(/^ClinicFlow/), respondentCount: 3, fileCount: 3, respondentsListed: true });
    expect(json.respondents.map((x: { name: string }) => x.name)).toEqual(["Maya Chen", "Tom Okafor", "Priya Nair"]);
    expect(json.respondents.map((x: { role: string }) => x.role)).toEqual(["founder", "head of sales", "support lead"]);
    expect(json.stages).toHaveLength(8);
    for (const s of json.stages) {
      expect(Object.keys(s)).toEqual([
        "id",
        "name",
        "description",
        "median",
        "spread",
        "verdict",
        "thresholds",
        "confidence",
        "counted",
        "verdicts",
        "reason",
        "plays",
        "kpis",
        "cappedBy",
        "cappedByName",
        "raisedBy",
        "raisedByName",
        "disputed",
      ]);
    }
    // each respondent once, with their own figures per stage (in the stages' order) and their answers to the disputed questions
    const sales = json.stages.findIndex((s: { id: string }) => s.id === "sales-call");
    expect(json.respondents.map((x: { stages: { score: number }[] }) => x.stages[sales]!.score)).toEqual([86, 27, 74]);
    const byId = Object.fromEntries(json.stages.map((s: { id: string }) => [s.id, s]));
    expect(byId["sales-call"]).toMatchObject({ median: 74, verdict: "hybrid", cappedBy: "buyers-want-a-person", raisedBy: null, spread: { min: 27, max: 86 } });
    expect(byId["payment-collection"].verdicts).toEqual({ automate: 3, hybrid: 0, human: 0, insufficient: 0, "not-applicable": 0 });
    expect(json.disagreements.length).toBeGreaterThan(0);
    const ids = json.disagreements.map((d: { questionId: string }) => d.questionId);
    expect(ids).toEqual(expect.arrayContaining(["self-directed-buyers", "self-serve-preferred"]));
    for (const x of json.respondents) expect(Object.keys(x.answers)).toEqual(ids);
    expect(r.stdout.split("Maya Chen").length - 1).toBe(1);
    expect(json.campaigns.length).toBeGreaterThan(0);
  });

  it("prints the team as Markdown that passes markdownlint", async () => {
    const r = await runInProcess(["report", TEAM, "--format", "markdown"]);
    expect(r.status).toBe(0);
    expect(await lintErrors(r.stdout)).toEqual([]);
    expect(r.stdout).toMatch(/^# Team view: ClinicFlow\n\nClient: ClinicFlow \(booking and notes software for physiotherapy clinics\) · /);
    // respondents by name, never by file
    expect(r.stdout).not.toMatch(/\.yaml|\.json/);
    expect(r.stdout).toContain("| Stage | Maya Chen | Tom Okafor | Priya Nair |");
    expect(r.stdout).toContain("| Service calls | Hybrid | 42 | 19–78 | 3 of 3 | 2/3 |");
  });

  it("takes several files, YAML and JSON, naming a respondent without an assessor by file name", async () => {
    const dir = fixture("team/mini-team");
    const r = await runInProcess(["report", join(dir, "ana.yaml"), join(dir, "cy.json"), ...MINI, "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).respondents.map((x: { name: string }) => x.name)).toEqual(["Ana, founder", "cy"]);
  });

  it("counts a file named twice once, and refuses answers for different clients unless --client names them as one (#24)", async () => {
    const twice = await runInProcess(["report", TEAM, join(TEAM, "founder.yaml"), "--format", "json"]);
    expect(twice.status).toBe(0);
    expect(JSON.parse(twice.stdout).respondents).toHaveLength(3);
    expect(twice.stderr).toBe(`note: ${join(TEAM, "founder.yaml")} is named 2 times; counted once\n`);
    const pair = [example("self-serve-subscription.yaml"), join(TEAM, "founder.yaml")];
    const mixed = await runInProcess(["report", ...pair, "--format", "json"]);
    expect(mixed.status).toBe(2);
    expect(mixed.stdout).toBe("");
    expect(mixed.stderr).toMatch(
      /: the answers name 2 different clients \(Pennywise Budgets .*; ClinicFlow .*\); a team report is for people looking at one business: report each client's answers on their own, or give --client NAME if they really are one business\n$/,
    );
    const named = await runInProcess(["report", ...pair, "--client", "Acme", "--format", "json"]);
    expect(named.status).toBe(0);
    expect(JSON.parse(named.stdout).client).toBe("Acme");
    const folder = await runInProcess(["validate", join(TEAM, "..")]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/examples: the answers name 3 different clients \(.*\); a team report is for people looking at one business: /);
    expect((await runInProcess(["validate", join(TEAM, ".."), "--client", "Acme"])).stdout).toMatch(/examples: valid team folder \(3 respondents from 3 files\)\n$/);
  });

  it("writes --out like the single report", async () => {
    const out = join(tempDir(), "team.md");
    const r = await runInProcess(["report", TEAM, "--format", "markdown", "--out", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, "utf8")).toMatch(/^# Team view: ClinicFlow\n/);
  });

  it("refuses a missing path or a folder without answers, exit 2", async () => {
    const missing = await runInProcess(["report", TEAM, "no/such/dir"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("no/such/dir no such file or folder\n");
    const empty = tempDir();
    const none = await runInProcess(["report", empty]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(`${empty} is a folder; name a YAML or JSON file, or a folder that holds answers files (.yaml, .yml, .json) or a survey .csv: this one holds none\n`);
  });

  it("reports every bad answers file with positions, exit 2; --skip-bad-rows leaves them out", async () => {
    const dir = tempDir();
    for (const f of ["ana.yaml", "ben.yaml"]) copyFileSync(join(fixture("team/mini-team"), f), join(dir, f));
    writeFileSync(join(dir, "zed.yaml"), "assessor: Zed\nanswers:\n  auto-pay: yse\n  few-problem: no\n");
    const r = await runInProcess(["report", dir, ...MINI]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(problemLines(r.stderr)).toEqual([
      `${join(dir, "zed.yaml")}:3:13 'yse' is not on the scale for 'auto-pay'; did you mean 'yes'?`,
      `${join(dir, "zed.yaml")}:4:3 unknown question id 'few-problem'; did you mean 'few-problems'?`,
    ]);
    noStack(r);
    const skip = await runInProcess(["report", dir, ...MINI, "--skip-bad-rows", "--format", "json"]);
    expect(skip.status).toBe(0);
    expect(skip.stderr).toMatch(/^skipped 1 of 3 respondents .*\n.*zed\.yaml:3:13 /);
    expect(JSON.parse(skip.stdout).respondents).toHaveLength(2);
  });
});

describe("automation-fit report, a survey CSV", () => {
  it("lists no respondent in a team of more than 1,000, unless asked with --respondents (names then made unique)", async () => {
    const file = join(tempDir(), "big.csv");
    writeFileSync(file, `respondent,auto-pay,few-problems\n${"Anonymous,yes,no\n".repeat(1001)}`);
    const quiet = JSON.parse((await runInProcess(["report", file, ...MINI, "--format", "json"])).stdout);
    expect(quiet).toMatchObject({ respondentCount: 1001, respondentsListed: false, respondents: [] });
    const listed = JSON.parse((await runInProcess(["report", file, ...MINI, "--format", "json", "--respondents"])).stdout);
    expect(listed).toMatchObject({ respondentCount: 1001, respondentsListed: true });
    expect(listed.respondents.map((r: { name: string }) => r.name).slice(-2)).toEqual(["Anonymous (1000)", "Anonymous (1001)"]);
    expect({ ...listed, respondents: [], respondentsListed: false }).toEqual(quiet);
  });

  it("refuses a CSV over 2 GB with a clear error, before reading it", async () => {
    const file = join(tempDir(), "huge.csv");
    writeFileSync(file, "respondent,auto-pay\n");
    truncateSync(file, 2 * 2 ** 30 + 1); // sparse: no disk used
    const r = await runInProcess(["report", file, ...MINI]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file} is 2.0 GB; survey exports over 2 GB are refused`);
  });

  it("scores every row: names, roles, lines; quotes, CRLF and BOM read right", async () => {
    const r = await runInProcess(["report", fixture("team/survey.csv"), ...MINI, "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).respondents.map(({ stages: _, answers: __, ...who }: Record<string, unknown>) => who)).toEqual([
      { name: "Chen, Maya", role: "founder", file: fixture("team/survey.csv"), line: 2 },
      { name: "Tom Okafor", role: "head of\r\nsales", file: fixture("team/survey.csv"), line: 3 },
      { name: "Priya Nair", role: 'support "lead"', file: fixture("team/survey.csv"), line: 5 },
    ]);
    const text = await runInProcess(["report", fixture("team/survey.csv"), ...MINI]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("2 Tom Okafor (head of sales)");
  });

  it("reports every bad row at FILE:CELL, naming the header and the nearest answer, exit 2", async () => {
    const file = fixture("team/bad-rows.csv");
    const r = await runInProcess(["report", file, ...MINI]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(problemLines(r.stderr)).toEqual([
      `${file}:C3 (header "auto-pay"): "yse" is not an answer; use Yes, Partly, No, Not sure, Does not apply; did you mean "Yes"?`,
      `${file}:4:1 row 4 has 4 cells, the header 6; every row needs a cell per column (blank for unanswered)`,
      `${file}:E5 (header "few-problems"): "maybe" is not an answer; use Yes, Partly, No, Not sure, Does not apply`,
    ]);
    noStack(r);
  });

  it("with --skip-bad-rows scores the good rows and says on stderr what it skipped and why", async () => {
    const file = fixture("team/bad-rows.csv");
    for (const format of ["terminal", "markdown", "json"]) {
      const r = await runInProcess(["report", file, ...MINI, "--skip-bad-rows", "--format", format]);
      expect(r.status).toBe(0);
      expect(problemLines(r.stderr)).toEqual([
        "skipped 3 of 5 respondents (CSV rows or answers files) with problems; the report leaves them out:",
        `${file}:C3 (header "auto-pay"): "yse" is not an answer; use Yes, Partly, No, Not sure, Does not apply; did you mean "Yes"?`,
        `${file}:4:1 row 4 has 4 cells, the header 6; every row needs a cell per column (blank for unanswered)`,
        `${file}:E5 (header "few-problems"): "maybe" is not an answer; use Yes, Partly, No, Not sure, Does not apply`,
      ]);
      if (format === "json") expect(JSON.parse(r.stdout).respondents.map((x: { name: string }) => x.name)).toEqual(["Ana", "Eve"]);
      else expect(r.stdout).toContain("2 respondents");
    }
  });

  it("refuses an unknown column at its header cell with a suggestion, even with --skip-bad-rows; ignores metadata columns", async () => {
    const file = fixture("team/unknown-header.csv");
    for (const extra of [[], ["--skip-bad-rows"]]) {
      const r = await runInProcess(["report", file, ...MINI, ...extra]);
      expect(r.status).toBe(2);
      expect(problemLines(r.stderr)).toEqual([
        `note: ${file}: ignored 1 metadata column: "Timestamp"`,
        `${file}:D1 (header "negotiated-term") is not a question of the set; did you mean "negotiated-terms"?`,
      ]);
    }
  });

  it("says so when every row is bad", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "s.csv"), "respondent,auto-pay\nA,yse\n");
    const r = await runInProcess(["report", join(dir, "s.csv"), ...MINI, "--skip-bad-rows"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("nothing to report: every one of the 1 rows and files has a problem:");
  });
});

describe("automation-fit template", () => {
  it("prints the CSV header row as a form tool writes it: Name, Role, the question texts in set order, then each stage's sizing", async () => {
    const r = run(["template", "--format", "csv", ...MINI]);
    expect(r.status).toBe(0);
    const listed = JSON.parse((await runInProcess(["questions", "--format", "json", ...MINI])).stdout);
    const texts = listed.questions.map((q: { text: string }) => q.text);
    const sizing = listed.stages.flatMap((s: { name: string }) => [`${s.name}: times a month`, `${s.name}: minutes each`]);
    expect(r.stdout).toBe(`${Papa.unparse([["Name", "Role", ...texts, ...sizing]])}\r\n`);
  });

  it("prints a blank answers file that report and validate accept as it is", async () => {
    const r = await runInProcess(["template", ...MINI]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("  # Would customers rather pay automatically?\n  auto-pay: unsure\n");
    const file = join(tempDir(), "blank.yaml");
    writeFileSync(file, r.stdout);
    expect((await runInProcess(["validate", file, ...MINI])).status).toBe(0);
    const report = await runInProcess(["report", file, ...MINI, "--format", "json"]);
    expect(report.status).toBe(0);
    expect(JSON.parse(report.stdout).stages.map((s: { verdict: string }) => s.verdict)).toEqual(["insufficient", "insufficient"]);
  });

  it("lists every built-in question in both formats", async () => {
    const ids = JSON.parse((await runInProcess(["questions", "--format", "json"])).stdout).questions.map((q: { id: string }) => q.id);
    const texts = JSON.parse((await runInProcess(["questions", "--format", "json"])).stdout).questions.map((q: { text: string }) => q.text);
    const header = (Papa.parse((await runInProcess(["template", "--format", "csv"])).stdout.trim()).data as string[][])[0]!;
    expect(header.slice(0, texts.length + 2)).toEqual(["Name", "Role", ...texts]);
    const yaml = (await runInProcess(["template"])).stdout;
    for (const id of ids) expect(yaml).toContain(`\n  ${id}: unsure\n`);
  });

  it("makes a sheet that report reads back, and writes --out", async () => {
    const dir = tempDir();
    const sheet = join(dir, "sheet.csv");
    expect((await runInProcess(["template", "--format", "csv", ...MINI, "--out", sheet])).status).toBe(0);
    writeFileSync(sheet, `${readFileSync(sheet, "utf8")}Ana,founder,yes,no,yes,no,10,6,,\r\nBen,,No,Yes,Partly,,,,,\r\n`);
    const r = await runInProcess(["report", sheet, ...MINI, "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).respondents.map((x: { stages: { score: number }[] }) => x.stages[0]!.score)).toEqual([100, 8]);
    expect((await runInProcess(["template", ...MINI, "--out", sheet])).status).toBe(2);
  });

  it("rejects a format off the list, exit 2", async () => {
    const r = await runInProcess(["template", "--format", "xlsx"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("xlsx");
  });
});

describe("a folder mixing answers files and a CSV", () => {
  it("counts every respondent of both", async () => {
    const dir = join(tempDir(), "mixed");
    mkdirSync(dir);
    copyFileSync(join(fixture("team/mini-team"), "ana.yaml"), join(dir, "ana.yaml"));
    copyFileSync(fixture("team/survey.csv"), join(dir, "survey.csv"));
    const r = await runInProcess(["report", dir, ...MINI, "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).respondents.map((x: { name: string }) => x.name)).toEqual(["Ana, founder", "Chen, Maya", "Tom Okafor", "Priya Nair"]);
  });
});

describe("automation-fit report, a team's plan", { timeout: 30_000 }, () => {
  it("opens every format with What to do first, ends with the roadmap, and raises a KPI alarm first with --kpis", async () => {
    const dir = tempDir();
    const log = join(dir, "kpis.yaml");
    expect((await runInProcess(["kpis", "init", join(TEAM, "founder.yaml"), "--out", log])).status).toBe(0);
    expect((await runInProcess(["kpis", "add", log, "renewal-rate", "91", "--date", "2025-10-01"])).status).toBe(0);
    expect((await runInProcess(["kpis", "add", log, "renewal-rate", "85", "--date", "2025-11-01"])).status).toBe(0);
    const json = await runInProcess(["report", TEAM, "--kpis", log, "--format", "json"]);
    expect(json.status, json.stderr).toBe(0);
    const t = JSON.parse(json.stdout);
    expect(t.summary[0].text).toMatch(/^Renewal rate fell from 91 to 85 since 2025-10-01, past its tripwire/);
    expect(t.summary[1].text).toMatch(/^Before acting on Sales call, talk it through/);
    expect(t.roadmap.map((p: { phase: number }) => p.phase)).toEqual([30, 60, 90]);
    expect(t.kpiWatch.find((k: { id: string }) => k.id === "renewal-rate").alert).toBe(true);
    const first = t.summary.map((s: { text: string }) => s.text.slice(0, 40));
    const terminal = (await runInProcess(["report", TEAM, "--kpis", log])).stdout;
    const markdown = (await runInProcess(["report", TEAM, "--kpis", log, "--format", "markdown"])).stdout;
    const html = (await runInProcess(["report", TEAM, "--kpis", log, "--format", "html"])).stdout;
    for (const [text, roadmap] of [
      [terminal, "Roadmap: the next 90 days"],
      [markdown, "## Roadmap: the next 90 days"],
      [html, "<h2>Roadmap: the next 90 days</h2>"],
    ] as const) {
      const opening = text.indexOf("What to do first");
      expect(opening).toBeGreaterThan(0);
      const middle = text.indexOf("Where you see the customer differently");
      expect(opening).toBeLessThan(middle);
      expect(text.indexOf(roadmap)).toBeGreaterThan(middle);
      expect(text.replace(/\s+/g, " ")).toContain(first[1]);
      expect(text.replace(/\s+/g, " ")).toContain("answer to each question: its median answer");
    }
    expect(await lintErrors(markdown)).toEqual([]);
  });
});
