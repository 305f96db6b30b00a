import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { agreement, panelOutcomes, panelProfiles, panelReport, profileAnswers, twoStepsOff, VERDICT_STEPS } from "./panel.js";

const set = await loadQuestionSet().then(orThrow);
const profiles = panelProfiles();

describe("the reference panel", () => {
  it("has at least eight profiles, a few held out, each with a reasoned consultant verdict for every stage", async () => {
    expect(profiles.length).toBeGreaterThanOrEqual(8);
    const heldOut = profiles.filter((p) => p.heldOut).length;
    expect(heldOut).toBeGreaterThanOrEqual(2);
    expect(heldOut).toBeLessThan(profiles.length / 2);
    for (const profile of profiles) {
      expect(Object.keys(profile.stages), profile.file).toEqual(set.stages.map((s) => s.id));
      for (const [stage, { verdict, why }] of Object.entries(profile.stages)) {
        expect(Object.keys(VERDICT_STEPS), `${profile.file} ${stage}`).toContain(verdict);
        expect(why.trim().length, `${profile.file} ${stage}`).toBeGreaterThan(10);
      }
      const answers = await profileAnswers(set, profile);
      expect(Object.keys(answers.answers).length, `${profile.file} answers every question`).toBe(set.questions.length);
      expect(Object.keys(answers.notes).length, `${profile.file} has notes`).toBeGreaterThanOrEqual(2);
    }
  });

  it("reports how often the tool agrees with the consultant", async () => {
    const outcomes = await panelOutcomes(set);
    console.log(panelReport(outcomes));
    expect(outcomes.length).toBe(profiles.length * set.stages.length);
    // What holds today (set v2.1.0): 94 of 104, 90%; 78 of 80 on the ten profiles used for tuning, 16 of 24 on the
    // three held out (checked last, not tuned toward). The bar: at least 90% over the whole panel.
    expect(agreement(outcomes).agreed).toBeGreaterThanOrEqual(94);
    expect(agreement(outcomes).share).toBeGreaterThanOrEqual(0.9);
    expect(agreement(outcomes.filter((o) => !o.heldOut)).agreed).toBeGreaterThanOrEqual(78);
    expect(outcomes.filter(twoStepsOff).map((o) => `${o.profile} ${o.stage}`)).toEqual([]);
  });
});
