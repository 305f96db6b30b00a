import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { answersTemplate } from "../../src/report/template.js";

describe("the blank answers file", () => {
  it("shows how to size the work as admin minutes, not the work itself, and the sizing it shows loads once its # is taken off", async () => {
    const set = await loadQuestionSet().then(orThrow);
    const text = answersTemplate(set);
    expect(text).toContain("minutes of office and contact time each takes (booking, reminders, chasing, paperwork), not the work itself");
    const file = join(mkdtempSync(join(tmpdir(), "af-template-")), "a.yaml");
    writeFileSync(file, text.replace("# sizing:", "sizing:").replace(`#   ${set.stages[0]!.id}:`, `  ${set.stages[0]!.id}:`));
    const answers = await loadAnswers(file, set).then(orThrow);
    expect(answers.sizing).toEqual({ [set.stages[0]!.id]: { timesPerMonth: 40, minutes: 10 } });
  });
});
