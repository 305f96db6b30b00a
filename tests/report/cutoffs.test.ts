import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readProgressFile } from "../../src/load/report.js";
import { renderCompareMarkdown } from "../../src/report/compare-markdown.js";
import { renderCompareTerminal } from "../../src/report/compare-terminal.js";
import { renderCompareHtml, renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderTerminal } from "../../src/report/terminal.js";
import { compare, type ProgressInput } from "../../src/score/compare.js";
import { assess } from "../../src/score/score.js";
import { tempDir } from "../cli/run.js";

// The plumber of the reference panel, on the built-in set as a consultant might adapt it: two stages with cut-offs of
// their own (the built-in set has none; a set may still set them).
const set = await loadQuestionSet().then(orThrow);
const OWN: Record<string, { automate?: number; human?: number }> = { "payment-collection": { human: 30, automate: 62 }, "maintenance-calls": { human: 25 } };
const adapted = { ...set, stages: set.stages.map((s) => (OWN[s.id] ? { ...s, thresholds: OWN[s.id] } : s)) };
const profile = (name: string) => loadAnswers(new URL(`../panel/profiles/${name}.yaml`, import.meta.url).pathname, set).then(orThrow);
const a = assess(adapted, await profile("family-plumber"));
const own = a.stages.filter((s) => s.thresholds.automate !== a.thresholds.automate || s.thresholds.human !== a.thresholds.human);

describe("a stage's own cut-offs in every format", () => {
  it("the model carries each stage's cut-offs, and its verdict follows them", () => {
    expect(own.map((s) => s.id)).toEqual(Object.keys(OWN));
    for (const s of a.stages.filter((x) => x.score !== null && x.cappedBy === null && x.raisedBy === null && ["automate", "hybrid", "human"].includes(x.verdict))) {
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
      // by the name a client reads, never the id
      const gate = set.gates.find((g) => g.id === s.cappedBy)!;
      expect(gate.name).toBeTruthy();
      expect(s.reason).toContain(`the gate "${gate.name}" caps it at`);
      expect(s.reason).not.toContain("customers can serve themselves here");
    }
  });
});

describe("a verdict a floor raised", () => {
  it("is marked ‡ in every format's summary table, the floor named under it, and its reason says what the score alone points to", async () => {
    const plumber = assess(set, await profile("family-plumber"));
    const raised = plumber.stages.find((s) => s.id === "maintenance-calls")!;
    expect(raised).toMatchObject({ verdict: "hybrid", raisedBy: "scheduled-upkeep-reminders", raisedByName: "upkeep on a schedule", cappedBy: null });
    expect(raised.score).toBeLessThanOrEqual(plumber.thresholds.human);
    expect(raised.reason).toMatch(/^Scores \d+, which would point to keep human \(35 or below\); the rule "upkeep on a schedule" raises it to hybrid: /);
    const sentence = "‡ Raised by a floor, whatever the score: upkeep on a schedule (at least Hybrid)";
    expect(renderMarkdown(plumber)).toContain("| Maintenance calls | Hybrid ‡ |");
    expect(renderMarkdown(plumber).replace(/\s+/g, " ")).toContain(sentence);
    const terminal = renderTerminal(plumber, { width: 200, color: false });
    expect(terminal).toMatch(/Maintenance calls +\S+ +\d+ +Hybrid ‡/);
    expect(terminal.replace(/\s+/g, " ")).toContain(sentence);
    expect(renderHtml(plumber)).toContain(sentence);
  });

  it("has a line of its own under the table, beside the caps' line, in the terminal, Markdown and HTML", async () => {
    const plumber = assess(set, await profile("family-plumber"));
    expect(plumber.stages.some((s) => s.cappedBy) && plumber.stages.some((s) => s.raisedBy)).toBe(true);
    const terminal = renderTerminal(plumber, { width: 80, color: false }).split("\n");
    expect(terminal.filter((l) => /^ {2}[†‡] (Capped|Raised)/.test(l)).map((l) => l.slice(2, 3))).toEqual(["†", "‡"]);
    expect(renderMarkdown(plumber)).toMatch(/\n\n‡ Raised by a floor/);
    expect(renderHtml(plumber).match(/<p class="caps">[†‡]/g)).toEqual(['<p class="caps">†', '<p class="caps">‡']);
  });
});

describe("a verdict a gate capped", () => {
  it("is marked † in every format's summary table, the gate named (never its id) under it", async () => {
    const app = assess(set, { ...(await profile("saas-budgeting-app")), answers: { ...(await profile("saas-budgeting-app")).answers, "person-on-hand": "no" } });
    const capped = app.stages.filter((s) => s.cappedBy === "nobody-on-hand");
    expect(capped.length).toBeGreaterThan(3);
    const sentence = "† Capped by a gate, whatever the score: nobody on hand when automation fails (at most Hybrid).";
    const markdown = renderMarkdown(app);
    for (const s of capped) expect(markdown).toContain(`| ${s.name} | Hybrid † |`);
    expect(markdown.replace(/\s+/g, " ")).toContain(sentence);
    const terminal = renderTerminal(app, { width: 200, color: false });
    for (const s of capped) expect(terminal).toMatch(new RegExp(`${s.name} +\\S+ +\\d+ +Hybrid †`));
    expect(terminal.replace(/\s+/g, " ")).toContain(sentence);
    expect(renderHtml(app)).toContain(sentence);
    for (const text of [markdown, terminal]) expect(text).not.toContain('"nobody-on-hand"');
  });
});

const plumber = await profile("family-plumber");

describe("a stage's own cut-offs in compare, in every format", () => {
  // then: the plumber with every answer but one; now: all of them
  const dropped = Object.keys(plumber.answers)[0]!;
  const then = { ...plumber, answers: Object.fromEntries(Object.entries(plumber.answers).filter(([id]) => id !== dropped)) };
  const side = (file: string, answers: typeof plumber): ProgressInput => ({ file, kind: "answers", assessment: assess(adapted, answers), answers });
  const c = compare(side("then.yaml", then), side("now.yaml", plumber), adapted);
  const isCharted = (p: (typeof c.stages)[number]["before"]) => p?.score != null && ["automate", "hybrid", "human"].includes(p.verdict);

  it("the comparison carries each stage's cut-offs, as the single report has them", () => {
    expect(c.stages.map((s) => [s.id, s.thresholds])).toEqual(a.stages.map((s) => [s.id, s.thresholds]));
  });

  it("a saved JSON report brings its stages' cut-offs to compare", async () => {
    const file = join(tempDir(), "saved.json");
    writeFileSync(file, renderJson(a));
    const read = await readProgressFile(file);
    expect(read.value?.kind).toBe("report");
    const saved = read.value?.kind === "report" ? read.value.report : undefined;
    expect(saved?.stages.map((s) => s.thresholds)).toEqual(a.stages.map((s) => s.thresholds));
    const withSaved = compare({ file, kind: "report", assessment: saved! }, side("now.yaml", plumber), adapted);
    expect(withSaved.stages.map((s) => s.thresholds)).toEqual(a.stages.map((s) => s.thresholds));
  });

  it("the HTML chart draws each stage's cut marks at its own cut-offs, and the caption names them", () => {
    const html = renderCompareHtml(c);
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>"));
    for (const s of own) {
      expect(svg).toContain(`<title>${s.name}: keep human at or below ${s.thresholds.human}</title>`);
      expect(svg).toContain(`<title>${s.name}: automate at or above ${s.thresholds.automate}</title>`);
      expect(html).toContain(`${s.name} ${s.thresholds.human} and ${s.thresholds.automate}`);
    }
  });

  it("the Markdown chart's lines step to each stage's own cut-offs, then and now, and the caption names them", () => {
    const text = renderCompareMarkdown(c);
    const lines = [...text.matchAll(/^ {4}line \[([^\]]*)\]$/gm)].map((m) => m[1]!.split(", ").map(Number));
    const bars = c.stages.flatMap((s) => [s.before, s.after].filter(isCharted).map(() => s.thresholds!));
    expect(lines).toEqual([bars.map((t) => t.human), bars.map((t) => t.automate)]);
    expect(new Set(lines[0])).not.toEqual(new Set([c.thresholds.human]));
    for (const s of own) expect(text).toContain(`${s.name} ${s.thresholds.human} and ${s.thresholds.automate}`);
  });

  it("the terminal summary states the cut-offs its verdicts were made by", () => {
    const text = renderCompareTerminal(c, { width: 200, color: false }).replace(/\s+/g, " ");
    expect(text).toContain(`Verdicts by the thresholds, ${c.thresholds.human} (keep human at or below) and ${c.thresholds.automate} (automate at or above)`);
    for (const s of own) expect(text).toContain(`${s.name} ${s.thresholds.human} and ${s.thresholds.automate}`);
  });

  it("a note says where a stage's own cut-offs moved between the two sides", () => {
    const stage = own[0]!;
    const moved = { ...a, stages: a.stages.map((s) => (s.id === stage.id ? { ...s, thresholds: { human: 40, automate: 70 } } : s)) };
    const notes = compare({ file: "then.json", kind: "report", assessment: moved }, side("now.yaml", plumber), adapted).notes;
    expect(notes).toEqual([
      `A stage's own cut-offs (keep human/automate) differ: ${stage.name} 40/70 then, ${stage.thresholds.human}/${stage.thresholds.automate} now; there a verdict may change with no change in score.`,
    ]);
    expect(c.notes).toEqual([]);
  });
});
