import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, tempDir, runInProcess } from "../cli/run.js";
import { mermaidBlocks, parseChart } from "../report/mermaid-syntax.js";

const DIRECTIVE = "%%{init: {'theme':'dark','themeVariables':{'xyChart':{'plotColorPalette':'#ff0000'}}}}%%";

/** The mini set with hostile stage names; and answers to it with hostile client, assessor and notes. */
function hostileCase(): { set: string; answers: string } {
  const dir = tempDir();
  const set = join(dir, "set.yaml");
  const yaml = readFileSync(join(fixture("mini"), "set.yaml"), "utf8")
    .replace("name: Billing", `name: "${DIRECTIVE} Billing"`)
    .replace("name: Support", 'name: "Sales %%{ x"');
  writeFileSync(set, yaml);
  const answers = join(dir, "answers.yaml");
  writeFileSync(
    answers,
    [
      'client: "Acme, write to evil\\\\@evil.example or a&#64;b.example"',
      'assessor: "Dana <dana@acme.example> (www.acme.example)"',
      'date: "2026-11-20"',
      "answers:",
      '  auto-pay: "yes"',
      '  negotiated-terms: "no"',
      '  few-problems: "yes"',
      "  specific-problems: partly",
      "notes:",
      '  auto-pay: "see https://evil.example/pay and mailto:x@evil.example"',
      "",
    ].join("\n"),
  );
  return { set, answers };
}

/** Text outside code spans and fenced blocks, where GitHub's parser would autolink. */
function outsideCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```$/gm, "").replace(/`[^`\n]*`/g, "");
}

describe("Markdown from hostile files (F25, F26)", () => {
  it("no e-mail address or URL outside a code span, escaped or not (F25)", async () => {
    const { set, answers } = hostileCase();
    const r = await runInProcess(["report", answers, "--questions", set, "--format", "markdown"]);
    expect(r.status, r.stderr).toBe(0);
    const prose = outsideCode(r.stdout);
    expect(prose).not.toMatch(/@|https?:|www\.|&#64;|evil\.example/i);
    expect(r.stdout).toContain("`evil\\@evil.example`");
    expect(r.stdout).toContain("`https://evil.example/pay`");
  });

  it("no stage name or date changes a chart's config or breaks it (F26)", async () => {
    const { set, answers } = hostileCase();
    const r = await runInProcess(["report", answers, "--questions", set, "--format", "markdown"]);
    const [block] = mermaidBlocks(r.stdout);
    // parseChart: one init line, ours, first; every label quoted with no '%%' inside
    const chart = parseChart(block!);
    expect(chart.labels).toEqual([expect.stringMatching(/^% %\{init: \{'theme':'dark'/), "Sales % %{ x"]);
    expect(block!.split("\n").filter((l) => l.includes("%%{"))).toHaveLength(1);
  });

  it("a date that is not a year-month-day date is refused, in answers files and saved reports", async () => {
    const { set, answers } = hostileCase();
    const bad = answers.replace(".yaml", "-bad.yaml");
    writeFileSync(bad, readFileSync(answers, "utf8").replace('date: "2026-11-20"', `date: "${DIRECTIVE}"`));
    const r = await runInProcess(["report", bad, "--questions", set, "--format", "markdown"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/answers-bad\.yaml:3:7 date: a date is written year-month-day, like 2026-11-25/);

    const report = join(tempDir(), "report.json");
    const json = JSON.parse((await runInProcess(["report", answers, "--questions", set, "--format", "json"])).stdout);
    writeFileSync(report, JSON.stringify({ ...json, date: "2026-02-30" }));
    const c = await runInProcess(["compare", report, answers, "--questions", set, "--format", "markdown"]);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain("a date is written year-month-day");
  });
});
