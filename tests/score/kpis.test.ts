import { describe, expect, it } from "vitest";
import { formatProblem, orThrow } from "../../src/errors.js";
import { loadAnswers } from "../../src/load/answers.js";
import { appendReading, kpiLogText, parseKpiLog } from "../../src/load/kpi-log.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Tripwire } from "../../src/model/question-set.js";
import { changeSince, kpisToWatch, tripwireCrossed, watchKpis } from "../../src/score/kpis.js";
import { assess } from "../../src/score/score.js";

const set = await loadQuestionSet().then(orThrow);
const plumberAnswers = await loadAnswers(new URL("../fixtures/plan/plumber.yaml", import.meta.url).pathname, set).then(orThrow);
const plumber = assess(set, plumberAnswers);
const renewalsDown2: Tripwire = { direction: "down", size: 2, unit: "points" };

describe("the tripwire", () => {
  it("is crossed by one reading that moves the bad way by its size or more", () => {
    expect(tripwireCrossed(91, 89, renewalsDown2)).toBe(true);
    expect(tripwireCrossed(91, 80, renewalsDown2)).toBe(true);
    // float dust: 91.1 - 89.1 is 2.0000000000000057, and 2.2 - 0.2 lands just under 2
    expect(tripwireCrossed(91.1, 89.1, renewalsDown2)).toBe(true);
    expect(tripwireCrossed(2.2, 0.2, renewalsDown2)).toBe(true);
  });

  it("is not crossed by a change inside it, nor by any move the good way", () => {
    expect(tripwireCrossed(91, 89.1, renewalsDown2)).toBe(false);
    expect(tripwireCrossed(91, 91, renewalsDown2)).toBe(false);
    expect(tripwireCrossed(91, 99, renewalsDown2)).toBe(false);
  });

  it("measures percent of the baseline, upward for a KPI where up is bad", () => {
    const leadsUp15: Tripwire = { direction: "up", size: 15, unit: "percent" };
    expect(changeSince(20, 23, "percent")).toBeCloseTo(15);
    expect(tripwireCrossed(20, 23, leadsUp15)).toBe(true);
    expect(tripwireCrossed(20, 22.9, leadsUp15)).toBe(false);
    expect(tripwireCrossed(20, 10, leadsUp15)).toBe(false);
    // a baseline of 0 has no percent: never an alarm, and the message says so
    expect(changeSince(0, 5, "percent")).toBeNull();
    expect(tripwireCrossed(0, 5, leadsUp15)).toBe(false);
  });
});

describe("watchKpis", () => {
  const reading = (date: string, value: number) => ({ date, value });

  it("raises the alarm on the latest reading past the tripwire, naming the KPI, the stages it watches and the human part to restore", () => {
    const [w] = watchKpis([{ id: "renewal-rate", readings: [reading("2026-12-07", 91), reading("2027-01-07", 90), reading("2027-02-07", 88)] }], plumber, set);
    expect(w).toMatchObject({ id: "renewal-rate", baseline: 91, latest: 88, change: -3, alert: true, stageIds: ["renewal-calls"], tripwire: renewalsDown2 });
    const renewalPlay = set.stages.find((s) => s.id === "renewal-calls")!.plays[0]!.human;
    expect(w?.restore).toEqual([{ stageId: "renewal-calls", humanPart: renewalPlay }]);
    expect(w?.message).toMatch(
      /^ALARM: Renewal rate is down 3 points since the baseline \(91 on 2026-12-07, now 88 on 2027-02-07\), past its tripwire \(down 2 points\)\. It watches Renewal calls/,
    );
    expect(w?.message).toContain(renewalPlay);
  });

  it("stays quiet when the readings dip past the tripwire and come back inside it", () => {
    const [w] = watchKpis([{ id: "renewal-rate", readings: [reading("2026-12-07", 91), reading("2027-01-07", 87), reading("2027-02-07", 89.5)] }], plumber, set);
    expect(w).toMatchObject({ alert: false, change: -1.5 });
    expect(w?.message).toContain("inside its tripwire");
  });

  it("takes the earliest reading as the baseline even when the log lists them out of order", () => {
    const [w] = watchKpis([{ id: "renewal-rate", readings: [reading("2027-02-07", 88), reading("2026-12-07", 91)] }], plumber, set);
    expect(w).toMatchObject({ baseline: 91, latest: 88, alert: true });
  });

  it("keeps the alarm when a reading is dated after today: it is not counted until its day, and the message says so", () => {
    const readings = [reading("2026-08-01", 91), reading("2026-10-01", 86), reading("2099-01-01", 95)];
    const [w] = watchKpis([{ id: "renewal-rate", readings }], plumber, set, "2026-11-28");
    expect(w).toMatchObject({ baseline: 91, latest: 86, change: -5, alert: true, readings: readings.slice(0, 2) });
    expect(w?.message).toContain("Not counted: a reading dated after 2026-11-28 (95 on 2099-01-01); if a date is a typo, correct it in the log.");
    // without a day to count to, every reading counts (and 95 would have hidden the alarm)
    expect(watchKpis([{ id: "renewal-rate", readings }], plumber, set)[0]).toMatchObject({ latest: 95, alert: false });
  });

  it("says a move of one in the singular", () => {
    const [w] = watchKpis([{ id: "renewal-rate", readings: [reading("2026-08-01", 91), reading("2026-09-01", 90)] }], plumber, set);
    expect(w?.message).toContain("is down 1 point since the baseline");
  });

  it("uses the log's own tripwire over the set's, and none when the log sets it to null", () => {
    const readings = [reading("2026-12-07", 91), reading("2027-01-07", 88)];
    const [own] = watchKpis([{ id: "renewal-rate", tripwire: { direction: "down", size: 5, unit: "points" }, readings }], plumber, set);
    expect(own?.alert).toBe(false);
    const [none] = watchKpis([{ id: "renewal-rate", tripwire: null, readings }], plumber, set);
    expect(none).toMatchObject({ alert: false, tripwire: null });
    expect(none?.message).toContain("no tripwire");
  });

  it("has no alarm with one reading, the baseline, or none", () => {
    const [one, zero] = watchKpis(
      [
        { id: "renewal-rate", readings: [reading("2026-12-07", 80)] },
        { id: "attrition", readings: [] },
      ],
      plumber,
      set,
    );
    expect(one).toMatchObject({ baseline: 80, latest: 80, change: 0, alert: false });
    expect(zero).toMatchObject({ baseline: null, latest: null, change: null, alert: false });
  });
});

describe("the KPI log file", () => {
  const fresh = () => kpiLogText("kpis.yaml", kpisToWatch(plumber, set), { client: "Dunmore Plumbing", created: "2026-12-07", review: "2027-03-07" });

  it("starts with the KPIs of the stages at Automate or Hybrid, each with owner, tripwire, review date and no readings", () => {
    const { log, problems } = parseKpiLog("kpis.yaml", fresh(), set);
    expect(problems).toEqual([]);
    const automating = plumber.stages.filter((s) => s.verdict === "automate" || s.verdict === "hybrid").map((s) => s.id);
    const expected = set.kpis.filter((k) => k.stages.some((id) => automating.includes(id))).map((k) => k.id);
    // minus those that do not fit a plumber (usage of a product the customer runs), as the stages list them
    const fitting = new Set(plumber.stages.flatMap((s) => s.kpis.map((k) => k.id)));
    expect(expected.filter((id) => !fitting.has(id)).length).toBeGreaterThan(0);
    expect(log?.kpis.map((k) => k.id)).toEqual(expected.filter((id) => fitting.has(id)));
    for (const k of log!.kpis) {
      expect(k).toMatchObject({ owner: "", review: "2027-03-07", readings: [] });
      expect(k.tripwire).toEqual(set.kpis.find((x) => x.id === k.id)?.tripwire);
    }
    // a stage kept human is never listed as watched
    const human = plumber.stages.filter((s) => s.verdict === "human").map((s) => s.id);
    expect(log!.kpis.flatMap((k) => k.stages ?? []).some((id) => human.includes(id))).toBe(false);
  });

  it("gains a reading at the end of its KPI's list, keeping comments and keys it does not know", () => {
    const edited = fresh()
      .replace("  renewal-rate:\n    name: Renewal rate\n", "  renewal-rate:\n    # Dana reads this off the CRM each month\n    name: Renewal rate\n    source: CRM export\n")
      .replace("created: 2026-12-07", "created: 2026-12-07\nregion: north # our own key");
    let text = appendReading(edited, "renewal-rate", { date: "2026-12-07", value: 91 });
    text = appendReading(text, "renewal-rate", { date: "2027-01-07", value: 88.5 });
    // a late entry goes in date order (after one of the same day), so the log reads oldest first
    const late = appendReading(appendReading(text, "renewal-rate", { date: "2026-12-20", value: 90 }), "renewal-rate", { date: "2026-12-07", value: 90.5 });
    expect(late).toContain(
      "      - { date: 2026-12-07, value: 91 }\n      - { date: 2026-12-07, value: 90.5 }\n      - { date: 2026-12-20, value: 90 }\n      - { date: 2027-01-07, value: 88.5 }\n",
    );
    expect(text).toContain("# Dana reads this off the CRM each month");
    expect(text).toContain("source: CRM export");
    expect(text).toContain("region: north # our own key");
    expect(text).toContain("# KPI log:");
    expect(text).toContain("      - { date: 2026-12-07, value: 91 }\n      - { date: 2027-01-07, value: 88.5 }\n");
    const { log } = parseKpiLog("kpis.yaml", text, set);
    expect(log?.kpis.find((k) => k.id === "renewal-rate")?.readings).toEqual([
      { date: "2026-12-07", value: 91 },
      { date: "2027-01-07", value: 88.5 },
    ]);
  });

  it("gives a KPI written by hand without readings its first one", () => {
    const text = appendReading("kpis:\n  renewal-rate:\n    owner: Dana\n  attrition:\n", "attrition", { date: "2027-01-07", value: 4 });
    const { log } = parseKpiLog("k.yaml", text, set);
    expect(log?.kpis).toEqual([
      { id: "renewal-rate", owner: "Dana", readings: [] },
      { id: "attrition", readings: [{ date: "2027-01-07", value: 4 }] },
    ]);
  });

  it("names every unknown KPI id, bad date and non-number at FILE:LINE:COL, all at once", () => {
    const text = [
      "kpis:",
      "  renewal-rates:",
      "    readings: []",
      "  attrition:",
      "    review: 2027-02-30",
      "    readings:",
      "      - {date: 2027-1-7, value: 4}",
      "      - {date: 2027-01-08, value: 4%}",
      "      - date: 2027-01-09",
      '        value: "5"',
      "",
    ].join("\n");
    const problems = parseKpiLog("kpis.yaml", text, set).problems.map(formatProblem);
    expect(problems).toEqual([
      expect.stringMatching(/^kpis\.yaml:2:3 unknown KPI id 'renewal-rates'.*renewal-rate/),
      expect.stringMatching(/^kpis\.yaml:5:13 .*not a day of the calendar/),
      expect.stringMatching(/^kpis\.yaml:7:16 .*YYYY-MM-DD/),
      expect.stringMatching(/^kpis\.yaml:8:35 .*is a number/),
      expect.stringMatching(/^kpis\.yaml:10:16 .*is a number/),
    ]);
    const ids = parseKpiLog("kpis.yaml", "kpis:\n  churn: {}\n", set).problems.map(formatProblem);
    expect(ids).toEqual([expect.stringMatching(/^kpis\.yaml:2:3 unknown KPI id 'churn'; the question set's KPIs are: leads-per-sale, /)]);
  });
});
