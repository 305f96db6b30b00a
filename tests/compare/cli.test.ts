import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lint } from "markdownlint/promise";
import { beforeAll, describe, expect, it } from "vitest";
import { example, fixture, run, tempDir, runInProcess } from "../cli/run.js";
import { mermaidBlocks, parseChart } from "../report/mermaid-syntax.js";

const BEFORE = example("progress/before.yaml");
const AFTER = example("progress/after.yaml");
const noStack = (r: { stderr: string }) => expect(r.stderr).not.toMatch(/^\s+at /m);

let dir: string;
let beforeJson: string;
let afterJson: string;
beforeAll(async () => {
  dir = tempDir();
  beforeJson = join(dir, "before.json");
  afterJson = join(dir, "after.json");
  expect((await runInProcess(["report", BEFORE, "--format", "json", "--out", beforeJson])).status).toBe(0);
  expect((await runInProcess(["report", AFTER, "--format", "json", "--out", afterJson])).status).toBe(0);
});

describe("automation-fit compare (answers files)", () => {
  it("refuses two assessments with no stage in common, saying why (#24)", async () => {
    const other = join(dir, "other-set.json");
    writeFileSync(other, readFileSync(beforeJson, "utf8").replace(/"id": "([a-z-]+)"/g, '"id": "other-$1"'));
    const r = await runInProcess(["compare", other, AFTER]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /other-set\.json \(Customer lifecycle .*\) and .*after\.yaml \(Customer lifecycle .*\) have no stage in common; compare assessments made with the same question set\n$/,
    );
  });

  it("prints a progress report: dates, scores then and now, changed verdicts and the answers that moved them", () => {
    const r = run(["compare", BEFORE, AFTER]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Progress: Harbourside Accounting/);
    expect(r.stdout.replace(/\s+/g, " ")).toContain("2026-05-01 → 2026-11-20 · Customer lifecycle automation fit (question set v2.1.0)");
    expect(r.stdout).toContain("  Deal close           44 Hybrid         57 Hybrid           +13");
    expect(r.stdout).toContain("  Renewal calls        62 Hybrid         70 Automate          +8");
    expect(r.stdout).toContain("Verdict changed: Renewal calls (Hybrid → Automate).");
    expect(r.stdout).toContain("6 answers changed.");
    expect(r.stdout).toContain(
      "Maintenance calls · 50 Hybrid → 46 Hybrid (-4)\n    ▼   -4 Does what you provide need hands-on upkeep from your people, such as\n           service visits, check-ups or tune-ups? — Partly → Yes",
    );
    expect(r.stdout).toContain("No answers changed for: Lead generation.");
    expect(r.stdout).not.toContain("\u001b[");
  });

  it("colours the terminal output when FORCE_COLOR asks, never with NO_COLOR or --no-color", async () => {
    expect((await runInProcess(["compare", BEFORE, AFTER], { env: { FORCE_COLOR: "1" } })).stdout).toContain("\u001b[");
    expect((await runInProcess(["compare", BEFORE, AFTER], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } })).stdout).not.toContain("\u001b[");
    expect((await runInProcess(["compare", BEFORE, AFTER, "--no-color"], { env: { FORCE_COLOR: "1" } })).stdout).not.toContain("\u001b[");
  });

  it("writes lint-clean Markdown with a valid Mermaid chart of then and now", async () => {
    const r = await runInProcess(["compare", BEFORE, AFTER, "--format", "markdown"]);
    expect(r.status).toBe(0);
    const results = await lint({ strings: { r: r.stdout }, config: { default: true, MD013: false } });
    expect(results.r).toEqual([]);
    expect(r.stdout).toMatch(/^# Progress: Harbourside Accounting\n\nClient: Harbourside Accounting \(.*\) · 2026-05-01 to 2026-11-20\n/);
    expect(r.stdout).toContain("| Renewal calls | 62 | 70 | +8 | Hybrid -> **Automate** |");
    expect(r.stdout).toContain("### Onboarding: 53 to 61 (+8)");
    const chart = parseChart(mermaidBlocks(r.stdout)[0]!);
    expect(chart.labels.slice(0, 2)).toEqual(["Lead generation (then)", "Lead generation (now)"]);
    expect(chart.bars).toHaveLength(16);
  });

  it("gives JSON whose answer effects add up to each stage's change", async () => {
    const r = await runInProcess(["compare", BEFORE, AFTER, "--format", "json"]);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c).toMatchObject({ kind: "comparison", schemaVersion: 2, answerLevel: true, answersChanged: 6 });
    expect(c.before).toMatchObject({ kind: "answers", date: "2026-05-01" });
    for (const s of c.stages) expect(s.answers.reduce((sum: number, a: { effect: number }) => sum + a.effect, 0)).toBe(s.change);
    const refund = c.stages.find((s: { id: string }) => s.id === "deal-close").answers.find((a: { questionId: string }) => a.questionId === "refund-guarantee");
    expect(refund).toMatchObject({ before: { value: "no", label: "No" }, after: { value: "yes", label: "Yes" }, effect: 8 });
  });

  it("writes --out atomically, refuses to replace it without --force, replaces it with --force", async () => {
    const out = join(dir, "progress.md");
    const first = await runInProcess(["compare", BEFORE, AFTER, "--format", "markdown", "--out", out]);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe("");
    expect(first.stderr).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, "utf8")).toMatch(/^# Progress: /);

    writeFileSync(out, "keep me");
    const again = await runInProcess(["compare", BEFORE, AFTER, "--out", out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(`${out} already exists; add --force to replace it, or choose another file\n`);
    expect(readFileSync(out, "utf8")).toBe("keep me");

    expect((await runInProcess(["compare", BEFORE, AFTER, "--out", out, "--force"])).status).toBe(0);
    // progress.md: Markdown, from the extension
    expect(readFileSync(out, "utf8")).toMatch(/^# Progress: /);
  });

  it("scores answers files with another set given by --questions", async () => {
    const a = join(dir, "mini-before.yaml");
    const b = join(dir, "mini-after.yaml");
    writeFileSync(a, 'date: "2026-01-01"\nanswers:\n  auto-pay: partly\n');
    writeFileSync(b, 'date: "2026-02-01"\nanswers:\n  auto-pay: "yes"\n');
    const r = await runInProcess(["compare", a, b, "--questions", fixture("mini"), "--format", "json"]);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.stages.map((s: { id: string; change: number | null }) => [s.id, s.change])).toEqual([
      ["billing", 25],
      ["support", null],
    ]);
  });
});

describe("automation-fit compare (saved JSON reports)", () => {
  it("compares two reports by scores and verdicts, and says answer-level changes need answers files", async () => {
    const r = await runInProcess(["compare", beforeJson, afterJson]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("2026-05-01 → 2026-11-20");
    expect(r.stdout).toContain("  Deal close           44 Hybrid         57 Hybrid           +13");
    expect(r.stdout).toContain("Answer-level changes need one respondent's answers on each side:");
    expect(r.stdout).not.toContain("answers changed");
  });

  it("compares a report with an answers file, in all three formats", async () => {
    const json = JSON.parse((await runInProcess(["compare", beforeJson, AFTER, "--format", "json"])).stdout);
    expect(json).toMatchObject({ answerLevel: false, answersChanged: null, before: { kind: "report" }, after: { kind: "answers" } });
    expect(json.stages.find((s: { id: string }) => s.id === "deal-close")).toMatchObject({ before: { score: 44 }, after: { score: 57 }, change: 13, answers: [] });

    const md = await runInProcess(["compare", BEFORE, afterJson, "--format", "markdown"]);
    expect(md.status).toBe(0);
    expect(md.stdout).toContain("Answer-level changes need the answers of both assessments; one side is a saved report, so only scores and verdicts are compared.");
    // no path from the consultant's machine in the client's document
    expect(md.stdout).not.toContain(afterJson.split("/").at(-1));
    const results = await lint({ strings: { r: md.stdout }, config: { default: true, MD013: false } });
    expect(results.r).toEqual([]);

    const term = await runInProcess(["compare", beforeJson, AFTER, "--format", "terminal"]);
    expect(term.status).toBe(0);
    expect(term.stdout).toContain("Verdict changed: Renewal calls (Hybrid → Automate)");
  });
});

describe("automation-fit compare (errors)", () => {
  it("refuses a report with another schemaVersion, at its position, exit 2", async () => {
    const v9 = join(dir, "v9.json");
    writeFileSync(v9, JSON.stringify({ ...JSON.parse(readFileSync(afterJson, "utf8")), schemaVersion: 9 }, null, 2));
    const r = await runInProcess(["compare", beforeJson, v9]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `${v9}:2:20 is a report with schemaVersion 9; this version of automation-fit reads schemaVersion 1 and 2: make the report again with 'automation-fit report ANSWERS --format json', or compare the answers files\n`,
    );
    noStack(r);
  });

  it("reads a report saved by an earlier version (schemaVersion 1) as the same one made now", async () => {
    const v1 = join(dir, "v1.json");
    const { warnings: _w, summary: _s, roadmap: _r, kpiWatch: _k, ...report } = JSON.parse(readFileSync(afterJson, "utf8"));
    const stages = report.stages.map(({ flip: _f, cappedBy: _c, ...s }: Record<string, unknown>) => s);
    writeFileSync(v1, JSON.stringify({ ...report, schemaVersion: 1, stages }, null, 2));
    const then = await runInProcess(["compare", beforeJson, v1, "--format", "json"]);
    const now = await runInProcess(["compare", beforeJson, afterJson, "--format", "json"]);
    expect(then.status).toBe(0);
    expect(JSON.parse(then.stdout).stages).toEqual(JSON.parse(now.stdout).stages);
  });

  it("takes a saved team report as a team, at its medians; refuses a broken one at its position", async () => {
    const team = join(dir, "team.json");
    const saved = JSON.parse((await runInProcess(["report", BEFORE, AFTER, "--format", "json"])).stdout);
    writeFileSync(team, JSON.stringify(saved, null, 2));
    const r = await runInProcess(["compare", team, AFTER, "--format", "json"]);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.before).toMatchObject({ kind: "team", respondents: 2 });
    expect(c.stages.map((s: { before: { score: number | null } }) => s.before.score)).toEqual(saved.stages.map((s: { median: number | null }) => s.median));
    const broken = join(dir, "broken-team.json");
    writeFileSync(broken, JSON.stringify({ ...saved, stages: [{ ...saved.stages[0], median: "high" }] }, null, 2));
    const refused = await runInProcess(["compare", broken, AFTER]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/broken-team\.json:\d+:\d+ not a team report made by 'automation-fit report TEAM --format json': /);
  });

  it("refuses JSON that is neither a report nor an answers file, and a compare result, exit 2", async () => {
    const other = join(dir, "other.json");
    writeFileSync(other, '{ "hello": "world" }');
    const r = await runInProcess(["compare", other, AFTER]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${other}:1:1 is neither an answers file (it has no 'answers:') nor a report made by 'automation-fit report ANSWERS --format json'`);

    const result = join(dir, "result.json");
    writeFileSync(result, (await runInProcess(["compare", BEFORE, AFTER, "--format", "json"])).stdout);
    const again = await runInProcess(["compare", result, AFTER]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(new RegExp(`^${result.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:\\d+ is the output of compare; `));
  });

  it("refuses a damaged report, naming what is missing", async () => {
    const broken = join(dir, "broken.json");
    const report = JSON.parse(readFileSync(afterJson, "utf8"));
    delete report.stages[0].score;
    writeFileSync(broken, JSON.stringify(report, null, 2));
    const r = await runInProcess(["compare", broken, AFTER]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.json:\d+:\d+ not a report made by .*: missing 'score'; add it/);
  });

  it("reports every problem in both files at once, FILE:LINE:COL, and nothing to stdout", async () => {
    const bad = join(dir, "bad-answers.yaml");
    writeFileSync(bad, "answers:\n  fixed-packag: partly\n  low-cost: maybe\n");
    const v2 = join(dir, "v3.json");
    writeFileSync(v2, '{\n  "schemaVersion": 3\n}\n');
    const r = await runInProcess(["compare", bad, v2]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      `${bad}:2:3 unknown question id 'fixed-packag'; did you mean 'fixed-package'?`,
      `${bad}:3:13 'maybe' is not on the scale for 'low-cost'; use one of: yes, partly, no, unsure, n/a`,
      expect.stringMatching(new RegExp(`^${v2.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:20 is a report with schemaVersion 3;`)),
    ]);
    noStack(r);
  });

  it("reports a problem once when the same file is on both sides", async () => {
    const bad = join(dir, "bad-once.yaml");
    writeFileSync(bad, "answers:\n  nope: partly\n");
    const r = await runInProcess(["compare", bad, bad]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("refuses a missing file, a missing argument and a format off the list, exit 2", async () => {
    const missing = await runInProcess(["compare", join(dir, "nope.yaml"), AFTER]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`${join(dir, "nope.yaml")} no such file or folder\n`);
    expect((await runInProcess(["compare", AFTER])).status).toBe(2);
    const format = await runInProcess(["compare", BEFORE, AFTER, "--format", "xml"]);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain("terminal, markdown, json");
  });
});
