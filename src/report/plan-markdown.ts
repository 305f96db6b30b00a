import type { Verdict } from "../model/report.js";
import type { Cadence } from "../model/question-set.js";
import type { CampaignSchedule, KpiWatch, RoadmapPhase, Sizing, SummaryItem } from "../model/plan.js";
import { number } from "../score/kpis.js";
import { markdownInline as md, verdictLabel } from "../text.js";

/** The headings these blocks use, for the report's list of headings that must stay unique. */
export const PLAN_HEADINGS = { first: "What to do first", kpis: "KPI watch", hours: "Hours freed a month", roadmap: "Roadmap: the next 90 days" } as const;

type Heading = (level: number, text: string) => string;

/** The executive summary: three to five things to do first, a sentence each. */
export function summaryBlocks(summary: SummaryItem[] | undefined, heading: Heading): string[] {
  if (!summary?.length) return [];
  return [heading(2, PLAN_HEADINGS.first), summary.map((s, i) => `${i + 1}. ${md(s.text)}`).join("\n")];
}

/**
 * The KPIs' movement since their baselines: the alarms first, as quotes, then a table with the trend written in plain
 * characters (a sparkline's block glyphs stop pandoc's default PDF engine).
 */
export function kpiWatchBlocks(watch: KpiWatch[] | undefined, heading: Heading): string[] {
  // schemaVersion 2 always carries the list: empty without --kpis
  if (!watch?.length) return [];
  const blocks = [heading(2, PLAN_HEADINGS.kpis)];
  const alarms = watch.filter((w) => w.alert);
  blocks.push(
    alarms.length
      ? `${alarms.length} of ${watch.length} KPIs ${alarms.length === 1 ? "is" : "are"} past ${alarms.length === 1 ? "its" : "their"} tripwire:`
      : `No KPI is past its tripwire (${watch.length} watched).`,
  );
  for (const w of alarms) blocks.push(`> **${md(w.message.replace(/^ALARM: /, "Alarm: "))}**`);
  const rows = watch.map((w) =>
    [
      w.measure ? `${md(w.name)} (${md(w.measure)})` : md(w.name),
      md(w.owner ?? "–"),
      w.baseline === null ? "–" : `${number(w.baseline)} (${md(w.readings[0]?.date ?? "")})`,
      w.latest === null ? "–" : `${number(w.latest)} (${md(w.readings.at(-1)?.date ?? "")})`,
      change(w),
      w.tripwire ? `${w.tripwire.direction} ${number(w.tripwire.size)} ${w.tripwire.unit}` : "none",
      trend(w),
      w.alert ? "**ALARM**" : w.readings.length > 1 ? "inside" : w.readings.length === 1 ? "baseline only" : "no readings yet",
    ].join(" | "),
  );
  blocks.push(
    ["| KPI | Owner | Baseline | Latest | Change | Tripwire | Trend | Status |", "| --- | --- | ---: | ---: | ---: | --- | --- | --- |", ...rows.map((r) => `| ${r} |`)].join("\n"),
  );
  return blocks;
}

function change(w: KpiWatch): string {
  if (w.change === null) return "–";
  const unit = w.tripwire?.unit === "percent" ? "%" : " points";
  return `${w.change > 0 ? "+" : w.change < 0 ? "-" : ""}${number(Math.abs(w.change))}${unit}`;
}

const TREND_READINGS = 6;

/** The last readings in order, e.g. "91 > 90.5 > 88 (down)"; plain ASCII for any PDF engine. */
export function trend(w: KpiWatch): string {
  if (w.readings.length === 0) return "–";
  const values = w.readings.slice(-TREND_READINGS).map((r) => number(r.value));
  const more = w.readings.length > TREND_READINGS ? "... " : "";
  if (values.length === 1) return values[0]!;
  const first = w.readings[0]!.value;
  const last = w.readings.at(-1)!.value;
  return `${more}${values.join(" / ")} (${last < first ? "down" : last > first ? "up" : "flat"})`;
}

/** A team's sizing: whose medians the figures are ("; median of 3 who sized it"); nothing for one respondent. */
export const sizedByText = (x: { sizedBy?: number | undefined }) => (x.sizedBy === undefined ? "" : `; median of ${number(x.sizedBy)} who sized it`);

/** Hours freed a month per sized stage and in total, with the automatable share per verdict stated. */
export function sizingBlocks(sizing: Sizing | null | undefined, verdicts: Map<string, Verdict>, heading: Heading): string[] {
  if (!sizing) return [];
  const rows = sizing.stages.map((s) => {
    const verdict = verdicts.get(s.stageId);
    return `| ${md(s.stageName)} | ${number(s.timesPerMonth)} | ${number(s.minutes)} | ${verdict ? verdictLabel(verdict) : "–"} | ${s.share === null ? "–" : `${Math.round(s.share * 100)}%`} | ${s.hoursPerMonth === null ? "no verdict yet" : number(s.hoursPerMonth)}${md(sizedByText(s))} |`;
  });
  const share = sizing.shares;
  return [
    heading(2, PLAN_HEADINGS.hours),
    `Hours freed a month = times a month x admin minutes each (booking, reminders, paperwork; not the work itself) / 60 x the automatable share of the stage's verdict. The question set puts that share at ${Math.round(share.automate * 100)}% for Automate, ${Math.round(share.hybrid * 100)}% for Hybrid and ${Math.round(share.human * 100)}% for Keep human: even a person-led stage has reminders, briefs and scheduling to hand over.`,
    [
      "| Stage | Times a month | Admin minutes each | Verdict | Automatable share | Hours freed |",
      "| --- | ---: | ---: | --- | ---: | ---: |",
      ...rows,
      `| **Total** | | | | | **${number(sizing.totalHoursPerMonth)}** |`,
    ].join("\n"),
    "Spend the hours on the human parts of the plays: that is what keeps customers.",
  ];
}

/** The plays as a checklist grouped by phase, quick wins first; each task with its human part and the KPIs that watch it. */
export function roadmapBlocks(roadmap: RoadmapPhase[] | undefined, kpiNames: Map<string, string>, heading: Heading, unique: (text: string) => string): string[] {
  if (!roadmap?.length) return [];
  const blocks = [
    heading(2, PLAN_HEADINGS.roadmap),
    "The plays as tasks, quick wins first: stages that fit automation well, take much of the team's time, and need little effort to set up. Each task keeps its human part; the KPIs named with it are the ones to watch once it runs. Stages with no verdict yet, or that do not apply, are left out.",
  ];
  for (const phase of roadmap) {
    if (phase.items.length === 0 && phase.campaigns.length === 0) continue;
    blocks.push(heading(3, unique(`${md(phase.title)} (${md(phase.from)} to ${md(phase.to)})`)));
    const lines = phase.items.map((i) => {
      const watch = i.kpis.length ? ` KPIs to watch: ${i.kpis.map((id) => md(kpiNames.get(id) ?? id)).join(", ")}.` : "";
      return `- [ ] **${md(i.stageName)}: ${md(i.play)}** (${md(i.why)}). Automate: ${md(i.automate)} Human part: ${md(i.humanPart)}${watch}`;
    });
    for (const c of phase.campaigns) {
      lines.push(
        c.every === null
          ? `- [ ] **${md(c.name)}**: from ${md(c.date)}, a standing practice; a person, always.`
          : `- [ ] **${md(c.name)}** by ${md(c.date)}, then ${md(cadence(c.every))}; a person, always.`,
      );
    }
    blocks.push(lines.join("\n"));
  }
  return blocks;
}

/** A campaign's dates over the plan's first year, to append to its line in the campaigns list. */
export function campaignDates(calendar: CampaignSchedule[] | undefined, id: string): string {
  const c = calendar?.find((x) => x.campaignId === id);
  if (!c) return "";
  return c.every === null ? ` (a standing practice from ${md(c.dates[0] ?? "")})` : ` (${md(cadence(c.every))}: ${c.dates.map(md).join(", ")})`;
}

/** "every quarter", "once a year". */
export function cadence(every: Cadence): string {
  return every === "year" ? "once a year" : `every ${every}`;
}
