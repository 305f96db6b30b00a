import type { Verdict } from "../model/report.js";
import type { KpiWatch, RoadmapPhase, Sizing, SummaryItem } from "../model/plan.js";
import { number } from "../score/kpis.js";
import { sizedByText } from "./plan-markdown.js";
import { displayWidth, pad, terminalSafe, verdictLabel, words, wrap } from "../text.js";
import type { Palette } from "../ui/palette.js";

/** The three to five things to do first, numbered, at the top of the report. */
export function firstThingsLines(summary: SummaryItem[] | undefined, width: number, c: Palette): string[] {
  if (!summary?.length) return [];
  const out = ["", c.bold("What to do first")];
  summary.forEach((s, i) => {
    out.push(...wrap([{ text: `${i + 1}.` }, ...words(s.text)], width, "  ", "     "));
  });
  return out;
}

const SPARKS = "▁▂▃▄▅▆▇█";
const SPARK_READINGS = 12;

/** The last readings as a sparkline, lowest reading ▁ and highest █; flat readings sit in the middle. */
export function sparkline(values: number[]): string {
  const last = values.slice(-SPARK_READINGS);
  if (last.length === 0) return "";
  const low = Math.min(...last);
  const high = Math.max(...last);
  return last.map((v) => (high === low ? SPARKS[3] : SPARKS[Math.round(((v - low) / (high - low)) * (SPARKS.length - 1))])).join("");
}

/** With a KPI log: a line per KPI (sparkline, baseline to latest, change, tripwire), and each alarm in words under it. */
export function kpiWatchLines(watch: KpiWatch[] | undefined, width: number, c: Palette): string[] {
  if (!watch?.length) return [];
  const alarms = watch.filter((w) => w.alert).length;
  const out = [
    "",
    c.bold("KPI watch"),
    ...wrap(words(alarms ? `${alarms} of ${watch.length} KPIs past the tripwire.` : `No KPI past its tripwire (${watch.length} watched).`, c.dim), width, "  "),
  ];
  const nameWidth = Math.min(40, Math.max(3, ...watch.map((w) => displayWidth(terminalSafe(w.name)))));
  for (const w of watch) {
    const spark = pad(sparkline(w.readings.map((r) => r.value)), SPARK_READINGS);
    const figures =
      w.baseline === null || w.latest === null
        ? "no readings yet"
        : w.readings.length === 1
          ? `baseline ${number(w.baseline)}`
          : `${number(w.baseline)} → ${number(w.latest)}  ${change(w)}${w.tripwire ? `  (tripwire ${w.tripwire.direction} ${number(w.tripwire.size)} ${w.tripwire.unit})` : ""}`;
    out.push(
      ...wrap(
        [
          { text: pad(terminalSafe(w.name), nameWidth), style: w.alert ? c.bold : (s) => s },
          { text: spark, style: w.alert ? c.blueBright : c.green },
          ...words(figures),
          ...(w.alert ? [{ text: "ALARM", style: c.blueBright }] : []),
        ],
        width,
        "  ",
        "    ",
      ),
    );
    if (w.alert) out.push(...wrap(words(w.message, c.blueBright), width, "    "));
  }
  return out;
}

function change(w: KpiWatch): string {
  if (w.change === null) return "";
  const unit = w.tripwire?.unit === "percent" ? "%" : " points";
  return `${w.change > 0 ? "+" : w.change < 0 ? "-" : ""}${number(Math.abs(w.change))}${unit}`;
}

/** Hours freed a month per sized stage and in total, with the automatable share per verdict stated. */
export function hoursLines(sizing: Sizing | null | undefined, verdicts: Map<string, Verdict>, width: number, c: Palette): string[] {
  if (!sizing) return [];
  const s = sizing.shares;
  const out = [
    "",
    c.dim("─".repeat(width)),
    c.bold("Hours freed a month"),
    ...wrap(
      words(
        `Times a month x admin minutes each (booking, reminders, paperwork; not the work itself) / 60 x the automatable share of the stage's verdict: ${Math.round(s.automate * 100)}% Automate, ${Math.round(s.hybrid * 100)}% Hybrid, ${Math.round(s.human * 100)}% Keep human (as the question set declares).`,
        c.dim,
      ),
      width,
      "  ",
    ),
  ];
  const nameWidth = Math.min(24, Math.max(5, ...sizing.stages.map((x) => displayWidth(terminalSafe(x.stageName)))));
  for (const x of sizing.stages) {
    const verdict = verdicts.get(x.stageId);
    const hours = x.hoursPerMonth === null ? "no verdict yet" : `${number(x.hoursPerMonth)} h`;
    const how = `${number(x.timesPerMonth)} x ${number(x.minutes)} min${x.share === null ? "" : ` x ${Math.round(x.share * 100)}%`}${verdict ? ` (${verdictLabel(verdict)})` : ""}${sizedByText(x)}`;
    out.push(...wrap([{ text: pad(terminalSafe(x.stageName), nameWidth) }, { text: hours.padStart(8) }, ...words(how, c.dim)], width, "  ", "    "));
  }
  out.push(`  ${pad("Total", nameWidth)} ${c.bold(`${number(sizing.totalHoursPerMonth)} h`.padStart(8))}`);
  return out;
}

/** The roadmap as a checklist by phase: each play with its human part; the campaigns due in the phase. */
export function roadmapLines(roadmap: RoadmapPhase[] | undefined, width: number, c: Palette): string[] {
  if (!roadmap?.length) return [];
  const out = ["", c.dim("─".repeat(width)), c.bold("Roadmap: the next 90 days, quick wins first")];
  for (const phase of roadmap) {
    if (phase.items.length === 0 && phase.campaigns.length === 0) continue;
    out.push("", ...wrap([...words(phase.title, c.bold), ...words(`${phase.from} to ${phase.to}`, c.dim)], width, "  "));
    for (const i of phase.items) {
      out.push(...wrap([{ text: "[ ]" }, ...words(`${i.stageName}: ${i.play}`, c.bold), ...words(`(${i.effort})`, c.dim)], width, "  ", "      "));
      out.push(...wrap([...words("Human part:", c.blueBright), ...words(i.humanPart)], width, "      ", "        "));
    }
    for (const x of phase.campaigns) {
      const when = x.every === null ? `from ${x.date}, a standing practice` : `by ${x.date}, then ${x.every === "year" ? "once a year" : `every ${x.every}`}`;
      out.push(...wrap([{ text: "[ ]" }, ...words(x.name, c.bold), ...words(`${when}; a person, always.`)], width, "  ", "      "));
    }
  }
  return out;
}
