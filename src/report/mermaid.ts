import type { Assessment } from "../model/report.js";
import { RECOMMENDATIONS, type Verdict } from "../model/verdict.js";
import { VERDICT_COLOURS } from "./html-chart.js";
import { pdfSafe, terminalSafe } from "../text.js";

export interface ChartBar {
  label: string;
  /** Added after the label, kept whole when a long label is cut: "(then)". */
  tag?: string;
  /** null: no score, left out of the chart. */
  score: number | null;
  /** The bar's colour; bars without a recommendation (insufficient, not-applicable) are left out. */
  verdict: Verdict;
  /** Said after the score in the label: a team's range, "23-89". */
  detail?: string;
  /** An earlier side of a comparison: one pale colour whatever the verdict, so then and now tell apart. */
  earlier?: boolean;
  /** The stage's own cut-offs, when it sets its own: the threshold lines step to them at this bar. */
  thresholds?: { automate: number; human: number };
}

const MAX_LABEL = 40;

/** Only a recommendation is charted: an insufficient stage's score is unreliable, a not-applicable one has none. */
const charts = (verdict: Verdict) => (RECOMMENDATIONS as readonly Verdict[]).includes(verdict);

/** The caption's sentence on what the chart leaves out and why; empty when it leaves out nothing. Labels come escaped. */
export function notCharted(bars: { label: string; verdict: Verdict; score: number | null; why?: string }[]): string {
  const left = bars
    .filter((b) => b.score === null || !charts(b.verdict))
    .map((b) => `${b.label} (${b.why ?? (b.verdict === "not-applicable" ? "does not apply" : "too little answered")})`);
  return left.length > 0 ? `Not charted: ${left.join(", ")}.` : "";
}
const BASE = "#c8ccd2";
const EARLIER = "#9aa0a8";
const THRESHOLD = "#555555";
const VERDICTS = ["automate", "hybrid", "human"] as const;
// A value far below the axis: Mermaid draws no bar for it (a 0 still gets a stub, which would also shrink every data
// label of its series to nothing, as Mermaid sizes them to fit the narrowest bar).
const NO_BAR = -100;

/**
 * A Mermaid horizontal bar chart of scores from 0 to 100, as a fenced block for Markdown: one bar per entry with a
 * verdict (Insufficient entries are left out; the caller names them), coloured by verdict, the score in each label and
 * as a data label, and a line at each threshold. Undefined when no entry is charted.
 *
 * Colours: Mermaid colours per series, not per bar, so each verdict gets a series holding only its bars (NO_BAR
 * elsewhere) over a first series of every score; the data labels of every series are the first series' values
 * (Mermaid 11.7+), so each label is its own bar's score. plotColorPalette works from 10.6 on.
 */
export function scoreChart(title: string, bars: ChartBar[], thresholds: Pick<Assessment["thresholds"], "automate" | "human">): string | undefined {
  const charted = bars.filter((b): b is ChartBar & { score: number } => b.score !== null && charts(b.verdict));
  if (charted.length === 0) return undefined;
  const clamp = (n: number) => Math.min(100, Math.max(0, Math.round(n)));
  const series = (values: number[]) => `[${values.join(", ")}]`;
  // Mermaid draws bars with the same label in one place, so every label is made unique
  const seen = new Set<string>();
  const labels = charted.map((b) => {
    const figures = `: ${clamp(b.score)}${b.detail ? ` (${b.detail})` : ""}`;
    const name = mermaidText(b.label, MAX_LABEL - (b.tag ? [...b.tag].length + 1 : 0)) || "-";
    const base = [name, b.tag ? mermaidText(b.tag) : ""].filter(Boolean).join(" ");
    let label = base;
    for (let n = 2; seen.has(label); n++) label = `${base} (${n})`;
    seen.add(label);
    return `"${label}${figures}"`;
  });
  const plots: { colour: string; values: number[] }[] = [{ colour: BASE, values: charted.map((b) => clamp(b.score)) }];
  const only = (keep: (b: ChartBar) => boolean) => charted.map((b) => (keep(b) && clamp(b.score) > 0 ? clamp(b.score) : NO_BAR));
  const coloured: { colour: string; values: number[] }[] = [{ colour: EARLIER, values: only((b) => b.earlier === true) }];
  for (const verdict of VERDICTS) coloured.push({ colour: VERDICT_COLOURS[verdict], values: only((b) => !b.earlier && b.verdict === verdict) });
  plots.push(...coloured.filter((p) => p.values.some((v) => v !== NO_BAR)));
  const palette = [...plots.map((p) => p.colour), THRESHOLD, THRESHOLD].join(", ");
  const config = { xyChart: { showDataLabel: true }, themeVariables: { xyChart: { plotColorPalette: palette } } };
  return [
    "```mermaid",
    `%%{init: ${JSON.stringify(config)}}%%`,
    "xychart-beta horizontal",
    `    title "${mermaidText(title)}"`,
    `    x-axis [${labels.join(", ")}]`,
    `    y-axis "Score: 0 = keep human, 100 = automate" 0 --> 100`,
    `    %% the first bars hold every score; each next series one colour's, ${NO_BAR} (no bar) elsewhere`,
    ...plots.map((p) => `    bar ${series(p.values)}`),
    `    line ${series(charted.map((b) => clamp((b.thresholds ?? thresholds).human)))}`,
    `    line ${series(charted.map((b) => clamp((b.thresholds ?? thresholds).automate)))}`,
    "```",
  ].join("\n");
}

/**
 * Text from files for inside a quoted Mermaid string, on one line and cut to `max` characters: nothing in it can end
 * the string or start a directive (F26: '%%{init: ...}%%'), and only characters pdflatex typesets remain. Mermaid has no
 * escape for '"' in a string, escapes any text with '<' in it, and turns '#name;' into an entity (Mermaid 11 shows the
 * entity's placeholder instead): so quotes and backticks become "'", '<' becomes '«', '%%' gets a space, and '#' before
 * 'name;' a space too. Entity codes are no way out: Mermaid 11 leaves them undecoded in charts.
 */
export function mermaidText(text: string, max = Infinity): string {
  let s = pdfSafe(terminalSafe(text))
    .replace(/\s+/g, " ")
    .trim()
    .replace(/["`]/g, "'")
    .replace(/</g, "«")
    .replace(/#(?=\w+;)/g, "# ");
  while (s.includes("%%")) s = s.replace(/%%/g, "% %");
  const chars = [...s];
  return chars.length > max
    ? `${chars
        .slice(0, Math.max(1, max - 1))
        .join("")
        .trimEnd()}…`
    : s;
}
