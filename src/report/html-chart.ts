import type { Verdict } from "../model/report.js";
import { escapeHtml as h } from "../text.js";
import type { Cutoffs } from "./cutoffs.js";

/** One row of the chart: a stage, with its bar (or why it has none). */
export interface ChartRow {
  label: string;
  /** Bars drawn in this row, top to bottom: one for a report, then and now for a comparison. */
  bars: ChartBar[];
  /** The stage's own cut-offs, when it sets its own; else the chart's. */
  thresholds?: Cutoffs;
}

export interface ChartBar {
  /** null: no bar; `missing` says why. */
  score: number | null;
  verdict: Verdict;
  /** "then" or "now" on a comparison, shown before the score. */
  tag?: string;
  /** A faded bar: the earlier side of a comparison. */
  faded?: boolean;
  /** The team's range: whiskers from min to max, a box from q1 to q3. */
  range?: { min: number; max: number; q1: number; q3: number };
  /** Said in place of a bar: "Insufficient: too little answered", "Does not apply". */
  missing?: string;
}

export const VERDICT_COLOURS: Record<Verdict, string> = { automate: "#1e7b4f", hybrid: "#b86e00", human: "#3a4fa3", insufficient: "#8a8f98", "not-applicable": "#8a8f98" };

const LABEL = 210;
const PLOT = 430;
// a column right of the plot for the scores of team bars, whose whiskers would cross a label set beside the bar
const RIGHT = 120;
const WIDTH = LABEL + PLOT + RIGHT;
const BAR = 18;
const GAP = 10;
const TOP = 34;

/**
 * A horizontal bar chart of scores from 0 to 100 as inline SVG: bars coloured by verdict with the score beside each,
 * the thresholds drawn as dashed lines over shaded bands, stages without a reliable score said so in words.
 */
export function svgChart(title: string, rows: ChartRow[], thresholds: { automate: number; human: number }): string {
  const x = (score: number) => LABEL + (PLOT * Math.min(100, Math.max(0, score))) / 100;
  const rowHeight = (r: ChartRow) => r.bars.length * (BAR + 4) - 4 + GAP;
  const height = TOP + rows.reduce((sum, r) => sum + rowHeight(r), 0) + 30;
  const out: string[] = [
    `<svg class="chart" role="img" aria-label="${h(title)}" viewBox="0 0 ${WIDTH} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="inherit" font-size="12">`,
    `<title>${h(title)}</title>`,
    // the bands' names over the set's cut-offs; each row draws its own bands and cut marks
    `<text x="${(x(0) + x(thresholds.human)) / 2}" y="${TOP - 12}" text-anchor="middle" fill="${VERDICT_COLOURS.human}">Keep human</text>`,
    `<text x="${(x(thresholds.human) + x(thresholds.automate)) / 2}" y="${TOP - 12}" text-anchor="middle" fill="${VERDICT_COLOURS.hybrid}">Hybrid</text>`,
    `<text x="${(x(thresholds.automate) + x(100)) / 2}" y="${TOP - 12}" text-anchor="middle" fill="${VERDICT_COLOURS.automate}">Automate</text>`,
  ];
  if (rows.some((r) => r.bars.some((b) => b.range))) out.push(`<text x="${x(100) + 10}" y="${TOP - 12}" fill="#555">median, range</text>`);
  let y = TOP;
  const cuts: { top: number; bottom: number; cut: Cutoffs; label: string }[] = [];
  for (const row of rows) {
    const rowTop = y;
    const own = row.thresholds ?? thresholds;
    const bandTop = rowTop - GAP / 2;
    const bandHeight = rowHeight(row);
    out.push(
      `<rect x="${x(0)}" y="${bandTop}" width="${x(own.human) - x(0)}" height="${bandHeight}" fill="${VERDICT_COLOURS.human}" fill-opacity="0.07"/>`,
      `<rect x="${x(own.human)}" y="${bandTop}" width="${x(own.automate) - x(own.human)}" height="${bandHeight}" fill="${VERDICT_COLOURS.hybrid}" fill-opacity="0.07"/>`,
      `<rect x="${x(own.automate)}" y="${bandTop}" width="${x(100) - x(own.automate)}" height="${bandHeight}" fill="${VERDICT_COLOURS.automate}" fill-opacity="0.07"/>`,
    );
    cuts.push({ top: bandTop, bottom: bandTop + bandHeight, cut: own, label: row.label });
    out.push(
      `<text class="stage-label" x="${LABEL - 8}" y="${rowTop + (rowHeight(row) - GAP) / 2 + 4}" text-anchor="end">${h(cut(row.label, 34))}<title>${h(row.label)}</title></text>`,
    );
    for (const bar of row.bars) {
      const mid = y + BAR / 2 + 4;
      const tag = bar.tag ? `${bar.tag} ` : "";
      if (bar.score === null || bar.missing) {
        const text = `${tag}${bar.missing ?? "No score"}`;
        out.push(
          `<rect x="${x(0)}" y="${y}" width="${PLOT}" height="${BAR}" fill="none" stroke="${VERDICT_COLOURS.insufficient}" stroke-dasharray="3 3"/>`,
          `<text x="${x(0) + 8}" y="${mid}" fill="#555" font-style="italic">${h(text)}</text>`,
        );
      } else {
        const colour = VERDICT_COLOURS[bar.verdict];
        const end = x(bar.score);
        out.push(`<rect x="${x(0)}" y="${y}" width="${Math.max(1, end - x(0))}" height="${BAR}" fill="${colour}"${bar.faded ? ` fill-opacity="0.4" stroke="${colour}"` : ""}/>`);
        if (bar.range) {
          const r = bar.range;
          const cy = y + BAR / 2;
          out.push(
            `<g class="range" stroke="#222" stroke-width="1.5">`,
            `<line x1="${x(r.min)}" y1="${cy}" x2="${x(r.max)}" y2="${cy}"/>`,
            `<line x1="${x(r.min)}" y1="${cy - 6}" x2="${x(r.min)}" y2="${cy + 6}"/>`,
            `<line x1="${x(r.max)}" y1="${cy - 6}" x2="${x(r.max)}" y2="${cy + 6}"/>`,
            `<rect x="${x(r.q1)}" y="${cy - 4}" width="${Math.max(1.5, x(r.q3) - x(r.q1))}" height="8" fill="#fff" fill-opacity="0.6"/>`,
            "</g>",
          );
        }
        const label = `${tag}${bar.score}`;
        if (bar.range) {
          out.push(
            `<text class="data-label" x="${x(100) + 10}" y="${mid}" font-weight="bold" fill="#222">${h(label)} <tspan font-weight="normal" fill="#555">${bar.range.min}–${bar.range.max}</tspan></text>`,
          );
        } else {
          // the score beside the bar, or inside it when the bar runs near the right edge
          const inside = end > x(100) - 7 * label.length - 12;
          out.push(
            inside
              ? `<text class="data-label" x="${end - 6}" y="${mid}" text-anchor="end" fill="${bar.faded ? "#222" : "#fff"}" font-weight="bold">${h(label)}</text>`
              : `<text class="data-label" x="${end + 6}" y="${mid}" font-weight="bold" fill="#222">${h(label)}</text>`,
          );
        }
      }
      y += BAR + 4;
    }
    y += GAP - 4;
  }
  const bottom = y + 4;
  // the cut marks drawn after the bars, so a bar never hides the line its verdict was made on
  for (const c of cuts) {
    for (const [value, name, base] of [
      [c.cut.human, "keep human at or below", thresholds.human],
      [c.cut.automate, "automate at or above", thresholds.automate],
    ] as const) {
      // a stage's own cut-off drawn heavier; the caption lists its value
      const own = value !== base;
      out.push(
        `<line class="threshold${own ? " own" : ""}" x1="${x(value)}" y1="${c.top}" x2="${x(value)}" y2="${c.bottom}" stroke="#222" stroke-dasharray="${own ? "3 2" : "5 4"}"${own ? ' stroke-width="2.5"' : ""}><title>${h(`${c.label}: ${name} ${value}`)}</title></line>`,
      );
    }
  }
  for (const value of [thresholds.human, thresholds.automate]) out.push(`<text x="${x(value)}" y="${bottom + 14}" text-anchor="middle" fill="#222">${value}</text>`);
  out.push(
    `<text x="${x(0)}" y="${bottom + 14}" text-anchor="middle" fill="#555">0</text>`,
    `<text x="${x(100)}" y="${bottom + 14}" text-anchor="middle" fill="#555">100</text>`,
    "</svg>",
  );
  return out.join("\n");
}

function cut(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}
