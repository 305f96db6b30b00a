import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { compare } from "../../src/commands/compare.js";
import { surveyOf } from "../../src/commands/options.js";
import { report } from "../../src/commands/report.js";
import { validate } from "../../src/commands/validate.js";
import { tempDir, runInProcess } from "../cli/run.js";

// A mistyped header must not hide the cell errors of the same file: the consultant mends both in one go.
describe("a survey export with a mistyped header and a bad cell", () => {
  it("lists the header problem and the cell's problem in one run, exit 2", async () => {
    const template = await runInProcess(["template", "--format", "csv"]);
    expect(template.status).toBe(0);
    const header = template.stdout.trim().split("\n")[0]!;
    const cells = Papa.parse<string[]>(header).data[0]!;
    const questionAt = cells.findIndex((c) => c.startsWith("Does one pitch work"));
    const typoAt = cells.findIndex((c) => c.startsWith("Do different customers"));
    expect(questionAt).toBeGreaterThan(1);
    expect(typoAt).toBeGreaterThan(1);
    const mistyped = cells.map((c, i) => (i === typoAt ? c.replace("Do different", "D0 different") : c));
    const row = ["Ann", "Owner", ...cells.slice(2).map(() => "")].map((c, i) => (i === questionAt ? "Maybe" : c));
    const file = join(tempDir(), "rounds.csv");
    writeFileSync(file, Papa.unparse([mistyped, row]));
    for (const command of ["validate", "report"]) {
      const r = await runInProcess([command, file]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/rounds\.csv:[A-Z]+1 \(header "D0 different customers.*is not a question of the set; did you mean/);
      expect(r.stderr).toMatch(/rounds\.csv:[A-Z]+2 \(header "Does one pitch work.*"Maybe" is not an answer/);
    }
  });
});

describe("--ignore-column", () => {
  it.each([
    ["report", report, ["team.csv"]],
    ["validate", validate, ["team.csv"]],
    ["compare", compare, ["before.csv", "after.csv"]],
  ] as const)("%s takes it, repeated, and hands every header to the survey reader", (_name, command, paths) => {
    command.parseOptions([...paths, "--ignore-column", "Department", "--ignore-column", "Team / site"]);
    expect(surveyOf(command.opts()).ignoreColumns).toEqual(["Department", "Team / site"]);
  });
});
