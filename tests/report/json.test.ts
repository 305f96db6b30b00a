import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { renderJson, renderTeamJson } from "../../src/report/json.js";
import { LISTED_RESPONDENTS, TeamTally } from "../../src/score/aggregate.js";
import { encodeAnswers, type Respondent } from "../../src/model/respondent.js";
import { fixture } from "../cli/run.js";
import { assessment } from "./fixtures.js";

describe("renderJson", () => {
  it("parses back equal to the assessment", () => {
    const a = assessment();
    const text = renderJson(a);
    expect(JSON.parse(text)).toEqual(a);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("keeps the documented shape", () => {
    const parsed = JSON.parse(renderJson(assessment()));
    expect(parsed.schemaVersion).toBe(2);
    expect(Object.keys(parsed.stages[0])).toEqual(expect.arrayContaining(["id", "name", "score", "verdict", "confidence", "reason", "drivers", "plays", "kpis"]));
    expect(parsed.stages[3].score).toBeNull();
    expect(parsed.campaigns).toHaveLength(2);
  });

  it("writes no raw control characters, yet round-trips them", () => {
    const text = renderJson(assessment());
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(text).stages[0].drivers[1].note).toContain("\u009b2J");
  });
});

const mini = await loadQuestionSet(fixture("mini")).then(orThrow);

describe("renderTeamJson", () => {
  const person = (name: string, answers: Record<string, string>): Respondent => ({ name: `${name}\u2028`, file: `${name}.yaml`, answers: encodeAnswers(mini, answers) });
  const team = (n: number) => {
    const tally = new TeamTally(mini);
    for (let i = 0; i < n; i++) tally.add(person(`P${i % 2}`, i % 2 ? { "auto-pay": "yes", "few-problems": "no" } : { "auto-pay": "no", "few-problems": "yes" }));
    return tally;
  };

  it("writes, piece by piece, exactly what renderJson writes of the whole team", () => {
    for (const n of [1, 3, LISTED_RESPONDENTS + 1]) {
      const tally = team(n);
      const summary = tally.summary(n);
      const pieces = [...renderTeamJson(summary, tally.respondents(summary.disagreements))];
      expect(pieces.join("")).toBe(renderJson(tally.result(n)));
      expect(pieces.length).toBe(n > LISTED_RESPONDENTS ? 1 : n + 1);
    }
  });
});
