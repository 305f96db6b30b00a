import { describe, expect, it } from "vitest";
import { mermaidText, scoreChart } from "../../src/report/mermaid.js";
import { parseChart } from "./mermaid-syntax.js";

const T = { automate: 65, human: 35 };

describe("scoreChart", () => {
  it("is a horizontal xychart with one bar per scored entry on a 0..100 axis and a line at each threshold", () => {
    const block = scoreChart(
      "Automation fit by stage",
      [
        { label: "Lead generation", score: 19 },
        { label: "Renewal", score: null },
        { label: "Payment collection", score: 86 },
      ],
      T,
    )!;
    const chart = parseChart(block);
    expect(chart).toEqual({
      title: "Automation fit by stage",
      labels: ["Lead generation", "Payment collection"],
      bars: [19, 86],
      lines: [
        [35, 35],
        [65, 65],
      ],
    });
  });

  it("leaves out entries with no score, and gives no chart when none has one", () => {
    expect(scoreChart("t", [{ label: "a", score: null }], T)).toBeUndefined();
    expect(scoreChart("t", [], T)).toBeUndefined();
  });

  it("keeps hostile names inside their quotes: no quote, tag, backtick, entity or line break survives", () => {
    const names = ['Say "hi" [now], ok', "a\nb\tc ```x", "#quot; &amp; <b>x</b> %% y", "]", '\\"', "\u001b[31mred", "", "x".repeat(80)];
    const chart = parseChart(
      scoreChart(
        'A "title"\nwith <b>',
        names.map((label, i) => ({ label, score: i * 10 })),
        T,
      )!,
    );
    expect(chart.labels).toEqual(["Say 'hi' [now], ok", "a b c '''x", "＃quot; &amp; ‹b›x‹/b› %% y", "]", "\\'", "^[[31mred", "–", `${"x".repeat(39)}…`]);
    expect(chart.title).toBe("A 'title' with ‹b›");
    expect(chart.bars).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
  });

  it("makes labels unique, since Mermaid draws bars with one label in one place", () => {
    const same = `${"Onboarding ".repeat(5)}`;
    const chart = parseChart(
      scoreChart(
        "t",
        [
          { label: "A", score: 1 },
          { label: "A", score: 2 },
          { label: `${same}one`, score: 3 },
          { label: `${same}two`, score: 4 },
        ],
        T,
      )!,
    );
    expect(chart.labels).toEqual(["A", "A (2)", "Onboarding Onboarding Onboarding Onboar…", "Onboarding Onboarding Onboarding Onboar… (2)"]);
  });

  it("keeps a tag whole when it cuts a long label", () => {
    const chart = parseChart(scoreChart("t", [{ label: "y".repeat(60), tag: "(then)", score: 50 }], T)!);
    expect(chart.labels).toEqual([`${"y".repeat(32)}… (then)`]);
    expect([...chart.labels[0]!]).toHaveLength(40);
  });

  it("rounds and clamps scores to the axis", () => {
    expect(
      parseChart(
        scoreChart(
          "t",
          [
            { label: "a", score: 64.6 },
            { label: "b", score: 140 },
            { label: "c", score: -3 },
          ],
          T,
        )!,
      ).bars,
    ).toEqual([65, 100, 0]);
  });
});

describe("mermaidText", () => {
  it("leaves plain text and a lone # alone", () => {
    expect(mermaidText("Tier #1 support: 100% (fast)")).toBe("Tier #1 support: 100% (fast)");
  });
});
