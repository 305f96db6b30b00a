import { lint } from "markdownlint/promise";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Answers } from "../../src/model/answers.js";
import { renderCompareMarkdown } from "../../src/report/compare-markdown.js";
import { renderCompareTerminal } from "../../src/report/compare-terminal.js";
import { renderJson } from "../../src/report/json.js";
import { compare, type ProgressInput, type ScoredStages } from "../../src/score/compare.js";
import { assess } from "../../src/score/score.js";
import { mermaidBlocks, parseChart } from "../report/mermaid-syntax.js";

const set = await loadQuestionSet(new URL("../fixtures/mini", import.meta.url).pathname).then(orThrow);
const answers = (given: Record<string, string>, extra: Partial<Answers> = {}): Answers => ({ answers: given, notes: {}, ...extra });
const fromAnswers = (file: string, a: Answers): ProgressInput => ({ file, kind: "answers", assessment: assess(set, a), answers: a });
const fromReport = (file: string, report: ScoredStages): ProgressInput => ({ file, kind: "report", assessment: report });

// billing: auto-pay (automate, x3), negotiated-terms (human, x2), few-problems (automate, x1); support: few-problems (x2), specific-problems (human, x2)
const BEFORE = answers({ "auto-pay": "partly", "negotiated-terms": "yes", "few-problems": "no", "specific-problems": "unsure" }, { client: "Acme", date: "2026-05-01" });
const AFTER = answers({ "auto-pay": "yes", "negotiated-terms": "partly", "few-problems": "no", "specific-problems": "no" }, { client: "Acme", date: "2026-11-20" });
const progress = () => compare(fromAnswers("before.yaml", BEFORE), fromAnswers("after.yaml", AFTER), set);

async function lintErrors(markdown: string): Promise<string[]> {
  const results = await lint({ strings: { report: markdown }, config: { default: true, MD013: false } });
  return (results.report ?? []).map((e) => `${e.lineNumber}: ${e.ruleNames.join("/")} ${e.ruleDescription} [${e.errorDetail ?? ""}] ${e.errorContext ?? ""}`);
}

describe("compare (answers files)", () => {
  const c = progress();

  it("gives each stage's score, verdict and confidence then and now, and the change", () => {
    expect(c.answerLevel).toBe(true);
    expect(c.answersChanged).toBe(3);
    const [billing, support] = c.stages;
    // billing: (1.5 + 0 + 0) / 6 = 25 -> (3 + 1 + 0) / 6 = 67
    expect(billing).toMatchObject({
      id: "billing",
      name: "Billing",
      before: { score: 25, verdict: "human", confidence: 1 },
      after: { score: 67, verdict: "automate", confidence: 1 },
      change: 42,
    });
    // support: few-problems no only (half the weight: 50 - 50 x 2/4 = 25, one side only: insufficient) -> both answered: 2 / 4 = 50
    expect(support).toMatchObject({ before: { score: 25, verdict: "insufficient", confidence: 0.5 }, after: { score: 50, verdict: "hybrid", confidence: 1 }, change: 25 });
  });

  it("lists the changed answers under every stage they bear on, each with what it did to that stage's score", () => {
    const [billing, support] = c.stages;
    expect(billing!.answers).toEqual([
      {
        questionId: "auto-pay",
        question: "Would customers rather pay automatically?",
        signal: "automate",
        before: { value: "partly", label: "Partly" },
        after: { value: "yes", label: "Yes" },
        effect: 25,
      },
      {
        questionId: "negotiated-terms",
        question: "Are payment terms negotiated per account?",
        signal: "human",
        before: { value: "yes", label: "Yes" },
        after: { value: "partly", label: "Partly" },
        effect: 17,
      },
    ]);
    expect(support!.answers).toEqual([
      {
        questionId: "specific-problems",
        question: "Are problems specific to each customer?",
        signal: "human",
        before: { value: "unsure", label: "Not sure" },
        after: { value: "no", label: "No" },
        effect: 25,
      },
    ]);
  });

  it("has effects that add up to each stage's change", () => {
    for (const s of c.stages) expect(s.answers.reduce((sum, a) => sum + (a.effect ?? 0), 0)).toBe(s.change);
  });

  it("handles answers added and removed, and stages that gain or lose their only answers (no score, no effect)", () => {
    const r = compare(fromAnswers("a", answers({ "auto-pay": "yes" })), fromAnswers("b", answers({ "few-problems": "yes" })), set);
    const [billing, support] = r.stages;
    expect(support).toMatchObject({ before: { score: null, verdict: "insufficient" }, after: { score: 75 }, change: null });
    expect(support!.answers).toEqual([expect.objectContaining({ questionId: "few-problems", before: null, after: { value: "yes", label: "Yes" }, effect: null })]);
    expect(billing!.answers.map((a) => [a.questionId, a.before?.value ?? null, a.after?.value ?? null])).toEqual([
      ["auto-pay", "yes", null],
      ["few-problems", null, "yes"],
    ]);
  });

  it("finds nothing when nothing changed, and takes the sides' clients, dates and files", () => {
    const same = compare(fromAnswers("x.yaml", BEFORE), fromAnswers("x.yaml", BEFORE), set);
    expect(same.answersChanged).toBe(0);
    expect(same.stages.every((s) => s.change === 0 && s.answers.length === 0)).toBe(true);
    expect(c.before).toEqual({ file: "before.yaml", kind: "answers", set: { name: "Mini set" }, client: "Acme", date: "2026-05-01" });
    expect(c.notes).toEqual([]);
  });
});

describe("compare (saved reports)", () => {
  const report = (stages: ScoredStages["stages"], extra: Partial<ScoredStages> = {}): ScoredStages => ({
    set: { name: "Customer lifecycle", version: "1.0.0" },
    thresholds: { automate: 65, human: 35, minConfidence: 0.5 },
    stages,
    ...extra,
  });
  const stage = (id: string, score: number | null, verdict: ScoredStages["stages"][number]["verdict"]) => ({
    id,
    name: id.toUpperCase(),
    score,
    verdict,
    confidence: score === null ? 0 : 1,
  });

  it("compares scores and verdicts only, keeps stages on one side, in the later order first", () => {
    const r = compare(
      fromReport("before.json", report([stage("a", 40, "hybrid"), stage("gone", 10, "human")])),
      fromReport("after.json", report([stage("new", 70, "automate"), stage("a", 30, "human")])),
      set,
    );
    expect(r.answerLevel).toBe(false);
    expect(r.answersChanged).toBeNull();
    expect(r.stages.map((s) => [s.id, s.before?.score ?? "-", s.after?.score ?? "-", s.change])).toEqual([
      ["new", "-", 70, null],
      ["a", 40, 30, -10],
      ["gone", 10, "-", null],
    ]);
    expect(r.stages.every((s) => s.answers.length === 0)).toBe(true);
  });

  it("compares an answers file with a report by scores only", () => {
    const r = compare(fromAnswers("before.yaml", BEFORE), fromReport("after.json", report([stage("billing", 80, "automate")], { set: { name: "Mini set" } })), set);
    expect(r.answerLevel).toBe(false);
    expect(r.stages[0]).toMatchObject({ id: "billing", before: { score: 25 }, after: { score: 80 }, change: 55, answers: [] });
  });

  it("notes another question set, other thresholds and another client", () => {
    const r = compare(
      fromReport("a.json", report([], { client: "Acme" })),
      fromReport("b.json", report([], { client: "Beta", set: { name: "Other", version: "2" }, thresholds: { automate: 70, human: 30, minConfidence: 0.6 } })),
    );
    expect(r.notes).toEqual([
      "The question sets differ (Customer lifecycle (question set v1.0.0) then, Other (question set v2) now), so the scores may not compare like for like.",
      "The thresholds differ (automate at 65, keep human at 35, confidence 50% then; automate at 70, keep human at 30, confidence 60% now), so a verdict may change with no change in score.",
      "The clients differ: Acme then, Beta now.",
    ]);
  });
});

describe("renderCompareTerminal", () => {
  const text = renderCompareTerminal(progress(), { color: false, width: 80 });

  it("titles the client and the dates, and tabulates then, now and the change", () => {
    const lines = text.split("\n");
    expect(lines[0]).toBe("Progress: Acme");
    expect(lines[1]).toBe("2026-05-01 → 2026-11-20 · Mini set");
    expect(text).toContain(
      "  Stage    Then              Now               Change\n  Billing   25 Keep human     67 Automate         +42\n  Support   25 Insufficient   50 Hybrid           +25",
    );
    expect(text).toContain("Verdict changed: Billing (Keep human → Automate), Support (Insufficient →\nHybrid).");
  });

  it("lists the changed answers per stage with their effect, before and after", () => {
    expect(text).toContain("3 answers changed.");
    expect(text).toContain(
      "Billing · 25 Keep human → 67 Automate (+42)\n    ▲  +25 Would customers rather pay automatically? — Partly → Yes\n    ▲  +17 Are payment terms negotiated per account? — Yes → Partly",
    );
    expect(text).toContain("    ▲  +25 Are problems specific to each customer? — Not sure → No");
  });

  it("fits every line in the width, even a narrow one, with no colour unless asked", () => {
    for (const width of [80, 40, 30]) {
      const out = renderCompareTerminal(progress(), { color: false, width });
      for (const line of out.split("\n")) expect([...line].length).toBeLessThanOrEqual(width);
    }
    expect(text).not.toContain("\u001b[");
    expect(renderCompareTerminal(progress(), { color: true, width: 80 })).toContain("\u001b[");
  });

  it("says answer-level changes need answers files when a side is a report", () => {
    const r = compare(fromAnswers("before.yaml", BEFORE), fromReport("after.json", { ...assess(set, AFTER) }));
    const out = renderCompareTerminal(r, { color: false, width: 80 });
    expect(out.replace(/\s+/g, " ")).toContain(
      "Answer-level changes need one respondent's answers on each side: after.json is a saved report, so only scores and verdicts are compared.",
    );
    expect(out).not.toContain("answers changed");
  });

  it("neutralises control characters in names from files", () => {
    const a = assess(set, AFTER);
    a.stages[0]!.name = "Bill\u001b[31ming\nnext";
    a.client = "Evil\u009b2J";
    const out = renderCompareTerminal(compare(fromReport("a.json", a), fromReport("b.json", a)), { color: false, width: 80 });
    expect(out).not.toMatch(/[\u001b\u009b]/);
    expect(out).toContain("Bill^[[31ming next");
  });
});

describe("renderCompareMarkdown", () => {
  const text = renderCompareMarkdown(progress());

  it("passes markdownlint", async () => {
    expect(await lintErrors(text)).toEqual([]);
  });

  it("has the title, both sides, a summary table with verdict changes and the answers per stage", () => {
    expect(text.split("\n")[0]).toBe("# Progress: Acme");
    expect(text.split("\n")[2]).toBe("Client: Acme · 2026-05-01 to 2026-11-20");
    expect(text).toContain("**Before**: 2026-05-01 · from the answers · Mini set\\\n**After**: 2026-11-20 · from the answers · Mini set");
    expect(text).toContain("| Billing | 25 | 67 | +42 | Keep human -> **Automate** |");
    expect(text).toContain(
      "### Billing: 25 to 67 (+42)\n\n- +25: Would customers rather pay automatically? — Partly -> **Yes**\n- +17: Are payment terms negotiated per account? — Yes -> **Partly**",
    );
  });

  it("charts each stage then and now in a valid Mermaid block", () => {
    const blocks = mermaidBlocks(text);
    expect(blocks).toHaveLength(1);
    const chart = parseChart(blocks[0]!);
    expect(chart.title).toBe("Scores then (2026-05-01) and now (2026-11-20)");
    // Support had too little answered then: left out of the chart, as insufficient stages are
    expect(chart.labels).toEqual(["Billing (then)", "Billing (now)", "Support (now)"]);
    expect(chart.bars).toEqual([25, 67, 50]);
  });

  it("stays lint-clean with reports, hostile names, notes and stages on one side", async () => {
    const a = assess(set, AFTER);
    a.client = "Acme | <script>x</script> *big*";
    a.stages[0]!.name = "Billing: next steps!";
    const b = { ...assess(set, BEFORE), client: "Other", stages: [{ ...a.stages[0]!, name: "Billing: next steps!" }], date: undefined };
    const out = renderCompareMarkdown(compare(fromReport("then.json", b), fromReport("now.json", a)));
    expect(await lintErrors(out)).toEqual([]);
    expect(out).not.toContain("<script>");
    expect(out).toContain("# Progress: Other -&gt; Acme \\| &lt;script&gt;x&lt;/script&gt; \\*big\\*\n");
    expect(out).toContain("Client: Other -&gt; Acme \\| &lt;script&gt;x&lt;/script&gt; \\*big\\* · `then.json` to 2026-11-20");
    expect(out).toContain("Answer-level changes need the answers of both assessments; one side is a saved report");
    expect(out).toContain("**Note**: The clients differ");
    for (const block of mermaidBlocks(out)) parseChart(block);
  });
});

describe("renderJson (comparison)", () => {
  it("parses back equal to the comparison", () => {
    const c = progress();
    expect(JSON.parse(renderJson(c))).toEqual(c);
  });
});
