import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { orThrow } from "../../src/errors.js";
import { readSurvey } from "../../src/load/csv.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { fixture, tempDir, runInProcess } from "../cli/run.js";
import { csvText } from "./exports.js";

const set = await loadQuestionSet().then(orThrow);
const dir = tempDir();
const plumber = fixture("plan/plumber.yaml");
const file = parse(readFileSync(plumber, "utf8")) as {
  assessor: string;
  answers: Record<string, string>;
  sizing: Record<string, { timesPerMonth: number; minutes: number }>;
};

/** The plumber's answers file as a one-row survey sheet: sizing headed by stage name (odd spacing and case) or by id. */
function plumberSheet(cell?: { stage: string; value: string }): string {
  const header = ["Name", ...set.questions.map((q) => q.text)];
  const row = [file.assessor, ...set.questions.map((q) => file.answers[q.id] ?? "")];
  set.stages.forEach((s, i) => {
    const size = file.sizing[s.id]!;
    header.push(i % 2 ? `${s.id}: times a month` : `  ${s.name.toUpperCase()}:   Times a month `, `${s.name}: minutes each`);
    row.push(cell?.stage === s.id ? cell.value : String(size.timesPerMonth), String(size.minutes));
  });
  return csvText([header, row], ",", "\n");
}

describe("survey CSVs size the work per stage", { timeout: 30_000 }, () => {
  it("a one-row CSV with sizing columns gives the same hours as the equivalent answers file", async () => {
    const csv = join(dir, "plumber.csv");
    writeFileSync(csv, plumberSheet());
    const fromCsv = await runInProcess(["report", csv, "--format", "json"]);
    const fromYaml = await runInProcess(["report", plumber, "--format", "json"]);
    expect(fromCsv.stderr).toBe("");
    expect(fromCsv.status).toBe(0);
    const sizing = JSON.parse(fromCsv.stdout).sizing;
    expect(sizing.totalHoursPerMonth).toBeGreaterThan(0);
    expect(sizing).toEqual(JSON.parse(fromYaml.stdout).sizing);
  });

  it("a sizing cell that is not a number, or below 0, is a positioned problem (file, header, cell), exit 2", async () => {
    const csv = join(dir, "bad.csv");
    writeFileSync(csv, plumberSheet({ stage: "sales-call", value: "-3" }));
    const r = await runInProcess(["report", csv]);
    expect(r.status).toBe(2);
    const column = set.questions.length + 1 + 2; // Name, the questions, lead generation's two cells: 0-based index of sales call's first
    const letter = (n: number) => (n < 26 ? String.fromCharCode(65 + n) : String.fromCharCode(64 + Math.floor(n / 26)) + String.fromCharCode(65 + (n % 26)));
    expect(r.stderr).toContain(`${csv}:${letter(column)}2 (header "sales-call: times a month"): "-3" cannot be below 0`);
    expect(r.stderr).not.toMatch(/^\s+at /m);

    writeFileSync(csv, plumberSheet({ stage: "lead-generation", value: "lots" }));
    const events = [];
    for await (const e of readSurvey(csv, set)) events.push(e);
    expect(events).toEqual([
      {
        kind: "bad-row",
        problems: [
          expect.objectContaining({ file: csv, line: 2, col: set.questions.length + 2, message: expect.stringMatching(/: "lots" is not a number; write a number, like 40/) }),
        ],
      },
    ]);
  });

  it("a stage with one of its two cells filled asks for the other", async () => {
    const csv = join(dir, "half.csv");
    writeFileSync(csv, plumberSheet({ stage: "onboarding", value: "" }));
    const events = [];
    for await (const e of readSurvey(csv, set)) events.push(e);
    expect(events[0]).toMatchObject({ kind: "bad-row", problems: [{ message: expect.stringContaining('also fill "Onboarding: times a month"') }] });
  });

  it("template --format csv lists each stage's sizing columns after the questions", async () => {
    const r = await runInProcess(["template", "--format", "csv"]);
    expect(r.status).toBe(0);
    const header = r.stdout.trim();
    expect(header.endsWith(`${set.stages.at(-1)!.name}: times a month,${set.stages.at(-1)!.name}: minutes each`)).toBe(true);
    expect(header.indexOf(set.questions.at(-1)!.text)).toBeLessThan(header.indexOf(`${set.stages[0]!.name}: times a month`));
  });
});
