// The team's plan: consensus answers from the answer counts, gates on them, and the plan a single report has (pure).
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { readAnswers, readRespondents } from "../../src/load/respondents.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Answers } from "../../src/model/answers.js";
import type { TeamStage } from "../../src/model/report.js";
import { encodeAnswers, NO_ANSWER, type Respondent } from "../../src/model/respondent.js";
import { aggregate, medianOfCounts, TeamTally, teamAnswer } from "../../src/score/aggregate.js";
import { splitStages, teamCheck, withTeamPlan } from "../../src/score/team-plan.js";
import { fixture, ROOT } from "../cli/run.js";

const builtIn = await loadQuestionSet().then(orThrow);
const pennywise = orThrow(await readAnswers(`${ROOT}/examples/self-serve-subscription.yaml`, builtIn));
const plumber = orThrow(await readAnswers(fixture("plan/plumber.yaml"), builtIn));

// the built-in scale: yes 1, partly 0.5, no 0 (answers), unsure and n/a (not answers)
const [YES, PARTLY, NO, UNSURE] = [0, 1, 2, 3];

const respondent = (name: string, a: Answers, changes: Record<string, string> = {}): Respondent => ({
  name,
  file: `${name}.yaml`,
  answers: encodeAnswers(builtIn, { ...a.answers, ...changes }),
  ...(a.sizing ? { sizing: a.sizing } : {}),
});
const START = { start: "2026-12-01" };
/** A team as the report command plans it: scored as read, sized at the medians of those who sized a stage. */
const planned = (team: Respondent[]) => {
  const tally = new TeamTally(builtIn);
  for (const r of team) tally.add(r);
  return withTeamPlan(tally.summary(team.length), { set: builtIn, sizing: tally.sizing(), ...START });
};

describe("the team's answer to a question, from how many gave each answer", () => {
  it.each([
    { counts: [3, 1, 0, 0, 0], want: YES, why: "the middle respondent's" },
    { counts: [1, 1, 4, 9, 9], want: NO, why: "unsure and n/a are not answers, however many" },
    { counts: [1, 1, 1, 0, 0], want: PARTLY, why: "one of each: the middle one" },
    { counts: [4, 0, 4, 0, 0], want: PARTLY, why: "an even split between yes and no: the option nearest their midpoint" },
    { counts: [2, 0, 1, 0, 0], want: YES, why: "two of three say yes" },
    { counts: [1, 0, 2, 0, 0], want: NO, why: "two of three say no: a minority does not decide" },
    { counts: [0, 0, 0, 5, 2], want: UNSURE, why: "nobody gave a scored answer: the one most gave, unsure, as one respondent's unsure" },
    { counts: [0, 0, 0, 0, 0], want: NO_ANSWER, why: "an empty team" },
  ])("$why", ({ counts, want }) => {
    expect(teamAnswer(counts, builtIn.scale)).toBe(want);
  });

  it.each([
    { counts: [[10, 3]], want: 10 },
    {
      counts: [
        [10, 1],
        [20, 1],
      ],
      want: 15,
    },
    {
      counts: [
        [60, 2],
        [5, 1],
        [1000, 1],
      ],
      want: 60,
    },
    {
      counts: [
        [5, 1],
        [60, 1],
        [70, 1],
        [1000, 1],
      ],
      want: 65,
    },
    {
      counts: [
        [40, 1],
        [60, 1],
        [5000, 1],
      ],
      want: 60,
    },
    { counts: [], want: null },
  ])("median of counted sizes $counts is $want", ({ counts, want }) => {
    expect(medianOfCounts(new Map(counts as [number, number][]))).toBe(want);
  });

  it("lists the consensus per question with its count, and sizes each stage at the median of those who sized it", () => {
    const team = [
      respondent("a", pennywise, { "person-on-hand": "no" }),
      respondent("b", pennywise, { "person-on-hand": "no" }),
      respondent("c", pennywise, { "person-on-hand": "yes" }),
    ];
    const t = aggregate(builtIn, team);
    expect(t.consensus.find((c) => c.questionId === "person-on-hand")).toEqual({ questionId: "person-on-hand", answer: "no", answerLabel: "No", count: 2, answered: 3 });
    expect(t.consensus).toHaveLength(builtIn.questions.length);
    const sized = [respondent("p1", plumber), respondent("p2", { ...plumber, sizing: { "service-calls": { timesPerMonth: 300, minutes: 5 } } }), respondent("n", pennywise)];
    const plan = planned(sized);
    expect(plan.sizing?.stages.find((s) => s.stageId === "service-calls")).toMatchObject({ timesPerMonth: 210, minutes: 12.5, sizedBy: 2 });
    expect(plan.sizing?.stages.find((s) => s.stageId === "lead-generation")).toMatchObject({ timesPerMonth: 60, minutes: 10, sizedBy: 1 });
  });
});

it("reads each answers file's sizing into the team's medians", async () => {
  const tally = new TeamTally(builtIn);
  const read = await readRespondents([fixture("plan/plumber.yaml"), fixture("plan/saas.yaml")], builtIn, { skipBadRows: false, onRespondent: (r) => tally.add(r) });
  expect(read.problems).toEqual([]);
  // plumber 60 x 10, saas 400 x 5 for lead generation
  expect(tally.sizing()["lead-generation"]).toEqual({ timesPerMonth: 230, minutes: 7.5, sizedBy: 2 });
});

describe("the team's gates read the team's answer", () => {
  it("caps every stage when most say nobody is on hand, and makes closing that gap the first thing to do", () => {
    const t = planned([respondent("a", pennywise, { "person-on-hand": "no" }), respondent("b", pennywise, { "person-on-hand": "no" }), respondent("c", pennywise)]);
    const capped = t.stages.filter((s) => s.cappedBy === "nobody-on-hand");
    expect(capped.length).toBeGreaterThan(0);
    for (const s of capped) {
      expect(s.verdict).toBe("hybrid");
      expect(s.median).toBeGreaterThanOrEqual(s.thresholds!.automate);
      expect(s.reason).toContain('the gate "nobody on hand when automation fails" caps it at hybrid');
    }
    expect(t.summary[0]!.text).toMatch(/^Make a person reachable within minutes.*caps .* at Hybrid/);
    expect(t.roadmap[0]!.items.some((i) => i.play === "Get to a person quickly")).toBe(true);
  });

  it("leaves the verdicts alone when only a minority triggers the gate", () => {
    const t = planned([
      respondent("a", pennywise, { "person-on-hand": "no" }),
      respondent("b", pennywise, { "person-on-hand": "yes" }),
      respondent("c", pennywise, { "person-on-hand": "yes" }),
    ]);
    expect(t.stages.filter((s) => s.cappedBy === "nobody-on-hand")).toEqual([]);
    expect(t.summary.some((s) => s.text.startsWith("Make a person reachable"))).toBe(false);
  });
});

describe("the team's plan is the single report's, made from the team", () => {
  it("gives a team that answers as one person the single report's plays, roadmap and things to do", async () => {
    const { assess } = await import("../../src/score/score.js");
    const { withPlan } = await import("../../src/score/plan.js");
    const single = withPlan(assess(builtIn, pennywise), { set: builtIn, ...START });
    const t = planned([respondent("a", pennywise), respondent("b", pennywise), respondent("c", pennywise)]);
    expect(t.stages.map((s) => [s.verdict, s.cappedBy, s.plays.map((p) => p.title)])).toEqual(single.stages.map((s) => [s.verdict, s.cappedBy, s.plays.map((p) => p.title)]));
    expect(t.roadmap).toEqual(single.roadmap);
    // a single report's close calls are its flip points; a team with one view has no split to talk through
    const plays = (xs: { text: string }[]) => xs.filter((x) => x.text.includes(": ") && !x.text.includes("one answer from")).map((x) => x.text);
    expect(plays(t.summary).slice(0, 2)).toEqual(plays(single.summary).slice(0, 2));
    expect(t.summary.some((s) => s.text.startsWith("Before acting on"))).toBe(false);
  });

  it("chooses plays by the consensus answers: a majority of households drops the company-only play", () => {
    const plays = (team: Respondent[]) => planned(team).stages.flatMap((s) => s.plays.map((p) => p.title));
    const all = plays([respondent("a", plumber), respondent("b", plumber), respondent("c", pennywise)]);
    const twoPennywise = plays([respondent("a", pennywise), respondent("b", pennywise), respondent("c", plumber)]);
    expect(all).not.toEqual(twoPennywise);
  });
});

const stage = (id: string, verdict: TeamStage["verdict"], verdicts: Partial<Record<TeamStage["verdict"], number>>): TeamStage => {
  const all = { automate: 0, hybrid: 0, human: 0, insufficient: 0, "not-applicable": 0, ...verdicts };
  const counted = all.automate + all.hybrid + all.human;
  return {
    id,
    name: id,
    description: "",
    median: 50,
    spread: null,
    verdict,
    confidence: 1,
    counted,
    verdicts: all,
    reason: "",
    plays: [],
    kpis: [],
    disputed: {
      questionId: "q",
      question: "Is it so?",
      tally: [
        { value: "yes", label: "Yes", count: 2 },
        { value: "no", label: "No", count: 1 },
      ],
    },
  };
};

describe("where the team splits strongly", () => {
  it.each([
    { s: stage("a", "automate", { automate: 2, human: 1 }), split: true, why: "Automate and Keep human both a fifth or more" },
    { s: stage("b", "automate", { automate: 9, human: 1 }), split: false, why: "one in ten at the other end" },
    { s: stage("c", "hybrid", { automate: 2, hybrid: 1, human: 0 }), split: true, why: "fewer than half reach the team's verdict" },
    { s: stage("d", "hybrid", { hybrid: 2, automate: 1 }), split: false, why: "two of three agree, no one at the far end" },
    { s: stage("e", "human", { human: 1 }), split: false, why: "one respondent cannot split" },
  ])("$why", ({ s, split }) => {
    expect(splitStages([s]).map((x) => x.id)).toEqual(split ? [s.id] : []);
  });

  it("names the most split stages first, with the question that splits them, and holds back their plays", () => {
    const check = teamCheck({ stages: [stage("a", "automate", { automate: 2, human: 1 }), stage("c", "hybrid", { automate: 2, hybrid: 1 })] });
    expect(check?.stageIds).toEqual(["c", "a"]);
    expect(check?.item.text).toBe(
      `Before acting on c and a, talk them through: the team's own verdicts split (c: 2 Automate, 1 Hybrid; the team's verdict is Hybrid). The question you answer most differently there: "Is it so?" (Yes 2, No 1).`,
    );
    expect(teamCheck({ stages: [stage("d", "hybrid", { hybrid: 3 })] })).toBeUndefined();
  });
});
