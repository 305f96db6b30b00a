import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, orThrow } from "../../src/errors.js";
import { checkAnswers } from "../../src/load/answers.js";
import { loadQuestionSet, MAX_QUESTIONS, MAX_STAGES } from "../../src/load/question-set.js";
import { MAX_PROBLEMS_KEPT, parseSource } from "../../src/load/source.js";
import { example, fixture, runAsNobody, tempDir, runInProcess } from "../cli/run.js";

const MINI = fixture("mini");
const set = orThrow(await loadQuestionSet(MINI));
const miniSet = (replace: (yaml: string) => string) => {
  const dir = tempDir();
  const text = replace(readFileSync(join(MINI, "set.yaml"), "utf8"));
  writeFileSync(join(dir, "set.yaml"), text);
  return dir;
};

function problemsOf(work: () => Parameters<typeof orThrow>[0]): InputError {
  try {
    orThrow(work());
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("no InputError");
}

describe("many problems: the first few hundred described, the rest counted (F1)", () => {
  it("40,000 unknown keys: 200 described, the rest counted, and the message says how many", async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `k${i}: x`).join("\n");
    const top = parseSource("a.yaml", `answers:\n  auto-pay: "yes"\n${keys}\n`).value!;
    const error = problemsOf(() => checkAnswers(top, set));
    expect(error.problems).toHaveLength(MAX_PROBLEMS_KEPT);
    expect(error.uncounted).toBe(40_000 - MAX_PROBLEMS_KEPT);
    expect(error.message).toMatch(/\.\.\. and 39,980 more problems$/);
    const ids = Array.from({ length: 40_000 }, (_, i) => `  q${i}: "yes"`).join("\n");
    const inAnswers = problemsOf(() => checkAnswers(parseSource("a.yaml", `answers:\n${ids}\n`).value!, set));
    expect(inAnswers.problems).toHaveLength(MAX_PROBLEMS_KEPT);
    expect(inAnswers.uncounted).toBe(40_000 - MAX_PROBLEMS_KEPT);
  });

  it("a duplicate key among 40,000 is still found, at its line", async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  q${i}: "yes"`);
    keys.push('  q7: "no"');
    const read = parseSource("a.yaml", `answers:\n${keys.join("\n")}\n`);
    expect(read.problems).toEqual([{ file: "a.yaml", line: 40_002, col: 3, message: "duplicate key 'q7' (first at line 9, column 3); keep one of them" }]);
  });
});

describe("what validate accepts, every command handles (F7, F8, F33)", () => {
  it("refuses a scale of more than 20 options in validate, so no command meets one", async () => {
    const options = Array.from({ length: 300 }, (_, i) => `  - { value: v${i}, label: V${i}, level: ${i % 2} }`).join("\n");
    const dir = miniSet((yaml) => yaml.replace(/scale:\n( {2}- .*\n)+/, `scale:\n${options}\n`));
    const r = await runInProcess(["validate", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("a scale has at most 20 options");
  });

  it("refuses weights that are not finite or not sane, so no score is NaN", async () => {
    for (const weight of ["1e308", ".inf", "1001"]) {
      const dir = miniSet((yaml) => yaml.replace("stages: { billing: 3 }", `stages: { billing: ${weight} }`));
      const r = await runInProcess(["validate", dir]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/weight is at most 100|a weight is a number above 0/);
    }
  });

  it("refuses sizing figures past any real business's", async () => {
    const file = join(tempDir(), "a.yaml");
    writeFileSync(file, 'answers:\n  auto-pay: "yes"\nsizing:\n  billing: { timesPerMonth: 1e308, minutes: 10 }\n');
    const r = await runInProcess(["report", file, "--questions", MINI]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("at most 10,000,000");
  });

  it("states its limit on stages and questions with a clear error", async () => {
    const stages = Array.from({ length: MAX_STAGES + 1 }, (_, i) => `  - { id: s${i}, name: S${i}, description: D }`).join("\n");
    const questions = Array.from({ length: MAX_QUESTIONS + 1 }, (_, i) => `  - { id: q${i}, text: Q?, help: H, signal: automate, stages: { s0: 1 } }`).join("\n");
    const dir = tempDir();
    writeFileSync(join(dir, "set.yaml"), `stages:\n${stages}\nquestions:\n${questions}\n`);
    const r = await runInProcess(["validate", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`the set has 101 stages; a set holds at most ${MAX_STAGES} (split it into several sets)`);
    expect(r.stderr).toContain(`the set has 2,001 questions; a set holds at most ${MAX_QUESTIONS}`);
  });
});

describe("ids that every object has (F9, F10)", () => {
  it("refuses a stage or question id 'constructor' in validate", async () => {
    for (const [from, to] of [
      ["id: auto-pay", "id: constructor"],
      ["id: billing", "id: constructor"],
    ] as const) {
      const r = await runInProcess(["validate", miniSet((yaml) => yaml.replace(from, to))]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("this id is reserved");
    }
  });

  it("report and validate agree on an answers file answering 'constructor'", async () => {
    const file = join(tempDir(), "a.yaml");
    writeFileSync(file, 'answers:\n  constructor: "yes"\n');
    const report = await runInProcess(["report", file, "--questions", MINI]);
    const validate = await runInProcess(["validate", file, "--questions", MINI]);
    expect(report.status).toBe(2);
    expect(validate.status).toBe(2);
    expect(report.stderr).toBe(validate.stderr);
  });
});

describe("a report where answers are expected (F14)", () => {
  it("says once that a JSON report is not an answers file, in report and validate", async () => {
    const dir = tempDir();
    const saved = join(dir, "report.json");
    writeFileSync(saved, (await runInProcess(["report", example("enterprise-services.yaml"), "--format", "json"])).stdout);
    const r = await runInProcess(["report", saved]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${saved}:1:1 this is a report made by automation-fit (--format json), not an answers file; give the answers it was made from (YAML files with 'answers:')\n`,
    );
    const validate = await runInProcess(["validate", saved]);
    expect(validate.status).toBe(2);
    expect(validate.stderr).toBe(
      `${saved}:1:1 is a report made by 'automation-fit report --format json', not a question set, answers file or survey export; validate checks what report reads\n`,
    );
    const team = join(dir, "team.json");
    writeFileSync(team, (await runInProcess(["report", example("team"), "--format", "json"])).stdout);
    expect((await runInProcess(["report", team])).stderr).toContain("this is a team report made by automation-fit, not an answers file");
  });
});

describe("a folder that cannot be read is bad input (F6), as a user who is not root", () => {
  it("exits 2 naming the folder, for a team folder and a question set folder", async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const team = join(dir, "team");
    mkdirSync(team);
    cpSync(example("team"), team, { recursive: true });
    chmodSync(team, 0o700);
    for (const args of [
      ["report", team],
      ["validate", team],
      ["questions", "--questions", team],
    ]) {
      const r = runAsNobody(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`${team} cannot be read: permission denied (a folder)\n`);
    }
  });
});
