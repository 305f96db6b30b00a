import { lint } from "markdownlint/promise";
import { describe, expect, it } from "vitest";
import type { Assessment } from "../../src/model/report.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { assessment } from "./fixtures.js";
import { mermaidBlocks, parseChart } from "./mermaid-syntax.js";

async function lintErrors(markdown: string): Promise<string[]> {
  const results = await lint({ strings: { report: markdown }, config: { default: true, MD013: false } });
  return (results.report ?? []).map((e) => `${e.lineNumber}: ${e.ruleNames.join("/")} ${e.ruleDescription} [${e.errorDetail ?? ""}] ${e.errorContext ?? ""}`);
}

const unescapedPipes = (row: string) => row.replace(/\\\\/g, "").match(/(?<!\\)\|/g)?.length ?? 0;

describe("renderMarkdown", () => {
  const text = renderMarkdown(assessment());

  it("passes markdownlint", async () => {
    expect(await lintErrors(text)).toEqual([]);
  });

  it("passes markdownlint when stage names repeat, clash with fixed headings or end in punctuation", async () => {
    const a = assessment();
    const [first, second, third, fourth] = a.stages as [Assessment["stages"][number], Assessment["stages"][number], Assessment["stages"][number], Assessment["stages"][number]];
    a.stages = [
      { ...first, name: "Summary" },
      { ...second, name: "Onboarding" },
      { ...third, name: "Onboarding" },
      { ...fourth, name: "Renewal: next steps!", reason: "- looks like a list\n\n    and code" },
    ];
    a.client = undefined;
    const out = renderMarkdown(a);
    expect(await lintErrors(out)).toEqual([]);
    expect(out).toContain("## Summary (2)");
    expect(out).toContain("### What to automate in Onboarding (2), and the human part to keep");
    // without a client the title names none: the set's name is on the line below, not in the client's place
    expect(out).toMatch(/^# Automation fit$/m);
  });

  it("keeps the hostile client and stage names from breaking the title or the table", () => {
    expect(text).not.toMatch(/<script|<b>|<i>/);
    expect(text).not.toContain("\u001b");
    const title = text.split("\n")[0] ?? "";
    // the H1 short; the whole client on the line below it
    expect(title).toBe("# Automation fit: Acme \\| Co &lt;script&gt;alert(1)&lt;/script&gt;…");
    expect(text.split("\n")[2]).toMatch(/^Client: Acme \\\| Co &lt;script&gt;alert\(1\)&lt;\/script&gt; \\\*big\\\* \^\\\[\\\[31mred second line · /);
    const table = text.split("\n").filter((l) => l.startsWith("|"));
    expect(table).toHaveLength(6);
    for (const row of table) expect(unescapedPipes(row)).toBe(5);
    expect(table[2]).toBe("| Billing \\| invoices &lt;b&gt; | Automate | 82 | 3 of 3 |");
    expect(table[5]).toMatch(/^\| Renewal \| Insufficient \| – \| 0 of \d+ \|$/);
  });

  it("has a section per stage with verdict, reason, drivers and plays, KPIs only where automating", () => {
    expect(text).toMatch(/## Onboarding\n\n\*\*Hybrid\*\*: score 58 of 100, answered \d+ of \d+\./);
    expect(text).toMatch(/\*\*Insufficient\*\*: no score, answered 0 of \d+\./);
    expect(text).toContain("- +12.5 toward automating: Is setup the same for every customer? **Yes**. Note: Except enterprise plans");
    expect(text).toContain(
      "### What to automate in Account reviews, and the human part to keep\n\n- **Review prep**\n  - Automate: Pull usage numbers into the review deck.\n  - Human part: The conversation itself.",
    );
    expect(text.match(/^### Numbers to watch once .* is automated \(KPIs\)$/gm)).toHaveLength(2);
    expect(text).not.toContain("Numbers to watch once Account reviews is automated");
  });

  it("ends with the campaigns and how to read it, thresholds included, and one newline", () => {
    expect(text.indexOf("## Campaigns that stay human")).toBeGreaterThan(text.indexOf("## Renewal"));
    expect(text).toContain("- **Win-back &lt;i&gt;**: Talking to customers who left.");
    expect(text).toContain("at or above 65");
    expect(text).toContain("at or below 35");
    expect(text).toContain("less than 50% of the stage's weight answered");
    expect(text).toContain("A gate bounds a stage's verdict whatever its score");
    expect(text.endsWith(".\n")).toBe(true);
    expect(text.endsWith("\n\n")).toBe(false);
  });

  it("charts the scored stages under the summary table, the stage without a score named below it", () => {
    const blocks = mermaidBlocks(text);
    expect(blocks).toHaveLength(1);
    const chart = parseChart(blocks[0]!);
    expect(chart.labels).toEqual(["Billing | invoices «b>", "Onboarding", "Account reviews"]);
    expect(chart.bars).toEqual([82, 58, 20]);
    expect(chart.lines).toEqual([
      [35, 35, 35],
      [65, 65, 65],
    ]);
    expect(text.indexOf("```mermaid")).toBeGreaterThan(text.indexOf("| Renewal | Insufficient |"));
    expect(text.indexOf("```mermaid")).toBeLessThan(text.indexOf("## Billing"));
    expect(text).toContain("Lines: the thresholds, 35 (keep human at or below) and 65 (automate at or above). Not charted: Renewal (too little answered).");
  });

  it("has no chart when no stage has a score", async () => {
    const a = assessment();
    a.stages = a.stages.filter((s) => s.score === null);
    const out = renderMarkdown(a);
    expect(mermaidBlocks(out)).toEqual([]);
    expect(out).not.toContain("Not charted");
    expect(await lintErrors(out)).toEqual([]);
  });

  it("ends with a checklist of plays: both halves for every verdict (behind the scenes where a stage stays human), nothing for insufficient stages", () => {
    const list = text.slice(text.indexOf("## Checklist: what to automate, and the human part to keep"), text.indexOf("## Campaigns"));
    expect(list.split("\n").filter((l) => l.startsWith("- "))).toEqual([
      "- [ ] Billing \\| invoices &lt;b&gt;, Dunning sequence: automate — Reminders at 3, 10 and 20 days overdue.",
      "- [ ] Billing \\| invoices &lt;b&gt;, Dunning sequence: human part — A call from the account owner before anything goes to collections.",
      "- [ ] Onboarding, Welcome \\*sequence\\*: automate — Account setup, welcome e-mails and a checklist: supercalifragilisticexpialidocious-`https://example.com/a/very/long/path/that/cannot/be/wrapped/at/a/space`",
      "- [ ] Onboarding, Welcome \\*sequence\\*: human part — A kickoff call with a named person.",
      "- [ ] Account reviews, Review prep: automate behind the scenes — Pull usage numbers into the review deck.",
      "- [ ] Account reviews, Review prep: human part — The conversation itself.",
    ]);
    expect(text.indexOf("## Checklist: what to automate, and the human part to keep")).toBeGreaterThan(text.indexOf("## Renewal"));
  });

  it("names insufficient stages with plays as left out of the checklist, and has none when there are no plays", async () => {
    const a = assessment();
    a.stages[3]!.plays = [{ title: "Renewal reminder", automate: "Remind.", human: "Call.", relevance: 0 }];
    const out = renderMarkdown(a);
    expect(out).toContain("Left out until more is answered: Renewal.");
    expect(out).not.toContain("Renewal, Renewal reminder");
    expect(await lintErrors(out)).toEqual([]);
    for (const s of a.stages) s.plays = [];
    expect(renderMarkdown(a)).not.toContain("Checklist");
  });

  it("keeps a checklist item to one line whatever the play text holds", async () => {
    const a = assessment();
    a.stages[0]!.plays = [{ title: "- [x] done\n# heading", automate: "line one\n\n- item\n```", human: "[link](http://x) <i>", relevance: 0 }];
    const out = renderMarkdown(a);
    const items = out.split("\n").filter((l) => l.startsWith("- [ ] Billing"));
    expect(items).toHaveLength(2);
    expect(out).not.toContain("- [x]");
    expect(out).not.toMatch(/^#+ heading/m);
    expect(await lintErrors(out)).toEqual([]);
  });

  it("matches the snapshot", () => {
    expect(text).toMatchSnapshot();
  });
});
