import { describe, expect, it } from "vitest";
import { VERDICT_COLOURS } from "../../src/report/html-chart.js";
import { mermaidText, notCharted, scoreChart } from "../../src/report/mermaid.js";
import { parseChart } from "./mermaid-syntax.js";

const T = { automate: 65, human: 35 };

describe("scoreChart", () => {
  it("is a horizontal xychart with one bar per stage with a verdict, coloured by verdict, its score in its label, and a line at each threshold", () => {
    const block = scoreChart(
      "Automation fit by stage",
      [
        { label: "Lead generation", score: 19, verdict: "human" },
        { label: "Renewal", score: null, verdict: "insufficient" },
        { label: "Onboarding", score: 80, verdict: "insufficient" },
        { label: "Payment collection", score: 86, verdict: "automate" },
        { label: "Service", score: 50, verdict: "hybrid" },
      ],
      T,
    )!;
    const chart = parseChart(block);
    expect(chart).toMatchObject({
      title: "Automation fit by stage",
      labels: ["Lead generation", "Payment collection", "Service"],
      bars: [19, 86, 50],
      lines: [
        [35, 35, 35],
        [65, 65, 65],
      ],
    });
    expect(chart.colours).toEqual([
      { colour: VERDICT_COLOURS.automate, values: [-100, 86, -100] },
      { colour: VERDICT_COLOURS.hybrid, values: [-100, -100, 50] },
      { colour: VERDICT_COLOURS.human, values: [19, -100, -100] },
    ]);
    expect(block).toContain('"Lead generation: 19"');
  });

  it("leaves out Insufficient entries, even with a score, and gives no chart when nothing is left", () => {
    expect(scoreChart("t", [{ label: "a", score: null, verdict: "insufficient" }], T)).toBeUndefined();
    expect(scoreChart("t", [{ label: "a", score: 70, verdict: "insufficient" }], T)).toBeUndefined();
    expect(scoreChart("t", [], T)).toBeUndefined();
  });

  it("tells then from now: earlier bars in one grey series, later ones by verdict", () => {
    const chart = parseChart(
      scoreChart(
        "t",
        [
          { label: "Billing", tag: "(then)", score: 40, verdict: "hybrid", earlier: true },
          { label: "Billing", tag: "(now)", score: 70, verdict: "automate" },
        ],
        T,
      )!,
    );
    expect(chart.labels).toEqual(["Billing (then)", "Billing (now)"]);
    expect(chart.colours.map((c) => c.values)).toEqual([
      [40, -100],
      [-100, 70],
    ]);
    expect(chart.colours[0]!.colour).not.toBe(VERDICT_COLOURS.hybrid);
  });

  it("writes a team's range after the median", () => {
    const chart = parseChart(scoreChart("t", [{ label: "Sales", score: 74, verdict: "automate", detail: "23-89" }], T)!);
    expect(chart.details).toEqual(["23-89"]);
  });

  it("keeps hostile names inside their quotes: no quote, tag, backtick, directive, entity or line break survives", () => {
    const names = [
      'Say "hi" [now], ok',
      "a\nb\tc ```x",
      "#quot; &amp; <b>x</b> %% y",
      "%%{init: {'theme':'dark'}}%%",
      "Sales %%{ x",
      "]",
      '\\"',
      "\u001b[31mred",
      "",
      "x".repeat(80),
      "Tarifs → 2025 ▲ Ｗide",
    ];
    const block = scoreChart(
      '%%{init: {"theme": "dark"}}%% A "title"\nwith <b>',
      names.map((label, i) => ({ label, score: i * 5 + 1, verdict: "hybrid" as const })),
      T,
    )!;
    const chart = parseChart(block);
    expect(chart.labels).toEqual([
      "Say 'hi' [now], ok",
      "a b c '''x",
      "# quot; &amp; «b>x«/b> % % y",
      "% %{init: {'theme':'dark'}}% %",
      "Sales % %{ x",
      "]",
      "\\'",
      "^[[31mred",
      "-",
      `${"x".repeat(39)}…`,
      "Tarifs -> 2025 + Wide",
    ]);
    expect(chart.title).toBe("% %{init: {'theme': 'dark'}}% % A 'title' with «b>");
    // only the chart's own directive and comment
    expect(block.split("\n").filter((l) => l.includes("%%"))).toEqual([expect.stringMatching(/^%%\{init: /), expect.stringMatching(/^ {4}%% the first bars/)]);
  });

  it("makes labels unique, since Mermaid draws bars with one label in one place", () => {
    const same = `${"Onboarding ".repeat(5)}`;
    const chart = parseChart(
      scoreChart(
        "t",
        [
          { label: "A", score: 1, verdict: "human" },
          { label: "A", score: 2, verdict: "human" },
          { label: `${same}one`, score: 3, verdict: "human" },
          { label: `${same}two`, score: 4, verdict: "human" },
        ],
        T,
      )!,
    );
    expect(chart.labels).toEqual(["A", "A (2)", "Onboarding Onboarding Onboarding Onboar…", "Onboarding Onboarding Onboarding Onboar… (2)"]);
  });

  it("keeps a tag whole when it cuts a long label", () => {
    const chart = parseChart(scoreChart("t", [{ label: "y".repeat(60), tag: "(then)", score: 50, verdict: "hybrid" }], T)!);
    expect(chart.labels).toEqual([`${"y".repeat(32)}… (then)`]);
    expect([...chart.labels[0]!]).toHaveLength(40);
  });

  it("rounds and clamps scores to the axis", () => {
    expect(
      parseChart(
        scoreChart(
          "t",
          [
            { label: "a", score: 64.6, verdict: "hybrid" },
            { label: "b", score: 140, verdict: "automate" },
            { label: "c", score: -3, verdict: "human" },
          ],
          T,
        )!,
      ).bars,
    ).toEqual([65, 100, 0]);
  });
});

describe("mermaidText", () => {
  it("leaves plain text, a lone # and a lone % alone", () => {
    expect(mermaidText("Tier #1 support: 100% (fast)")).toBe("Tier #1 support: 100% (fast)");
  });

  it("breaks every run of % however long", () => {
    expect(mermaidText("%%%%%{")).not.toContain("%%");
  });
});

describe("notCharted", () => {
  it("names what the chart leaves out and why: too little answered, does not apply, or a reason given", () => {
    expect(
      notCharted([
        { label: "Billing", verdict: "automate", score: 80 },
        { label: "Renewal", verdict: "insufficient", score: 70 },
        { label: "Field visits", verdict: "not-applicable", score: null },
        { label: "Support (then)", verdict: "insufficient", score: null, why: "not in that assessment" },
      ]),
    ).toBe("Not charted: Renewal (too little answered), Field visits (does not apply), Support (then) (not in that assessment).");
    expect(notCharted([{ label: "Billing", verdict: "human", score: 0 }])).toBe("");
  });

  it("charts no not-applicable stage", () => {
    expect(scoreChart("t", [{ label: "a", score: 50, verdict: "not-applicable" }], T)).toBeUndefined();
  });
});
