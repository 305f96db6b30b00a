import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { renderCompareHtml, renderHtml, renderTeamHtml } from "../../src/report/html.js";
import { escapeHtml } from "../../src/text.js";
import { aggregate } from "../../src/score/aggregate.js";
import { encodeAnswers } from "../../src/model/respondent.js";
import { compare } from "../../src/score/compare.js";
import { watchKpis } from "../../src/score/kpis.js";
import { withPlan } from "../../src/score/plan.js";
import { assess } from "../../src/score/score.js";
import { example } from "../cli/run.js";
import { assessment } from "./fixtures.js";

const set = await loadQuestionSet().then(orThrow);
const load = (file: string) => loadAnswers(example(file), set).then(orThrow);
const enterprise = await load("enterprise-services.yaml");
const planned = withPlan(assess(set, enterprise), {
  set,
  sizing: { "service-calls": { timesPerMonth: 120, minutes: 20 }, "renewal-calls": { timesPerMonth: 10, minutes: 60 } },
  start: "2026-01-05",
});
// a report with its plan and a KPI log beside it: a renewal rate past its tripwire
const single = {
  ...planned,
  kpiWatch: watchKpis(
    [
      {
        id: "renewal-rate",
        owner: "Dana",
        readings: [
          { date: "2026-01-05", value: 91 },
          { date: "2026-03-05", value: 87 },
        ],
      },
      { id: "attrition", readings: [] },
    ],
    planned,
    set,
  ),
};
const teamFiles = ["founder.yaml", "head-of-sales.yaml", "support-lead.yaml"];
const team = aggregate(
  set,
  await Promise.all(
    teamFiles.map(async (f) => {
      const a = await load(join("team", f));
      return { name: a.assessor ?? f, ...(a.role ? { role: a.role } : {}), file: f, answers: encodeAnswers(set, a.answers) };
    }),
  ),
);
const [before, after] = await Promise.all(["progress/before.yaml", "progress/after.yaml"].map(load));
const progress = compare(
  { file: "before.yaml", kind: "answers", assessment: assess(set, before!), answers: before! },
  { file: "after.yaml", kind: "answers", assessment: assess(set, after!), answers: after! },
  set,
);

/** Fields that are keys or values of the set, not text for a reader: ids, answer values, enums. */
const NOT_SHOWN =
  /(^|\.)(id|questionId|cappedBy|raisedBy|answer|value|signal|verdict|kind|file|stages\.\d+|stageId|campaignId|stageIds\.\d+|planStart|direction|unit)$|^(set\.version|before\.file|after\.file)$|(^|\.)(kpis\.\d+\.stages\.\d+|items\.\d+\.kpis\.\d+)$/;

/** Every string of a model replaced by markup, an OSC 52 clipboard write and a bidi override, each tagged by its path. */
function hostile<T>(model: T): { model: T; paths: string[] } {
  const paths: string[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === "string") {
      if (NOT_SHOWN.test(path) || path === "date" || /\.date$/.test(path)) return v;
      paths.push(path);
      return `<x-evil n="${paths.length - 1}">&amp;'\u001b]52;c;ZXZpbA==\u0007\u202e`;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}.${i}`));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, path ? `${path}.${k}` : k)]));
    return v;
  };
  return { model: walk(model, "") as T, paths };
}

function expectInert(html: string): void {
  expect(html).not.toContain("<x-evil");
  expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
}

function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/<script|<link|<iframe|<img|<object|@import|url\(|\b(src|href|srcset)=/i);
  // the one URL is the SVG namespace, which is never fetched
  for (const url of html.match(/\b(?:https?|ftp):\/\/[^\s"'<>]*/g) ?? []) expect(url).toBe("http://www.w3.org/2000/svg");
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
}

describe("escapeHtml", () => {
  it("escapes the markup characters and makes control and bidi characters visible", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
    expect(escapeHtml("a\u001b[2Jb\u202ec\nd")).toBe("a^[[2Jb<U+202E>c d".replace(/</g, "&#60;").replace(/>/g, "&#62;"));
  });
});

describe("renderHtml", () => {
  it("is one self-contained page: cover, summary with chart, a section per stage, method and every answer", () => {
    const html = renderHtml(single);
    expectSelfContained(html);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain(`<h1>${escapeHtml(single.client!)}</h1>`);
    for (const fact of [single.assessor!, single.date!, "Customer lifecycle automation fit (question set v2.1.0)"]) expect(html).toContain(escapeHtml(fact));
    expect(html).toContain("<h2>Executive summary</h2>");
    expect(html.match(/<section class="stage"/g)).toHaveLength(single.stages.length);
    expect(html).toContain("<h2>How the score works</h2>");
    // every question of the set in the appendix, with its answer
    const appendix = html.slice(html.indexOf("Appendix: every answer"));
    for (const q of set.questions) expect(appendix).toContain(escapeHtml(q.text));
    expect(appendix.match(/<tr>/g)).toHaveLength(set.questions.length + 1);
    // the print stylesheet: a page per stage, no row or play cut across pages
    expect(html).toMatch(/@media print \{[\s\S]*section\.stage[^}]*break-before: page/);
    expect(html).toMatch(/tr, \.keep, figure, \.play, dl \{ break-inside: avoid; \}/);
  });

  it("charts every scored stage in its verdict's colour with its score, the thresholds, and says which stages have no reliable score", () => {
    const a = assessment();
    const renewal = a.stages.find((s) => s.verdict === "insufficient")!;
    const na = { ...renewal, id: "na", name: "Field visits", counts: { questions: 2, answered: 0, unsure: 0, notApplicable: 2, unanswered: 0 } };
    const html = renderHtml({ ...a, stages: [...a.stages, { ...renewal, score: 90, confidence: 0.2 }, na] });
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>"));
    expect([...svg.matchAll(/class="data-label"[^>]*>(\d+)</g)].map((m) => m[1])).toEqual(["82", "58", "20"]);
    expect(svg).toContain('fill="#1e7b4f"');
    expect(svg).toContain('fill="#b86e00"');
    expect(svg).toContain('fill="#3a4fa3"');
    // an insufficient stage is not drawn at its unreliable score
    expect(svg).not.toContain(">90<");
    expect(svg.match(/Insufficient: too little answered/g)).toHaveLength(2);
    expect(svg).toContain("Does not apply");
    // each row draws its own two cut marks
    expect(svg.match(/class="threshold"/g)).toHaveLength(2 * (a.stages.length + 2));
    expect(svg).toContain("keep human at or below 35");
    expect(svg).toContain("automate at or above 65");
  });

  it("renders the advice and plan the model carries when present", () => {
    const a = assessment();
    const planned = withPlan(a, {
      set: { kpis: [], campaigns: [{ id: "check-ups", name: "Check-up calls", description: "Just listen.", every: "quarter" }] },
      start: "2025-03-17",
    });
    const withAdvice = {
      ...planned,
      kpiWatch: [
        {
          id: "dso",
          name: "Days sales outstanding",
          measure: null,
          owner: "Dana",
          review: null,
          readings: [
            { date: "2025-03-17", value: 30 },
            { date: "2025-05-17", value: 41 },
          ],
          baseline: 30,
          latest: 41,
          change: 11,
          tripwire: { direction: "up" as const, size: 5, unit: "points" as const },
          alert: true,
          stageIds: ["billing"],
          restore: [{ stageId: "billing", humanPart: "A call from the account owner." }],
          message: "ALARM: Days sales outstanding is up 11 points since the baseline.",
        },
      ],
      stages: planned.stages.map((s, i) => (i === 0 ? { ...s, flipText: "A no to auto-pay would make this hybrid.", risk: "The call before collections" } : s)),
    };
    const html = renderHtml(withAdvice);
    expect(html).toContain(`<h3>What to do first</h3>\n<ol class="first"><li>${escapeHtml(planned.summary![0]!.text)}</li>`);
    expect(html).toContain("<h3>What would change the verdict</h3>");
    expect(html).toContain("<h3>What you risk losing</h3>");
    expect(html).toContain("<strong>Billing &#124; invoices &#60;b&#62;: Dunning sequence</strong>".replace("&#124;", "|"));
    expect(html).toContain('<p class="alarm keep"><strong>ALARM: Days sales outstanding is up 11 points since the baseline.</strong></p>');
    expect(html).toContain("Check-up calls</strong> by 2025-05-16, then every quarter");
    expect(html.indexOf("KPI watch")).toBeLessThan(html.indexOf("Executive summary"));
    expect(renderHtml(a)).not.toContain("What would change the verdict");
    expect(renderHtml(a)).not.toContain("Roadmap");
  });

  it("shows every text field of a single report, escaped", () => {
    const { model, paths } = hostile(single);
    const html = renderHtml(model);
    expectInert(html);
    const missing = paths.filter((_, i) => !html.includes(`&#60;x-evil n=&#34;${i}&#34;&#62;`));
    // drivers repeat the appendix's questions and notes; campaign and KPI ids are not text;
    // a play's when/unless conditions, the gates it closes and a flip's changes are ids and scale values (flipText says them in words);
    // a task's effort is in its why; the calendar is the campaigns' dates, found by a campaign's id (which the hostile
    // model replaces on each side apart); a KPI's message is its table row in words, shown as such for an alarm only (kpiWatch.1 has none)
    const repeated =
      /^stages\.\d+\.(drivers\.\d+\.(question|answerLabel)|kpis\.\d+\.name|plays\.\d+\.(when|unless|closes)\..+|flip(OtherWay)?\..+|flipSearch)$|^roadmap\.\d+\.items\.\d+\.effort$|^calendar\.|^campaigns\.\d+\.every$|^kpiWatch\.1\.message$/;
    expect(missing.filter((p) => !repeated.test(p))).toEqual([]);
  });
});

describe("renderTeamHtml and renderCompareHtml", () => {
  it("a team: every stage, the range on the chart, respondents by name and never by file", () => {
    const html = renderTeamHtml({ ...team, client: "ClinicFlow" });
    expectSelfContained(html);
    expect(html.match(/<section class="stage"/g)).toHaveLength(team.stages.length);
    expect(html.match(/<g class="range"/g)).toHaveLength(team.stages.filter((s) => s.spread && s.verdict !== "insufficient").length);
    for (const r of team.respondents) expect(html).toContain(escapeHtml(r.name));
    expect(html).not.toContain(".yaml");
  });

  it("a team shows every text field, escaped", () => {
    const { model } = hostile(team);
    expectInert(renderTeamHtml(model));
  });

  it("a comparison tells then from now on the chart, and escapes every field", () => {
    const html = renderCompareHtml(progress);
    expectSelfContained(html);
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>"));
    expect(svg.match(/>then \d+</g)?.length).toBe(progress.stages.length);
    expect(svg.match(/>now \d+</g)?.length).toBe(progress.stages.length);
    expect(svg.match(/fill-opacity="0.4"/g)?.length).toBe(progress.stages.length);
    expectInert(renderCompareHtml(hostile(progress).model));
  });
});

describe("renderHtml: advice and stages without a recommendation", () => {
  it("marks a stage on the edge, and puts the warnings first", () => {
    const a = assessment();
    a.stages[0] = { ...a.stages[0]!, flipText: "A no to auto-pay would make this hybrid.", edge: true };
    const html = renderHtml({ ...a, warnings: [{ kind: "contradiction", questionIds: ["a", "b"], message: "You said <yes> to both." }] });
    expect(html).toContain('<p><strong class="edge">On the edge:</strong> A no to auto-pay would make this hybrid.</p>');
    expect(html.indexOf("<h2>Check these answers first</h2>")).toBeLessThan(html.indexOf("<h2>Executive summary</h2>"));
    expect(html).toContain("<li>You said &#60;yes&#62; to both.</li>");
    expect(renderHtml(assessment())).not.toContain("Check these answers first");
  });

  it("draws no bar for a not-applicable stage and says why", () => {
    const a = assessment();
    a.stages[2] = { ...a.stages[2]!, verdict: "not-applicable", score: null };
    const svg = renderHtml(a).match(/<svg[\s\S]*<\/svg>/)![0];
    expect(svg).toContain("Does not apply: every question was answered n/a");
    expect([...svg.matchAll(/class="data-label"[^>]*>(\d+)</g)].map((m) => m[1])).toEqual(["82", "58"]);
  });
});
