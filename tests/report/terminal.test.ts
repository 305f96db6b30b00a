import { describe, expect, it } from "vitest";
import { renderTerminal } from "../../src/report/terminal.js";
import { displayWidth } from "../../src/text.js";
import { assessment } from "./fixtures.js";

const lines = (text: string) => text.replace(/\n$/, "").split("\n");
const wide = (text: string, width: number) => lines(text).filter((l) => displayWidth(l) > width);

describe("renderTerminal without colour", () => {
  const text = renderTerminal(assessment(), { color: false });

  it("has no escape codes at all", () => {
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\u009b");
    expect(text).not.toContain("\u0007");
  });

  it("shows the hostile escapes as harmless visible text", () => {
    expect(text).toContain("^[[31mred second line");
    expect(text).toContain("^[]0;pwned^G");
    expect(text).toContain("<U+009B>2J");
  });

  it.each([80, 60, 45, 30])("fits %i columns", (width) => {
    const out = width === 80 ? text : renderTerminal(assessment(), { color: false, width });
    expect(wide(out, width)).toEqual([]);
    expect(lines(out).filter((l) => /\s$/.test(l))).toEqual([]);
  });

  it("fits the width with wide characters too", () => {
    const a = assessment();
    a.stages = a.stages.map((s) => ({ ...s, name: `${s.name} 日本語のオンボーディング`, reason: `${s.reason} 🚀🚀🚀 顧客対応の自動化は人のサービスを支えるものです` }));
    for (const width of [80, 41]) expect(wide(renderTerminal(a, { color: false, width }), width)).toEqual([]);
  });

  it("fits 80 columns by default", () => {
    expect(lines(text).some((l) => displayWidth(l) > 70)).toBe(true);
    expect(wide(text, 80)).toEqual([]);
  });

  it("puts every stage in the summary with its score, verdict and questions answered", () => {
    const summary = lines(text);
    const row = (name: string) => summary.find((l) => l.trimStart().startsWith(name) && /\d+ of \d+$/.test(l));
    expect(row("Billing | invoices <b>")).toMatch(/█{16}░{4}\s+82\s+Automate\s+3 of 3$/);
    expect(row("Onboarding")).toMatch(/58\s+Hybrid\s+\d+ of \d+$/);
    expect(row("Account reviews")).toMatch(/20\s+Keep human\s+\d+ of \d+$/);
    expect(row("Renewal")).toMatch(/·{20}\s+–\s+Insufficient\s+0 of \d+$/);
    expect(text.replace(/\s+/g, " ")).toContain('Answered: questions with an answer; "Not sure" and "Does not apply" do not count.');
  });

  it("stacks the summary when the names leave no room for a row", () => {
    const narrow = lines(renderTerminal(assessment(), { color: false, width: 60 }));
    const at = narrow.indexOf("  Billing | invoices <b>");
    expect(at).toBeGreaterThan(0);
    expect(narrow[at + 1]).toBe("    ████████░░ 82 Automate answered 3 of 3");
  });

  it("explains each stage: drivers, notes, plays, and KPIs only where automating", () => {
    expect(text).toContain("▲ +25.0 Do most customers pay by card or direct debit? — Yes");
    expect(text).toContain("▼ -30.0 Is each review tailored? — Yes");
    expect(text).toContain("Note: Except enterprise plans");
    expect(text).toContain("Human part: A kickoff call with a named person.");
    const kpiSections = lines(text).filter((l) => l.trim() === "Numbers to watch once it is automated (KPIs)");
    expect(kpiSections).toHaveLength(2);
    const reviews = text.slice(text.indexOf("Account reviews ·"), text.indexOf("Renewal ·"));
    expect(reviews).not.toContain("KPIs");
  });

  it("ends with the campaigns that stay human", () => {
    const tail = text.slice(text.indexOf("Campaigns that stay human whatever the scores"));
    expect(tail).toContain("• Bad news: Price rises");
    expect(tail).toContain("• Win-back <i>: Talking to customers who left.");
    expect(text.endsWith("left.\n")).toBe(true);
  });

  it("cuts a word longer than the line instead of overflowing", () => {
    expect(text).toMatch(/supercalifragilisticexpialidocious-https:\/\/example\.com\/a\/very\/long\/path\/\n\s+that\/cannot/);
  });

  it("matches the snapshot", () => {
    expect(text).toMatchSnapshot();
  });
});

describe("renderTerminal with colour", () => {
  const text = renderTerminal(assessment(), { color: true });

  it("colours the verdicts", () => {
    expect(text).toContain("\u001b[32mAutomate");
    expect(text).toContain("\u001b[33mHybrid");
    expect(text).toContain("\u001b[94mKeep human");
  });

  it("still carries no escape from the files and fits the width once codes are stripped", () => {
    // eslint-disable-next-line no-control-regex
    const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
    expect(plain).not.toContain("\u001b");
    expect(plain).toBe(renderTerminal(assessment(), { color: false }));
    expect(wide(plain, 80)).toEqual([]);
  });
});
