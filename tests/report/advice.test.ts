import { lint } from "markdownlint/promise";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { renderHtml } from "../../src/report/html.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderTerminal } from "../../src/report/terminal.js";
import { assess } from "../../src/score/score.js";
import { profileAnswers } from "../panel/panel.js";

const set = await loadQuestionSet().then(orThrow);
const plumber = await profileAnswers(set, { file: "family-plumber.yaml", heldOut: false, stages: {} });
const report = assess(set, plumber);
const markdown = renderMarkdown(report);
const terminal = renderTerminal(report, { color: false, width: 80 });
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("the advice in the reports (a family plumber)", () => {
  it("carries every note: in the terminal and in the Markdown appendix with every answer", () => {
    const notes = Object.values(plumber.notes);
    expect(notes.length).toBeGreaterThanOrEqual(5);
    for (const note of notes) expect(flat(terminal)).toContain(flat(note));
    const appendix = markdown.slice(markdown.indexOf("## Appendix: every answer"));
    for (const note of notes) expect(appendix).toContain(note);
    for (const q of set.questions) expect(appendix).toContain(q.text.slice(0, 30));
  });

  it("says what would change each verdict, marks the edge, and names what each stage risks losing", () => {
    for (const s of report.stages) {
      if (!s.flipText) continue;
      expect(flat(terminal)).toContain(flat(s.flipText));
      expect(markdown).toContain("What would change the verdict");
    }
    expect(report.stages.some((s) => s.edge)).toBe(true);
    expect(terminal).toContain("On the edge.");
    expect(markdown).toContain("**On the edge.**");
    expect(flat(terminal)).toContain("The self-checkout lesson");
    expect(markdown).toContain("What you risk losing if it is automated badly");
  });

  it("lists the automation behind the scenes on a stage kept human", () => {
    const human = report.stages.find((s) => s.verdict === "human")!;
    expect(human.plays.length).toBeGreaterThan(0);
    expect(terminal).toContain("A person leads; what to automate behind the scenes");
    expect(markdown).toContain(`${human.name}, ${human.plays[0]!.title}: automate behind the scenes`);
  });

  it("passes markdownlint", async () => {
    const results = await lint({ strings: { r: markdown }, config: { default: true, MD013: false } });
    expect(results.r).toEqual([]);
  });
});

describe("warnings in the reports", () => {
  it("put contradictions and straight-lining first, in both formats", async () => {
    const yes = assess(set, { answers: Object.fromEntries(set.questions.map((q) => [q.id, "yes"])), notes: {} });
    const md = renderMarkdown(yes);
    const term = renderTerminal(yes, { color: false, width: 80 });
    expect(md.indexOf("## Check these answers first")).toBeLessThan(md.indexOf("## Lead generation"));
    expect(term).toContain("Check these answers first");
    for (const w of yes.warnings!) {
      expect(flat(term)).toContain(flat(w.message));
      expect(md).toContain(w.message.slice(0, 20));
    }
    const results = await lint({ strings: { r: md }, config: { default: true, MD013: false } });
    expect(results.r).toEqual([]);
    const html = renderHtml(yes);
    expect(html).toContain("<h2>Check these answers first</h2>");
    expect(html.match(/<li>[^<]*both answered Yes/g)?.length).toBe(yes.warnings!.filter((w) => w.kind === "contradiction").length);
  });
});
