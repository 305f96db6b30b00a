import { isCloseCall } from "../../src/model/report.js";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { renderSummary, SUMMARY_MAX_LINES } from "../../src/report/summary.js";
import { plan } from "../../src/score/plan.js";
import { assess } from "../../src/score/score.js";
import { displayWidth } from "../../src/text.js";
import { example } from "../cli/run.js";
import { assessment } from "./fixtures.js";

describe("renderSummary", () => {
  it("fits one 80x24 screen with the ending's choice under it, for every example", async () => {
    const set = await loadQuestionSet().then(orThrow);
    for (const name of ["enterprise-services.yaml", "regional-accounting-firm.yaml", "self-serve-subscription.yaml"]) {
      const scored = assess(set, await loadAnswers(example(name), set).then(orThrow));
      const a = { ...scored, summary: plan(scored, { set, start: "2026-11-28" }).summary };
      expect(a.summary.length).toBeGreaterThan(0);
      for (const width of [200, 80, 60]) {
        const lines = renderSummary(a, { color: false, width, footer: "The words used, explained: npx automation-fit glossary" }).trimEnd().split("\n");
        expect(lines.length).toBeLessThanOrEqual(SUMMARY_MAX_LINES);
        expect(lines.filter((l) => displayWidth(l) > Math.min(width, 80))).toEqual([]);
        for (const stage of a.stages) expect(lines.some((l) => l.includes(stage.name))).toBe(true);
        expect(lines.at(-1)).toBe("The words used, explained: npx automation-fit glossary");
        // the stages one answer would change are marked (where most are, one line says so instead of a mark on each),
        // and at least three first things to do are there, whole or cut with "…"
        const flat = lines.join(" ").replace(/\s+/g, " ");
        const edges = a.stages.filter((s) => isCloseCall(s));
        const closeCalls = edges.length >= 3 && edges.length * 2 > a.stages.length;
        for (const stage of edges) expect(lines.find((l) => l.includes(stage.name))).toMatch(closeCalls ? /[^*]$/ : / \*$/);
        if (closeCalls) expect(flat).toContain(`${edges.length} of ${a.stages.length} verdicts are close calls`);
        expect(a.summary.length).toBeGreaterThanOrEqual(3);
        for (const [i, item] of a.summary.slice(0, 3).entries()) {
          const shown = new RegExp(`${i + 1}\\. (.*?)(…|$| ${i + 2}\\. | The words used)`).exec(flat)?.[1];
          expect(shown, `${name} at ${width}: item ${i + 1}`).toBeDefined();
          expect(item.text.startsWith(shown!), `${name} at ${width}: ${shown}`).toBe(true);
          expect(shown!.split(" ").length, `${name} at ${width}: ${shown}`).toBeGreaterThanOrEqual(5);
        }
      }
    }
  });

  it("gives each stage its verdict, score and questions answered, and says what the words mean", () => {
    const text = renderSummary(assessment(), { color: false });
    expect(text).toMatch(/Onboarding\s+Hybrid\s+58\s+\d+ of \d+/);
    expect(text).toContain("question set v");
    expect(text.replace(/\s+/g, " ")).toContain('Answered: not counting "Not sure" and "Does not apply".');
    expect(text.replace(/\s+/g, " ")).toContain("Hybrid: automate the routine part, keep a person for the rest.");
  });
});
