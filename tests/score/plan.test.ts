import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Assessment, StageAssessment } from "../../src/model/report.js";
import type { Effort, Play } from "../../src/model/question-set.js";
import { addMonths, campaignCalendar, plan, rankPlays, sizeStages, withKpiAlarms } from "../../src/score/plan.js";
import type { KpiWatch } from "../../src/model/plan.js";
import { assess } from "../../src/score/score.js";

const shares = { automate: 0.8, hybrid: 0.5, human: 0.2 };
const counts = { questions: 3, answered: 3, unsure: 0, notApplicable: 0, unanswered: 0 };
const play = (title: string, effort?: Effort): Play => ({ title, automate: `Automate ${title}.`, human: `Human part of ${title}.`, ...(effort ? { effort } : {}) });

function stage(id: string, verdict: string, score: number | null, plays: Play[]): StageAssessment {
  return {
    id,
    name: id,
    description: "",
    score,
    verdict: verdict as StageAssessment["verdict"],
    thresholds: { automate: 65, human: 35 },
    confidence: 1,
    reason: "",
    drivers: [],
    counts,
    plays,
    kpis: [],
    cappedBy: null,
    raisedBy: null,
    flip: null,
    flipOtherWay: null,
    flipText: null,
    edge: false,
    flipSearch: "exact",
  };
}

function assessment(stages: StageAssessment[]): Assessment {
  return {
    schemaVersion: 2,
    set: { name: "t" },
    thresholds: { automate: 65, human: 35, minConfidence: 0.5 },
    stages,
    campaigns: [],
    warnings: [],
    summary: [],
    roadmap: [],
    kpiWatch: [],
  };
}

const set = { kpis: [{ id: "renewal-rate", name: "Renewal rate", watch: "?", stages: ["renewals"] }], campaigns: [], automatableShare: shares };

describe("sizing: hours freed a month", () => {
  it("is times a month x minutes / 60 x the verdict's automatable share, per stage and in total", () => {
    const stages = [stage("billing", "automate", 90, []), stage("support", "hybrid", 50, []), stage("visits", "human", 10, [])];
    const sized = sizeStages(
      stages,
      { billing: { timesPerMonth: 150, minutes: 8 }, support: { timesPerMonth: 120, minutes: 20 }, visits: { timesPerMonth: 80, minutes: 15 } },
      shares,
    );
    // 150 x 8 / 60 x 0.8 = 16; 120 x 20 / 60 x 0.5 = 20; 80 x 15 / 60 x 0.2 = 4
    expect(sized?.stages.map((s) => [s.stageId, s.share, s.hoursPerMonth])).toEqual([
      ["billing", 0.8, 16],
      ["support", 0.5, 20],
      ["visits", 0.2, 4],
    ]);
    expect(sized?.totalHoursPerMonth).toBe(40);
    expect(sized?.shares).toEqual(shares);
  });

  it("rounds each stage to a tenth but totals the unrounded hours", () => {
    const stages = [stage("a", "hybrid", 50, []), stage("b", "hybrid", 50, [])];
    // each 25 x 5 / 60 x 0.5 = 1.041666...: shown 1, total 2.083 -> 2.1
    const sized = sizeStages(stages, { a: { timesPerMonth: 25, minutes: 5 }, b: { timesPerMonth: 25, minutes: 5 } }, shares);
    expect(sized?.stages.map((s) => s.hoursPerMonth)).toEqual([1, 1]);
    expect(sized?.totalHoursPerMonth).toBe(2.1);
  });

  it("frees nothing where a stage does not apply, and leaves a stage without a verdict out of the total", () => {
    const stages = [stage("gone", "not-applicable", null, []), stage("open", "insufficient", null, []), stage("billing", "automate", 90, [])];
    const sized = sizeStages(stages, { gone: { timesPerMonth: 10, minutes: 60 }, open: { timesPerMonth: 10, minutes: 60 }, billing: { timesPerMonth: 60, minutes: 10 } }, shares);
    expect(sized?.stages.map((s) => [s.stageId, s.share, s.hoursPerMonth])).toEqual([
      ["gone", 0, 0],
      ["open", null, null],
      ["billing", 0.8, 8],
    ]);
    expect(sized?.totalHoursPerMonth).toBe(8);
  });

  it("is null when the answers size no stage", () => {
    expect(sizeStages([stage("a", "automate", 90, [])], undefined, shares)).toBeNull();
    expect(sizeStages([stage("a", "automate", 90, [])], {}, shares)).toBeNull();
  });
});

describe("the roadmap's ranking", () => {
  it("puts quick wins first: high fit and small effort; a large play waits behind a small one of a poorer fit", () => {
    const a = assessment([
      stage("low-fit", "human", 10, [play("low small", "small")]),
      stage("high-fit", "automate", 90, [play("high large", "large"), play("high medium", "medium"), play("high small", "small")]),
    ]);
    expect(rankPlays(a, { set }, null).map((i) => i.play)).toEqual(["high small", "high medium", "low small", "high large"]);
  });

  it("lifts the busier stage when two fit alike", () => {
    const a = assessment([stage("quiet", "hybrid", 60, [play("quiet play", "small")]), stage("busy", "hybrid", 60, [play("busy play", "small")])]);
    const sizing = { quiet: { timesPerMonth: 5, minutes: 10 }, busy: { timesPerMonth: 200, minutes: 10 } };
    expect(rankPlays(a, { set, sizing }, sizeStages(a.stages, sizing, shares)).map((i) => i.play)).toEqual(["busy play", "quiet play"]);
  });

  it("takes nothing from a stage that does not apply or has no verdict", () => {
    const a = assessment([
      stage("gone", "not-applicable", null, [play("gone play", "small")]),
      stage("open", "insufficient", null, [play("open play", "small")]),
      stage("billing", "automate", 80, [play("billing play")]),
    ]);
    const p = plan(a, { set, start: "2027-01-04" });
    const all = p.roadmap.flatMap((phase) => phase.items);
    expect(all.map((i) => i.stageId)).toEqual(["billing"]);
    expect(p.summary.some((s) => s.stageId === "gone")).toBe(false);
  });

  it("never puts a large play in the first 30 days, keeps the first phase to five, at most two of a stage", () => {
    const stages = ["a", "b", "c", "d"].map((id) =>
      stage(id, "automate", 95, [play(`${id} big`, "large"), play(`${id}1`, "small"), play(`${id}2`, "small"), play(`${id}3`, "small")]),
    );
    const p = plan(assessment(stages), { set, start: "2027-01-04" });
    const [first, second] = p.roadmap;
    expect(first?.items.map((i) => i.play)).toEqual(["a1", "a2", "b1", "b2", "c1"]);
    expect(second?.items.map((i) => i.play)).toEqual(["a3", "b3", "c2", "c3", "d1", "d2", "d3", "a big"]);
    expect(p.roadmap.map((r) => r.phase)).toEqual([30, 60, 90]);
    expect(p.roadmap.map((r) => [r.from, r.to])).toEqual([
      ["2027-01-04", "2027-02-03"],
      ["2027-02-04", "2027-03-05"],
      ["2027-03-06", "2027-04-04"],
    ]);
  });

  it("gives each task its human part, effort (medium when unstated) and the KPIs that watch its stage", () => {
    const p = plan(assessment([stage("renewals", "hybrid", 60, [play("notices")])]), { set, start: "2027-01-04" });
    expect(p.roadmap[0]?.items[0]).toMatchObject({ stageId: "renewals", play: "notices", humanPart: "Human part of notices.", effort: "medium", kpis: ["renewal-rate"] });
  });
});

describe("the campaigns as dated tasks", () => {
  const campaigns = [
    { id: "check-ups", name: "Check-up calls", description: ".", every: "quarter" as const },
    { id: "research", name: "Research", description: ".", every: "year" as const },
    { id: "rescue", name: "Problems solved by a person", description: "." },
  ];

  it("dates a quarterly campaign four times a year, a yearly one once, a standing one from day one", () => {
    const calendar = campaignCalendar(campaigns, "2027-01-04");
    expect(calendar).toEqual([
      { campaignId: "check-ups", name: "Check-up calls", every: "quarter", dates: ["2027-03-05", "2027-06-05", "2027-09-05", "2027-12-05"] },
      { campaignId: "research", name: "Research", every: "year", dates: ["2027-04-04"] },
      { campaignId: "rescue", name: "Problems solved by a person", every: null, dates: ["2027-01-04"] },
    ]);
  });

  it("puts each campaign's first date in its phase", () => {
    const p = plan(assessment([stage("s", "automate", 90, [play("x", "small")])]), { set: { ...set, campaigns }, start: "2027-01-04" });
    expect(p.roadmap.map((r) => r.campaigns.map((c) => c.campaignId))).toEqual([["rescue"], ["check-ups"], ["research"]]);
  });

  it("adds calendar months, the 31st becoming a short month's last day", () => {
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2027-11-15", 3)).toBe("2028-02-15");
  });
});

const built = await loadQuestionSet().then(orThrow);

describe("the executive summary", () => {
  const fixture = (name: string) => new URL(`../fixtures/plan/${name}.yaml`, import.meta.url).pathname;

  it.each(["plumber", "saas"])("gives the %s three to five things to do first, quick wins of different stages, a campaign and the hours", async (name) => {
    const answers = await loadAnswers(fixture(name), built).then(orThrow);
    const a = assess(built, answers);
    const p = plan(a, { set: built, sizing: answers.sizing, start: answers.date! });
    expect(p.summary.length).toBeGreaterThanOrEqual(3);
    expect(p.summary.length).toBeLessThanOrEqual(5);
    const firstPhase = p.roadmap[0]!.items;
    const staged = p.summary.filter((s) => s.stageId !== null);
    expect(staged[0]?.stageId).toBe(firstPhase[0]?.stageId);
    expect(p.summary.some((s) => s.stageId === null && /every quarter|every year|day one/.test(s.text))).toBe(true);
    expect(p.summary.some((s) => s.text.includes(`${p.sizing?.totalHoursPerMonth} hours a month`)) || p.summary.length === 5).toBe(true);
    for (const s of p.summary) expect(s.text).toMatch(/^[^\n]+[.]$/);
  });

  it("names a stage one answer from another verdict, with the question to check", () => {
    const edgy = { ...stage("close-call", "hybrid", 63, [play("x", "small")]), edge: true, flip: { verdict: "automate" as const, changes: [{ questionId: "q1", answer: "yes" }] } };
    const a = { ...assessment([edgy]), answers: [{ questionId: "q1", question: "Do buyers decide alone?", stages: ["close-call"], answer: "no", answerLabel: "No" }] };
    expect(plan(a, { set, start: "2027-01-04" }).summary).toContainEqual({
      text: 'close-call is one answer from Automate ("Do buyers decide alone?"): check that answer with the people who do the work before automating more there.',
      stageId: "close-call",
    });
  });

  it("asks for the open questions of a stage without a verdict when no stage is on the edge", () => {
    const p = plan(assessment([stage("open", "insufficient", null, []), stage("s", "automate", 90, [play("x", "small")])]), { set, start: "2027-01-04" });
    expect(p.summary).toContainEqual({ text: "open has no verdict yet: answer its open questions before planning it.", stageId: "open" });
  });

  it("names every stage without a verdict, counts their open questions (not answered or Not sure) and says how to answer them", () => {
    const record = (id: string, stages: string[], answer: string | null) => ({ questionId: id, question: id, stages, answer, answerLabel: answer });
    const answers = [record("q1", ["a", "b"], "unsure"), record("q2", ["b"], null), record("q3", ["c"], "yes"), record("q4", ["a"], "yes"), record("q5", ["d"], "n/a")];
    const resume = "automation-fit assess --resume blank.yaml";
    const withScale = {
      ...set,
      scale: [
        { value: "yes", label: "Yes", counts: "answer" as const, level: 1 },
        { value: "unsure", label: "Not sure", counts: "unsure" as const },
      ],
    };
    const blank = { ...assessment(["a", "b", "c"].map((id) => stage(id, "insufficient", null, []))), answers };
    expect(plan(blank, { set: withScale, start: "2027-01-04", resume }).summary[0]).toEqual({
      text: "No stage has a verdict yet: 2 questions are open; answer them (automation-fit assess --resume blank.yaml).",
      stageId: null,
    });
    const some = { ...assessment([stage("a", "insufficient", null, []), stage("b", "insufficient", null, []), stage("c", "human", 10, [])]), answers };
    expect(plan(some, { set: withScale, start: "2027-01-04", resume }).summary).toContainEqual({
      text: "a and b have no verdict yet: 2 questions are open there; answer them (automation-fit assess --resume blank.yaml) before planning them.",
      stageId: null,
    });
  });
});

describe("what to do first fits the business", () => {
  const chosen = (p: Play): Play & { relevance: number } => ({ ...p, relevance: 1 });
  const dflt = (p: Play): Play & { relevance: number } => ({ ...p, relevance: 0 });

  it.each([
    // a play the answers chose comes before a default of the same stage, whatever their efforts
    { name: "chosen large vs default small", plays: [dflt(play("contracts", "small")), chosen(play("checkout", "large"))], first: "checkout" },
    { name: "chosen medium vs default small", plays: [dflt(play("contracts", "small")), chosen(play("checkout", "medium"))], first: "checkout" },
    { name: "two defaults: the quicker", plays: [dflt(play("slow", "medium")), dflt(play("quick", "small"))], first: "quick" },
    { name: "two chosen: the quicker", plays: [chosen(play("slow", "large")), chosen(play("quick", "small"))], first: "quick" },
  ])("$name", ({ plays, first }) => {
    const p = plan(assessment([stage("deal", "automate", 90, plays)]), { set, start: "2027-01-04" });
    expect(p.summary[0]?.text).toBe(`deal: automate ${first}; then human part of ${first}.`);
  });

  it("a chosen play of a poorer stage comes before a default of a better one", () => {
    const a = assessment([stage("good", "automate", 95, [dflt(play("default", "small"))]), stage("poor", "hybrid", 50, [chosen(play("fits", "small"))])]);
    const p = plan(a, { set, start: "2027-01-04" });
    expect(p.summary.filter((s) => s.stageId !== null).map((s) => s.stageId)).toEqual(["poor", "good"]);
    // and in the roadmap, counting double it outranks the default of the better stage
    expect(rankPlays(a, { set }, null).map((i) => i.play)).toEqual(["fits", "default"]);
  });
});

describe("a gap that caps stages comes first", () => {
  const gate = {
    id: "nobody-on-hand",
    name: "nobody on hand when automation fails",
    question: "person-on-hand",
    answers: ["no"],
    stages: ["a", "b", "c"],
    cap: "hybrid" as const,
    reason: "r",
    fix: "Make a person reachable within minutes",
  };
  const capped = (id: string, score: number, plays: Play[]) => ({
    ...stage(id, "hybrid", score, plays),
    cappedBy: gate.id,
    edge: true,
    // as scoring marks it: the flip goes through the gap's question
    closeCall: false,
    flip: { verdict: "automate" as const, changes: [{ questionId: "person-on-hand", answer: "yes" }] },
  });
  const rescue: Play = { ...play("Get to a person quickly", "large"), closes: ["nobody-on-hand"] };
  const stages = [capped("a", 95, [play("a1", "small")]), capped("b", 90, [play("b1", "small"), rescue]), capped("c", 80, [play("c1", "small")])];

  it.each([
    {
      name: "fix, capping all stages",
      gates: [gate],
      stages,
      first: 'Make a person reachable within minutes. Until then, the gap "nobody on hand when automation fails" caps all 3 stages at Hybrid',
    },
    {
      name: "fix, capping one stage",
      gates: [gate],
      stages: [stages[1]!, stage("d", "automate", 90, [])],
      first: 'Make a person reachable within minutes. Until then, the gap "nobody on hand when automation fails" caps b at Hybrid',
    },
    { name: "a gate without a fix is no gap: the plays come first", gates: [{ ...gate, fix: undefined }], stages, first: "a: automate a1" },
  ])("$name", ({ gates, stages: s, first }) => {
    const p = plan(assessment(s), { set: { ...set, gates }, start: "2027-01-04" });
    expect(p.summary[0]?.text.startsWith(first), p.summary[0]?.text).toBe(true);
  });

  it("puts the play that closes it first in the first 30 days, large as it is, and never asks to doubt the gate's answer", () => {
    const p = plan(assessment(stages), { set: { ...set, gates: [gate] }, start: "2027-01-04" });
    expect(p.roadmap[0]?.items[0]?.play).toBe("Get to a person quickly");
    expect(p.summary[0]?.text).toContain('Start with "Get to a person quickly" (b), first in the roadmap.');
    // the flips all go through the gate's question: nothing on the edge to check, no play named twice
    expect(p.summary.some((s) => /one answer from|close calls/.test(s.text))).toBe(false);
    expect(p.summary.filter((s) => s.text.includes("Get to a person quickly") || s.text.includes("automate get to"))).toHaveLength(1);
  });
});

describe("close calls", () => {
  const edgy = (id: string, question: string) => ({
    ...stage(id, "hybrid", 60, [play(`${id} play`, "small")]),
    edge: true,
    flip: { verdict: "automate" as const, changes: [{ questionId: question, answer: "yes" }] },
  });
  const answers = [{ questionId: "q1", question: "Do buyers decide alone?", stages: [], answer: "no", answerLabel: "No" }];

  it.each([
    { name: "one of three on the edge: that stage and its question", edges: ["x"], text: 'x is one answer from Automate ("Do buyers decide alone?")' },
    {
      name: "most on the edge, one answer deciding several: said plainly, with that answer",
      edges: ["x", "y", "z"],
      text: 'Most verdicts here are close calls: 3 of 4 stages are one answer from another verdict, so go by the plays that fit rather than the labels; one answer decides 3 of them (x, y and z): "Do buyers decide alone?".',
    },
  ])("$name", ({ edges, text }) => {
    const stages = ["x", "y", "z", "w"].map((id) => (edges.includes(id) ? edgy(id, "q1") : stage(id, "hybrid", 50, [play(`${id} play`, "small")])));
    const p = plan({ ...assessment(stages), answers }, { set, start: "2027-01-04" });
    expect(
      p.summary.some((s) => s.text.startsWith(text)),
      JSON.stringify(p.summary),
    ).toBe(true);
  });
});

describe("a KPI past its tripwire", () => {
  const watch = (alert: boolean): KpiWatch => ({
    id: "renewal-rate",
    name: "Renewal rate",
    measure: null,
    owner: null,
    review: null,
    readings: [
      { date: "2026-10-01", value: 91 },
      { date: "2026-11-01", value: alert ? 85 : 90 },
    ],
    baseline: 91,
    latest: alert ? 85 : 90,
    change: alert ? -6 : -1,
    tripwire: { direction: "down", size: 2, unit: "points" },
    alert,
    stageIds: ["renewals"],
    restore: alert ? [{ stageId: "renewals", humanPart: "Call the accounts coming up for renewal." }] : [],
    message: "",
  });
  const planned = () => {
    const a = assessment(["renewals", "b", "c", "d"].map((id) => stage(id, "hybrid", 60, [play(`${id} play`, "small")])));
    return { ...a, summary: plan(a, { set: { ...set, campaigns: [{ id: "c", name: "Check-ups", description: ".", every: "quarter" as const }] }, start: "2027-01-04" }).summary };
  };

  it.each([
    { alert: true, first: "Renewal rate fell from 91 to 85 since 2026-10-01, past its tripwire: restore the human part at renewals. Call the accounts coming up for renewal." },
    { alert: false, first: "renewals: automate renewals play; then human part of renewals play." },
  ])("alarm $alert: the first thing to do is $first", ({ alert, first }) => {
    const a = planned();
    const b = withKpiAlarms(a, [watch(alert)]);
    expect(b.summary[0]?.text).toBe(first);
    expect(b.summary.length).toBeLessThanOrEqual(5);
    expect(b.kpiWatch).toHaveLength(1);
  });
});
