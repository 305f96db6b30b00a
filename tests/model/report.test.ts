// The output model (src/model/report.ts) is the one place the JSON's shape is written: every JSON output parses by it,
// field for field (a field the model lacks would be dropped by the parse, and the test would fail).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Assessment, Comparison, TeamAssessment } from "../../src/model/report.js";
import { SCHEMA_VERSION, VERDICTS } from "../../src/model/verdict.js";
import { BUILT_IN_QUESTIONS } from "../../src/paths.js";
import { example, runInProcess } from "../cli/run.js";

const json = async (args: string[]) => {
  const r = await runInProcess(args);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe("the output model, schemaVersion 2", () => {
  it("describes a report exactly, with the fields the advice and the plan fill", async () => {
    const report = await json(["report", example("self-serve-subscription.yaml"), "--format", "json"]);
    expect(Assessment.parse(report)).toStrictEqual(report);
    expect(report.schemaVersion).toBe(SCHEMA_VERSION);
    for (const field of ["warnings", "summary", "roadmap", "kpiWatch"]) expect(Array.isArray(report[field]), field).toBe(true);
    for (const stage of report.stages) expect(Object.keys(stage)).toEqual(expect.arrayContaining(["verdict", "flip", "cappedBy"]));
  });

  it("describes a team report and a comparison exactly", async () => {
    const [before, after] = [example("progress/before.yaml"), example("progress/after.yaml")];
    const team = await json(["report", before, after, "--format", "json"]);
    expect(TeamAssessment.parse(team)).toStrictEqual(team);
    expect(Object.keys(team.stages[0].verdicts)).toEqual([...VERDICTS]);
    const comparison = await json(["compare", before, after, "--format", "json"]);
    expect(Comparison.parse(comparison)).toStrictEqual(comparison);
  });

  it("refuses what it does not describe: a sixth verdict, a missing flip", async () => {
    const report = await json(["report", example("self-serve-subscription.yaml"), "--format", "json"]);
    expect(Assessment.safeParse({ ...report, stages: [{ ...report.stages[0], verdict: "maybe" }] }).success).toBe(false);
    const { flip: _, ...noFlip } = report.stages[0];
    expect(Assessment.safeParse({ ...report, stages: [noFlip] }).success).toBe(false);
  });

  it("ships its JSON Schema, naming the five verdicts", async () => {
    const schema = readFileSync(join(BUILT_IN_QUESTIONS, "report.schema.json"), "utf8");
    expect(JSON.parse(schema).title).toBe("automation-fit report (JSON)");
    expect(schema).toContain(JSON.stringify(VERDICTS, null, 2).slice(1, -1).trim().split("\n")[0]!.trim());
    for (const v of VERDICTS) expect(schema).toContain(`"${v}"`);
  });
});
