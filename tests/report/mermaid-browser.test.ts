import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Answers } from "../../src/model/answers.js";
import type { QuestionSet } from "../../src/model/question-set.js";
import { encodeAnswers } from "../../src/model/respondent.js";
import type { Verdict } from "../../src/model/verdict.js";
import { renderCompareMarkdown } from "../../src/report/compare-markdown.js";
import { VERDICT_COLOURS } from "../../src/report/html-chart.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderTeamMarkdown } from "../../src/report/team-markdown.js";
import { aggregate } from "../../src/score/aggregate.js";
import { compare } from "../../src/score/compare.js";
import { assess } from "../../src/score/score.js";
import { fixture } from "../cli/run.js";
import { browserTestRuns, launchChromium, missingForBrowser } from "./chromium.js";
import { mermaidBlocks } from "./mermaid-syntax.js";

// The Markdown reports' Mermaid charts drawn by Mermaid itself (the 11.x line GitHub and pandoc filters run), loaded from
// node_modules into a page of Debian's chromium that may fetch nothing: each parses, and draws what the report says.
const MERMAID = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");
const missing = missingForBrowser();
const RECOMMENDED: readonly Verdict[] = ["automate", "hybrid", "human"];

const builtIn = await loadQuestionSet().then(orThrow);
// the built-in set as a consultant might adapt it, two stages with cut-offs of their own (the built-in set has none)
const OWN: Record<string, { automate?: number; human?: number }> = { "payment-collection": { human: 30, automate: 62 }, "maintenance-calls": { human: 25 } };
const set: QuestionSet = { ...builtIn, stages: builtIn.stages.map((s) => (OWN[s.id] ? { ...s, thresholds: OWN[s.id] } : s)) };
const profile = (name: string) => loadAnswers(new URL(`../panel/profiles/${name}.yaml`, import.meta.url).pathname, set).then(orThrow);
// the plumber's stages get all three verdicts between them
const plumber = await profile("family-plumber");
const panel = await Promise.all(["family-plumber", "law-boutique", "gym-chain", "saas-budgeting-app", "dental-clinic"].map(profile));

/** One bar as the report means it: its label's text, score, colour, and the cut-offs the lines mark at it. */
interface Expected {
  label: string;
  score: number;
  colour?: string;
  /** A then-bar of a comparison: grey, one colour for all. */
  earlier?: boolean;
  cut: { human: number; automate: number };
}

/** What Mermaid drew, read from its SVG. */
interface Drawn {
  title: string;
  labels: string[];
  /** Per series, in order: the bars' fill, where they end on the x axis, and their width (not positive: no bar). */
  series: { fill: string; end: number[]; width: number[]; dataLabels: string[] }[];
  /** The two threshold lines: each point's x, a point per bar. */
  lines: number[][];
  texts: string[];
}

describe.runIf(browserTestRuns("Mermaid browser test", missing))("the Markdown's Mermaid charts, drawn by Mermaid in Chromium", () => {
  let browser: Browser | undefined;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    expect(missing, `CI=true: the Mermaid browser test must run, but ${missing.join(" and ")} is not installed (.ci/run installs it)`).toEqual([]);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.route("**/*", (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ path: MERMAID });
    await page.evaluate(() => (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: "strict" }));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  let id = 0;
  /** Renders a ```mermaid block as a page would (the fence off, the rest as written); Mermaid rejects what it cannot parse. */
  async function draw(block: string): Promise<Drawn> {
    const text = block.split("\n").slice(1, -1).join("\n");
    return page.evaluate(
      async ([source, name]) => {
        const { svg } = await (globalThis as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid.render(name, source);
        document.body.innerHTML = svg;
        const root = document.querySelector("svg")!;
        const num = (e: Element, a: string) => Number(e.getAttribute(a));
        const plots = [...root.querySelectorAll("g[class^='bar-plot-']")];
        return {
          title: root.querySelector("g.chart-title text")?.textContent ?? "",
          labels: [...root.querySelectorAll("g.left-axis g.label text")].map((t) => t.textContent ?? ""),
          series: plots.map((g) => {
            const rects = [...g.querySelectorAll("rect")];
            return {
              fill: rects[0]?.getAttribute("fill") ?? "",
              end: rects.map((r) => num(r, "x") + num(r, "width")),
              width: rects.map((r) => num(r, "width")),
              dataLabels: [...g.querySelectorAll("text")].map((t) => t.textContent ?? ""),
            };
          }),
          lines: [...root.querySelectorAll("g[class^='line-plot-'] path")].map((p) => [...(p.getAttribute("d") ?? "").matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]))),
          texts: [...root.querySelectorAll("text")].map((t) => t.textContent ?? ""),
        };
      },
      [text, `chart${++id}`] as const,
    );
  }

  /** Checks a drawn chart against the bars the report means, in order. */
  function expectDrawn(drawn: Drawn, title: string, bars: Expected[]) {
    expect(drawn.title).toBe(title);
    expect(drawn.labels).toEqual(bars.map((b) => b.label));
    const [all, ...coloured] = drawn.series;
    // the first series holds every score: its bars end on one linear scale, where the lines are read too
    const at = (i: number) => all!.end[i]!;
    const scores = bars.map((b) => b.score);
    const [low, high] = [scores.indexOf(Math.min(...scores)), scores.indexOf(Math.max(...scores))];
    expect(scores[high]!, "two scores apart, to read the scale from").toBeGreaterThan(scores[low]!);
    const perPoint = (at(high) - at(low)) / (scores[high]! - scores[low]!);
    const valueAt = (x: number) => scores[low]! + (x - at(low)) / perPoint;
    expect(bars.map((_, i) => Math.round(valueAt(at(i))))).toEqual(scores);
    // each bar drawn once more over it in its own colour, as long: the verdict's, or the grey of then
    bars.forEach((b, i) => {
      const over = coloured.filter((s) => s.width[i]! > 0);
      expect(
        over.map((s) => s.fill),
        b.label,
      ).toEqual([b.earlier ? over[0]?.fill : b.colour]);
      expect(over[0]!.end[i]).toBeCloseTo(at(i), 1);
      if (b.earlier) expect(Object.values(VERDICT_COLOURS)).not.toContain(over[0]!.fill);
    });
    // data labels show the scores of the bars drawn, never the stand-in value of a bar not drawn
    for (const s of coloured) expect(s.dataLabels).toEqual(bars.filter((_, i) => s.width[i]! > 0).map((b) => String(b.score)));
    expect(drawn.texts).not.toContain("-100");
    // the two threshold lines step to each bar's cut-offs
    expect(drawn.lines).toHaveLength(2);
    for (const [k, line] of drawn.lines.entries()) {
      expect(line.map((x) => Math.round(valueAt(x)))).toEqual(bars.map((b) => (k === 0 ? b.cut.human : b.cut.automate)));
    }
  }

  const charted = <S extends { score: number | null; verdict: Verdict }>(stages: S[]) => stages.filter((s) => s.score !== null && RECOMMENDED.includes(s.verdict));

  it("a single report's chart: a bar per stage in its verdict's colour, its score, the lines at its own cut-offs", async () => {
    const a = assess(set, plumber);
    const [block] = mermaidBlocks(renderMarkdown(a));
    const bars = charted(a.stages).map((s) => ({ label: `${s.name}: ${s.score}`, score: s.score!, colour: VERDICT_COLOURS[s.verdict], cut: s.thresholds }));
    expect(new Set(bars.map((b) => b.colour)).size).toBe(3);
    expect(new Set(bars.map((b) => b.cut.human)).size).toBeGreaterThan(1);
    expectDrawn(await draw(block!), "Automation fit by stage", bars);
  });

  it("a team report's chart: the medians, each label with the range", async () => {
    const t = aggregate(
      set,
      panel.map((p, i) => ({ name: `Person ${i + 1}`, file: `p${i + 1}.yaml`, answers: encodeAnswers(set, p.answers) })),
    );
    const [block] = mermaidBlocks(renderTeamMarkdown(t));
    const drawn = await draw(block!);
    const stages = t.stages.filter((s) => s.median !== null && RECOMMENDED.includes(s.verdict));
    const bars = stages.map((s) => ({ label: drawn.labels[stages.indexOf(s)]!, score: s.median!, colour: VERDICT_COLOURS[s.verdict], cut: s.thresholds ?? t.thresholds }));
    for (const [i, s] of stages.entries()) expect(drawn.labels[i]).toBe(`${s.name}: ${s.median} (${s.spread!.min}-${s.spread!.max})`);
    expectDrawn(drawn, "Team median by stage, with the range", bars);
  });

  it("a comparison's chart: then in grey and now in its verdict's colour, side by side, at each stage's cut-offs", async () => {
    const dropped = Object.keys(plumber.answers).slice(0, 6);
    const then: Answers = { ...plumber, date: "2026-05-01", answers: Object.fromEntries(Object.entries(plumber.answers).filter(([q]) => !dropped.includes(q))) };
    const now: Answers = { ...plumber, date: "2026-11-20" };
    const side = (file: string, answers: Answers) => ({ file, kind: "answers" as const, assessment: assess(set, answers), answers });
    const c = compare(side("then.yaml", then), side("now.yaml", now), set);
    const [block] = mermaidBlocks(renderCompareMarkdown(c));
    const bars = c.stages.flatMap((s) =>
      (
        [
          ["then", s.before],
          ["now", s.after],
        ] as const
      ).flatMap(([tag, p]) =>
        p?.score != null && RECOMMENDED.includes(p.verdict)
          ? [{ label: `${s.name} (${tag}): ${p.score}`, score: p.score, earlier: tag === "then", colour: VERDICT_COLOURS[p.verdict], cut: s.thresholds! }]
          : [],
      ),
    );
    expect(bars.some((b) => b.earlier)).toBe(true);
    expectDrawn(await draw(block!), "Scores then (2026-05-01) and now (2026-11-20)", bars);
  });

  it("stage names that try to restyle the chart are drawn as text, and the chart keeps its own colours (F26)", async () => {
    const mini = await loadQuestionSet(fixture("mini")).then(orThrow);
    const hostile: QuestionSet = {
      ...mini,
      stages: mini.stages.map((s, i) => ({
        ...s,
        name: i ? 'Sales %%{ x" ] --> 0 `#quot;' : "%%{init: {'theme':'dark','themeVariables':{'xyChart':{'plotColorPalette':'#ff0000'}}}}%% Billing",
      })),
    };
    const a = assess(hostile, { answers: { "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "yes", "specific-problems": "partly" }, notes: {} });
    const [block] = mermaidBlocks(renderMarkdown(a));
    const drawn = await draw(block!);
    const bars = charted(a.stages).map((s, i) => ({ label: drawn.labels[i]!, score: s.score!, colour: VERDICT_COLOURS[s.verdict], cut: s.thresholds }));
    // a long name is cut (with '…') before its score, which stays
    expect(drawn.labels[0]).toMatch(/^% %\{init: \{'theme':'dark',[^…]*…: \d+$/);
    expect(drawn.labels[1]).toMatch(/^Sales % %\{ x' \] --> 0 '# quot;: \d+$/);
    expectDrawn(drawn, "Automation fit by stage", bars);
    expect(drawn.series.map((s) => s.fill)).not.toContain("#ff0000");
  });

  it("fetched nothing", () => {
    expect(requests).toEqual([]);
  });
});
