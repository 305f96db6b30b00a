import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { renderHtml } from "../../src/report/html.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderTerminal } from "../../src/report/terminal.js";
import { assess } from "../../src/score/score.js";

// The plumber of the reference panel: stages with their own cut-offs (payment collection 30/62, maintenance 25/65)
const set = await loadQuestionSet().then(orThrow);
const profile = (name: string) => loadAnswers(new URL(`../panel/profiles/${name}.yaml`, import.meta.url).pathname, set).then(orThrow);
const a = assess(set, await profile("family-plumber"));
const own = a.stages.filter((s) => s.thresholds.automate !== a.thresholds.automate || s.thresholds.human !== a.thresholds.human);

describe("a stage's own cut-offs in every format", () => {
  it("the model carries each stage's cut-offs, and its verdict follows them", () => {
    expect(own.length).toBeGreaterThan(0);
    for (const s of a.stages.filter((x) => x.score !== null && x.cappedBy === null && ["automate", "hybrid", "human"].includes(x.verdict))) {
      const expected = s.score! >= s.thresholds.automate ? "automate" : s.score! <= s.thresholds.human ? "human" : "hybrid";
      expect(s.verdict, s.id).toBe(expected);
    }
  });

  it("the HTML chart draws each stage's bands and cut marks at its own cut-offs, and the caption names them", () => {
    const html = renderHtml(a);
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>"));
    for (const s of own) {
      for (const [value, name] of [
        [s.thresholds.human, "keep human at or below"],
        [s.thresholds.automate, "automate at or above"],
      ] as const) {
        expect(svg).toContain(`<title>${s.name}: ${name} ${value}</title>`);
      }
      expect(html).toContain(`${s.name} ${s.thresholds.human} and ${s.thresholds.automate}`);
    }
  });

  it("the Markdown chart's lines step to a stage's own cut-offs, and the caption names them", () => {
    const text = renderMarkdown(a);
    const lines = [...text.matchAll(/^ {4}line \[([^\]]*)\]$/gm)].map((m) => m[1]!.split(", ").map(Number));
    const charted = a.stages.filter((s) => s.score !== null && ["automate", "hybrid", "human"].includes(s.verdict));
    expect(lines).toEqual([charted.map((s) => s.thresholds.human), charted.map((s) => s.thresholds.automate)]);
    for (const s of own) expect(text).toContain(`${s.name} ${s.thresholds.human} and ${s.thresholds.automate}`);
  });

  it("the terminal summary states the cut-offs", () => {
    const text = renderTerminal(a, { width: 200, color: false }).replace(/\s+/g, " ");
    for (const s of own) expect(text).toContain(`${s.name} ${s.thresholds.human} and ${s.thresholds.automate}`);
  });

  it("a stage capped by a gate says the score would point elsewhere and names the rule, never first claiming the verdict it does not get", async () => {
    const coffee = assess(set, await profile("coffee-subscription"));
    const capped = coffee.stages.filter((s) => s.cappedBy !== null);
    expect(capped.length).toBeGreaterThan(0);
    for (const s of capped) {
      expect(s.reason).toMatch(/^Scores \d+, which would point to /);
      expect(s.reason).toContain(`the gate "${s.cappedBy}" caps it at`);
      expect(s.reason).not.toContain("customers can serve themselves here");
    }
  });
});
