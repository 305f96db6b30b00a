import { type Cutoffs, capsSentence, gateMark, cutoffsSentence } from "./cutoffs.js";
import type { Assessment, Driver, StageAssessment, TeamAssessment, TeamStage } from "../model/report.js";
import { RECOMMENDATIONS, type Verdict, VERDICTS } from "../model/verdict.js";
import type { Campaign, Kpi, Play } from "../model/question-set.js";
import type { Comparison, StagePoint } from "../model/report.js";
import type { CampaignSchedule, KpiWatch, SummaryItem } from "../model/plan.js";
import { number } from "../score/kpis.js";
import { percent } from "../score/score.js";
import { answerText, comparisonTitle, signed } from "./compare-text.js";
import { svgChart, VERDICT_COLOURS } from "./html-chart.js";
import { cadence, campaignDates, sizedByText, trend } from "./plan-markdown.js";
import {
  agreement,
  answeredBy,
  columnsExplained,
  answerLabel,
  disputedAnswers,
  isSmallTeam,
  middleHalf,
  num,
  range,
  respondentLabel,
  stageFigures,
  stageNames,
  stageRespondents,
  tallyText,
  teamSize,
  CONSENSUS_NOTE,
} from "./team-text.js";
import { escapeHtml as h, setLabel, reportTitle, verdictLabel } from "../text.js";

const NOT_APPLICABLE = "Does not apply: every question was answered n/a";
/** Only a recommendation is drawn as a bar: an insufficient stage's score is unreliable, a not-applicable one has none. */
const recommended = (v: Verdict) => (RECOMMENDATIONS as readonly Verdict[]).includes(v);

const PRINCIPLE =
  "Automation here supports human service and never replaces it: it takes the routine work so people have more time for customers, and every stage keeps a person the customer can reach.";

/** The client deliverable as one self-contained HTML page (inline CSS and SVG, nothing fetched), made to print to PDF. Pure. */
export function renderHtml(a: Assessment): string {
  const who = a.client?.trim();
  const body: string[] = [
    cover("Automation fit", who, [
      ["Client", a.client],
      ["Assessor", a.assessor],
      ["Date", a.date],
      ["Question set", setLabel(a.set)],
    ]),
  ];

  body.push(warningsSection(a.warnings));
  body.push(kpiWatchSection(a.kpiWatch));
  body.push('<section class="summary">', "<h2>Executive summary</h2>", summaryText(a));
  if (a.stages.length === 0) body.push("<p>No stages in this question set.</p>");
  else {
    // the chart before the table: a chart is never cut across pages, a table's rows may flow on to the next
    body.push(
      figure(
        svgChart(
          "Automation fit by stage",
          a.stages.map((s) => ({ label: s.name, thresholds: s.thresholds, bars: [{ score: recommended(s.verdict) ? s.score : null, verdict: s.verdict, ...missing(s) }] })),
          a.thresholds,
        ),
        chartCaption(a.thresholds, a.stages),
      ),
      table(
        ["Stage", "Verdict", "Score", "Answered"],
        a.stages.map((s) => [link(s), `${verdictBadge(s.verdict)}${gateMark(s)}`, s.score === null ? "–" : String(s.score), `${s.counts.answered} of ${s.counts.questions}`]),
        [false, false, true, true],
      ),
    );
    for (const caps of capsSentence(a.stages)) body.push(`<p class="caps">${h(caps)}</p>`);
  }
  body.push("</section>");

  for (const [i, s] of a.stages.entries()) body.push(stageSection(s, i));
  body.push(planSection(a));
  body.push(campaignSection(a.campaigns, a.calendar));
  body.push(methodSection(a.thresholds, false));
  body.push(appendix(a));
  return page(reportTitle("Automation fit", who), body);
}

/** The team deliverable as one self-contained HTML page. Pure. */
export function renderTeamHtml(t: TeamAssessment): string {
  const small = isSmallTeam(t);
  const who = t.client?.trim();
  const body: string[] = [
    cover("Automation fit, team view", who, [
      ["Client", t.client],
      ["Respondents", teamSize(t)],
      ["Question set", setLabel(t.set)],
    ]),
  ];

  body.push(warningsSection(t.warnings));
  body.push(kpiWatchSection(t.kpiWatch));
  body.push('<section class="summary">', "<h2>Executive summary</h2>", summaryText(t));
  if (t.summary.length) body.push(`<p class="note">${h(CONSENSUS_NOTE)}</p>`);
  const caps = capsSentence(t.stages);
  body.push(
    table(
      ["Stage", "Verdict", "Median", small ? "Range" : "Middle half", "Answered", "Agree"],
      t.stages.map((s) => [
        link(s),
        `${verdictBadge(s.verdict)}${gateMark(s)}`,
        s.median === null ? "–" : num(s.median),
        small ? range(s.spread) : middleHalf(s.spread),
        answeredBy(s, t),
        agreement(s, small),
      ]),
      [false, false, true, true, true, true],
    ),
    ...caps.map((sentence) => `<p class="caps">${h(sentence)}</p>`),
    `<p class="note">${h(columnsExplained(small))}</p>`,
    figure(
      svgChart(
        "Team median by stage, with the range of the respondents' scores",
        t.stages.map((s) => ({
          label: s.name,
          ...(s.thresholds ? { thresholds: s.thresholds } : {}),
          bars: [
            {
              score: recommended(s.verdict) ? s.median : null,
              verdict: s.verdict,
              ...(s.spread ? { range: { min: s.spread.min, max: s.spread.max, q1: s.spread.q1, q3: s.spread.q3 } } : {}),
              ...(recommended(s.verdict) ? {} : { missing: s.verdict === "not-applicable" ? NOT_APPLICABLE : "Insufficient: too little answered" }),
            },
          ],
        })),
        t.thresholds,
      ),
      `${chartCaption(t.thresholds, t.stages)} The line across each bar runs from the lowest to the highest respondent's score; the light box marks the middle half.`,
    ),
  );
  body.push("</section>");

  if (t.disagreements.length > 0) {
    body.push(
      '<section class="disagreements">',
      "<h2>Where you see the customer differently</h2>",
      "<p>The questions answered most differently, weighted by how much they move the scores. Where people answer differently, they see the customer differently: talk these through before automating.</p>",
      "<ol>",
      ...t.disagreements.map((d) => {
        const detail = small
          ? `<ul>${disputedAnswers(t, d)
              .map((r) => `<li>${h(respondentLabel(r.respondent))}: ${h(answerLabel(d, r.answer))}</li>`)
              .join("")}</ul>`
          : `<p>${h(tallyText(d))}</p>`;
        return `<li class="keep"><strong>${h(d.question)}</strong> <span class="muted">(${h(stageNames(t, d.stages).join(", "))})</span>${detail}</li>`;
      }),
      "</ol>",
      "</section>",
    );
  }

  for (const [i, s] of t.stages.entries()) body.push(teamStageSection(t, s, i, small));
  body.push(planSection(t));
  body.push(campaignSection(t.campaigns, t.calendar));
  body.push(methodSection(t.thresholds, true, small));

  body.push('<section class="appendix">', "<h2>Appendix: respondents</h2>");
  if (t.respondentsListed) {
    const commented = t.respondents.some((r) => r.comment);
    body.push(
      table(
        ["Respondent", "Role", ...(commented ? ["Comment"] : [])],
        t.respondents.map((r) => [h(r.name), h(r.role ?? ""), ...(commented ? [h(r.comment ?? "")] : [])]),
        [false, false, ...(commented ? [false] : [])],
      ),
    );
  } else body.push(`<p>${h(teamSize(t))}: too many to list here (report with --respondents to list them).</p>`);
  if (small && t.respondentCount > 1) {
    body.push(
      "<h3>Scores by respondent</h3>",
      "<p>Each respondent's score per stage; – means too little answered for a verdict of their own.</p>",
      table(
        ["Stage", ...t.respondents.map((r) => h(r.name))],
        t.stages.map((s, si) => [
          h(s.name),
          ...stageRespondents(t, si).map((r) => (r.verdict === "insufficient" || r.score === null ? "–" : `${r.score} ${h(verdictLabel(r.verdict))}`)),
        ]),
        [false, ...t.respondents.map(() => true)],
      ),
    );
  }
  body.push("</section>");
  return page(reportTitle("Automation fit, team view", who), body);
}

/** Progress between two assessments as one self-contained HTML page. Pure. */
export function renderCompareHtml(c: Comparison): string {
  const { who, then, now } = comparisonTitle(c);
  const side = (s: Comparison["before"]) => [s.date ?? "no date", setLabel(s.set), s.assessor ? `assessed by ${s.assessor}` : ""].filter(Boolean).join(" · ");
  const body: string[] = [
    cover(
      "Progress",
      who,
      [
        ["Then", side(c.before)],
        ["Now", side(c.after)],
      ],
      true,
    ),
  ];
  body.push(kpiWatchSection(c.kpiWatch));
  body.push('<section class="summary">', "<h2>Summary</h2>");
  for (const note of c.notes) body.push(`<p class="note"><strong>Note:</strong> ${h(note)}</p>`);
  if (c.stages.length === 0) body.push("<p>No stages to compare.</p>");
  else {
    const score = (p: StagePoint | null) => (p?.score == null ? "–" : String(p.score));
    const verdict = (p: StagePoint | null) => (p ? verdictBadge(p.verdict) : "not there");
    body.push(
      table(
        ["Stage", "Then", "Now", "Change", "Verdict then", "Verdict now"],
        c.stages.map((s) => [h(s.name || s.id), score(s.before), score(s.after), signed(s.change), verdict(s.before), verdict(s.after)]),
        [false, true, true, true, false, false],
      ),
      figure(
        svgChart(
          `Scores then (${then}) and now (${now})`,
          c.stages.map((s) => ({
            label: s.name || s.id,
            ...(s.thresholds ? { thresholds: s.thresholds } : {}),
            bars: [
              { ...point(s.before), tag: "then", faded: true },
              { ...point(s.after), tag: "now" },
            ],
          })),
          c.thresholds,
        ),
        `${chartCaption(c.thresholds, c.stages)} Each stage has two bars: the faded one is then (${h(then)}), the solid one now (${h(now)}).`,
      ),
    );
  }
  body.push("</section>");

  if (c.answersChanged !== null && c.answersChanged > 0) {
    body.push(
      '<section class="changes">',
      "<h2>Answers that changed</h2>",
      `<p>${c.answersChanged} answer${c.answersChanged === 1 ? "" : "s"} changed. Under each stage, the points each change moved its score (taken in question order, they add up to the stage's change).</p>`,
    );
    for (const s of c.stages.filter((x) => x.answers.length > 0)) {
      body.push(
        `<h3>${h(s.name || s.id)}: ${signed(s.change)}</h3>`,
        table(
          ["Question", "Then", "Now", "Points"],
          s.answers.map((a) => [h(a.question), h(answerText(a.before)), `<strong>${h(answerText(a.after))}</strong>`, signed(a.effect)]),
          [false, false, false, true],
        ),
      );
    }
    body.push("</section>");
  }
  return page(`Progress: ${who}`, body);
}

function point(p: StagePoint | null): { score: number | null; verdict: Verdict; missing?: string } {
  if (!p) return { score: null, verdict: "insufficient", missing: "Not in this assessment" };
  if (p.verdict === "not-applicable") return { score: null, verdict: p.verdict, missing: NOT_APPLICABLE };
  if (!recommended(p.verdict) || p.score === null) return { score: null, verdict: p.verdict, missing: "Insufficient: too little answered" };
  return { score: p.score, verdict: p.verdict };
}

function missing(s: StageAssessment): { missing?: string } {
  if (s.verdict === "not-applicable") return { missing: NOT_APPLICABLE };
  if (s.verdict !== "insufficient") return {};
  if (s.counts.questions > 0 && s.counts.notApplicable === s.counts.questions) return { missing: NOT_APPLICABLE };
  return { missing: `Insufficient: too little answered (${s.counts.answered} of ${s.counts.questions})` };
}

function chartCaption(t: Cutoffs, stages: { name: string; thresholds?: Cutoffs }[]): string {
  return `Bars: each stage's score from 0 (keep human) to 100 (automate), coloured by verdict, over its own bands. Dashed lines (heavier where a stage sets its own): ${cutoffsSentence(stages, t, (s) => h(s.name))}`;
}

function stageSection(s: StageAssessment, i: number): string {
  const figures = `${s.score === null ? "no score" : `score ${s.score} of 100`}, answered ${s.counts.answered} of ${s.counts.questions}`;
  const out = [`<section class="stage" id="stage-${i + 1}">`, `<h2>${h(s.name)}</h2>`, `<p class="verdict">${verdictBadge(s.verdict)} ${figures}</p>`];
  out.push(`<p class="description">${h(s.description)}</p>`, "<h3>Why</h3>", `<p>${h(s.reason)}</p>`);
  out.push(...extras(s));
  if (s.drivers.length > 0) {
    out.push(
      "<h3>What moved the score</h3>",
      table(
        ["Question", "Answer", "Points"],
        s.drivers.map((d) => [`${h(d.question)}${d.note ? `<div class="note">Note: ${h(d.note)}</div>` : ""}`, h(d.answerLabel), effect(d)]),
        [false, false, true],
      ),
    );
  }
  out.push(plays(s.plays));
  if (s.verdict === "automate" || s.verdict === "hybrid") out.push(kpis(s.kpis));
  out.push("</section>");
  return out.join("\n");
}

function teamStageSection(t: TeamAssessment, s: TeamStage, i: number, small: boolean): string {
  const out = [
    `<section class="stage" id="stage-${i + 1}">`,
    `<h2>${h(s.name)}</h2>`,
    `<p class="verdict">${verdictBadge(s.verdict)} ${h(stageFigures(s, small))}, answered by ${h(answeredBy(s, t))}, ${agreement(s, small)} agree</p>`,
    `<p class="description">${h(s.description)}</p>`,
    "<h3>Why</h3>",
    `<p>${h(s.reason)}</p>`,
    plays(s.plays),
    s.verdict === "automate" || s.verdict === "hybrid" ? kpis(s.kpis) : "",
    "</section>",
  ];
  return out.join("\n");
}

function effect(d: Driver): string {
  const up = d.effect > 0;
  return `<span class="${up ? "up" : "down"}">${up ? "+" : "−"}${Math.abs(d.effect).toFixed(1)}</span> <span class="muted">toward ${up ? "automating" : "a person"}</span>`;
}

function plays(list: Play[]): string {
  if (list.length === 0) return "";
  const items = list.map(
    (p) =>
      `<div class="play keep"><h4>${h(p.title)}</h4><dl><dt>Automate</dt><dd>${h(p.automate)}</dd><dt>Human part</dt><dd>${h(p.human)}</dd>${p.effort ? `<dt>Effort</dt><dd>${h(p.effort)}</dd>` : ""}</dl></div>`,
  );
  return ["<h3>What to automate, and the human part to keep</h3>", ...items].join("\n");
}

function kpis(list: Kpi[]): string {
  if (list.length === 0) return "";
  return [
    "<h3>Numbers to watch once it is automated (KPIs)</h3>",
    "<ul>",
    ...list.map((k) => `<li class="keep"><strong>${h(k.name)}</strong>: ${h(k.watch)}${kpiMeasure(k)}</li>`),
    "</ul>",
  ].join("\n");
}

/** What a KPI counts and its default tripwire, when the set says. */
function kpiMeasure(k: Kpi): string {
  const parts: string[] = [];
  if (k.measure) parts.push(`measured as ${h(k.measure)}`);
  if (k.tripwire) parts.push(`alarm when it moves ${h(k.tripwire.direction)} ${k.tripwire.size} ${h(k.tripwire.unit)} from its baseline`);
  return parts.length ? ` <span class="muted">(${parts.join("; ")})</span>` : "";
}

/** The advice beyond the score: what would change the verdict (on the edge when one answer would), what the stage risks losing. */
function extras(s: { flipText?: string | null; edge?: boolean; risk?: string }): string[] {
  const out: string[] = [];
  if (s.flipText) {
    out.push(`<h3>What would change the verdict</h3>`, `<p>${s.edge ? '<strong class="edge">On the edge:</strong> ' : ""}${h(s.flipText)}</p>`);
  }
  if (s.risk) out.push("<h3>What you risk losing</h3>", `<p>${h(s.risk)}</p>`);
  return out;
}

/** Things in the answers that make the report less sure (contradictions, the same answer all through): read before the rest. */
function warningsSection(warnings: { message: string }[] | undefined): string {
  if (!warnings?.length) return "";
  return ['<section class="warnings keep">', "<h2>Check these answers first</h2>", "<ul>", ...warnings.map((w) => `<li>${h(w.message)}</li>`), "</ul>", "</section>"].join("\n");
}

/** The three to five things to do first, with the verdicts at a glance. */
function summaryText(a: { stages: { verdict: Verdict; name: string }[]; summary?: SummaryItem[] }): string {
  const first = a.summary?.length ? `<h3>What to do first</h3>\n<ol class="first">${a.summary.map((s) => `<li>${h(s.text)}</li>`).join("")}</ol>` : "";
  const by = (v: Verdict) => a.stages.filter((s) => s.verdict === v).map((s) => s.name);
  const parts = VERDICTS.map((v) => [v, by(v)] as const)
    .filter(([, names]) => names.length > 0)
    .map(([v, names]) => `<li>${verdictBadge(v)} ${h(names.join(", "))}</li>`);
  return [first, parts.length ? `<ul class="verdicts">${parts.join("")}</ul>` : ""].filter(Boolean).join("\n");
}

/** With a KPI log: the alarms, then each KPI's movement since its baseline, the trend in plain figures. */
function kpiWatchSection(watch: KpiWatch[] | undefined): string {
  if (!watch?.length) return "";
  const alarms = watch.filter((w) => w.alert);
  const out = ['<section class="kpi-watch">', "<h2>KPI watch</h2>"];
  out.push(
    alarms.length ? alarms.map((w) => `<p class="alarm keep"><strong>${h(w.message)}</strong></p>`).join("\n") : `<p>No KPI is past its tripwire (${watch.length} watched).</p>`,
  );
  if (watch.length > 0) {
    out.push(
      table(
        ["KPI", "Owner", "Baseline", "Latest", "Change", "Tripwire", "Trend", "Status"],
        watch.map((w) => [
          `${h(w.name)}${w.measure ? `<br><span class="muted">${h(w.measure)}</span>` : ""}`,
          h(w.owner ?? "–"),
          w.baseline === null ? "–" : `${number(w.baseline)} <span class="muted">${h(w.readings[0]?.date ?? "")}</span>`,
          w.latest === null ? "–" : `${number(w.latest)} <span class="muted">${h(w.readings.at(-1)?.date ?? "")}</span>`,
          w.change === null ? "–" : `${w.change > 0 ? "+" : w.change < 0 ? "−" : ""}${number(Math.abs(w.change))}${w.tripwire?.unit === "percent" ? "%" : " points"}`,
          w.tripwire ? h(`${w.tripwire.direction} ${number(w.tripwire.size)} ${w.tripwire.unit}`) : "none",
          h(trend(w)),
          w.alert ? '<strong class="alarm-word">ALARM</strong>' : w.readings.length > 1 ? "inside" : w.readings.length === 1 ? "baseline only" : "no readings yet",
        ]),
        [false, false, true, true, true, false, false, false],
      ),
    );
  }
  out.push("</section>");
  return out.join("\n");
}

/** The hours the plan frees, then the roadmap as a checklist by phase; nothing for a model without a plan. */
function planSection(a: Pick<Assessment, "roadmap" | "sizing"> & { stages: Pick<StageAssessment, "id" | "verdict" | "kpis">[] }): string {
  if (!a.roadmap?.length) return "";
  const out = ['<section class="plan">', "<h2>Roadmap: the next 90 days</h2>"];
  if (a.sizing) {
    const verdicts = new Map(a.stages.map((s) => [s.id, s.verdict]));
    const share = a.sizing.shares;
    out.push(
      "<h3>Hours freed a month</h3>",
      `<p>Times a month x admin minutes each (booking, reminders, paperwork; not the work itself) / 60 x the automatable share of the stage's verdict: ${Math.round(share.automate * 100)}% for Automate, ${Math.round(share.hybrid * 100)}% for Hybrid, ${Math.round(share.human * 100)}% for Keep human, as the question set declares.</p>`,
      table(
        ["Stage", "Times a month", "Admin minutes each", "Verdict", "Share", "Hours freed"],
        [
          ...a.sizing.stages.map((s) => {
            const v = verdicts.get(s.stageId);
            return [
              h(s.stageName),
              number(s.timesPerMonth),
              number(s.minutes),
              v ? verdictBadge(v) : "–",
              s.share === null ? "–" : `${Math.round(s.share * 100)}%`,
              `${s.hoursPerMonth === null ? "no verdict yet" : number(s.hoursPerMonth)}${h(sizedByText(s))}`,
            ];
          }),
          ["<strong>Total</strong>", "", "", "", "", `<strong>${number(a.sizing.totalHoursPerMonth)}</strong>`],
        ],
        [false, true, true, false, true, true],
      ),
    );
  }
  out.push(
    "<p>Quick wins first: stages that fit automation well, take much of the team's time, and need little effort. Each task keeps its human part; the KPIs named are the ones to watch once it runs.</p>",
  );
  const kpiNames = new Map(a.stages.flatMap((s) => s.kpis.map((k) => [k.id, k.name] as const)));
  for (const phase of a.roadmap) {
    if (phase.items.length === 0 && phase.campaigns.length === 0) continue;
    out.push(`<h3>${h(phase.title)} <span class="muted">${h(phase.from)} to ${h(phase.to)}</span></h3>`, '<ul class="checklist">');
    for (const i of phase.items) {
      const watch = i.kpis.length ? ` <span class="muted">KPIs: ${h(i.kpis.map((id) => kpiNames.get(id) ?? id).join(", "))}.</span>` : "";
      out.push(
        `<li class="keep"><strong>${h(i.stageName)}: ${h(i.play)}</strong> <span class="muted">(${h(i.why)})</span><br>Automate: ${h(i.automate)} <em>Human part:</em> ${h(i.humanPart)}${watch}</li>`,
      );
    }
    for (const c of phase.campaigns) {
      out.push(
        `<li class="keep"><strong>${h(c.name)}</strong> ${c.every === null ? `from ${h(c.date)}, a standing practice` : `by ${h(c.date)}, then ${h(cadence(c.every))}`}; a person, always.</li>`,
      );
    }
    out.push("</ul>");
  }
  out.push("</section>");
  return out.join("\n");
}

function campaignSection(campaigns: Campaign[], calendar?: CampaignSchedule[]): string {
  if (campaigns.length === 0) return "";
  return [
    '<section class="campaigns">',
    "<h2>Campaigns that stay human</h2>",
    "<p>Whatever the scores say, these stay with a person:</p>",
    "<ul>",
    ...campaigns.map((c) => {
      const dates = campaignDates(calendar, c.id) || (c.every ? ` (${cadence(c.every)})` : "");
      return `<li class="keep"><strong>${h(c.name)}</strong>${dates ? ` <span class="muted">${h(dates.trim())}</span>` : ""}: ${h(c.description)}</li>`;
    }),
    "</ul>",
    "</section>",
  ].join("\n");
}

function methodSection(t: Assessment["thresholds"], team: boolean, small = true): string {
  const out = [
    '<section class="method">',
    "<h2>How the score works</h2>",
    "<p>Each question points one way: a yes to it speaks either for automating a stage or for keeping a person there. Each stage gets a score from 0 to 100 from the answers that bear on it, weighted by how strongly each question matters there: 0 means keep it fully human, 100 means customers can be served well there without a person in every step. Yes counts fully, partly half, no not at all.</p>",
  ];
  if (team)
    out.push(
      "<p>Each respondent's answers score every stage on their own. The team's score for a stage is the median of the respondents who answered enough of it for a verdict of their own, and the verdict is that of the median.</p>",
    );
  out.push(
    "<ul>",
    `<li>${verdictBadge("automate")} score at or above ${t.automate}.</li>`,
    `<li>${verdictBadge("hybrid")} score between ${t.human} and ${t.automate}: automate the routine part, keep a person for the rest.</li>`,
    `<li>${verdictBadge("human")} score at or below ${t.human}.</li>`,
    `<li>${verdictBadge("insufficient")} less than ${percent(t.minConfidence)} of the stage's questions (counted by weight) answered: too little to say.</li>`,
    "</ul>",
    "<p>Answered counts the questions given an answer; &quot;Not sure&quot; and &quot;Does not apply&quot; do not count. The verdict needs enough of a stage's questions answered, counted by weight: the more a question matters to the stage, the more it counts. The points beside an answer show how far it moved the score away from the midpoint, 50: plus toward automating, minus toward a person.</p>",
  );
  if (team)
    out.push(
      small
        ? "<p>Range is the lowest to the highest score; Agree counts the respondents whose own verdict is the team's.</p>"
        : "<p>Middle half is where the middle 50% of the respondents' scores lie; Agree is the share of respondents whose own verdict is the team's.</p>",
    );
  out.push("</section>");
  return out.join("\n");
}

function appendix(a: Assessment): string {
  const records = a.answers ?? [];
  if (records.length === 0) return "";
  return [
    '<section class="appendix">',
    "<h2>Appendix: every answer</h2>",
    a.note ? `<p class="note"><strong>General note:</strong> ${h(a.note)}</p>` : "",
    table(
      ["Question", "Stages", "Answer"],
      records.map((r) => [
        `${h(r.question)}${r.note ? `<div class="note">Note: ${h(r.note)}</div>` : ""}`,
        `<span class="muted">${h(r.stages.join(", "))}</span>`,
        r.answerLabel === null ? '<span class="muted">not answered</span>' : h(r.answerLabel),
      ]),
      [false, false, false],
    ),
    "</section>",
  ].join("\n");
}

/**
 * The first page: what and for whom, then the facts; the one named in the title is not repeated among them. Without a
 * client, the kind is the title. In print it shares page 1 with the summary (a page of its own was mostly blank).
 */
function cover(kind: string, who: string | undefined, facts: [string, string | undefined][], compact = false): string {
  const rows = facts.filter((f): f is [string, string] => Boolean(f[1]?.trim()) && f[1] !== who).map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`);
  return [
    `<header class="cover${compact ? " compact" : ""}">`,
    ...(who ? [`<p class="kind">${h(kind)}</p>`, `<h1>${h(who)}</h1>`] : [`<h1>${h(kind)}</h1>`]),
    `<dl class="facts">${rows.join("")}</dl>`,
    `<p class="principle">${h(PRINCIPLE)}</p>`,
    "</header>",
  ].join("\n");
}

function link(s: { name: string }): string {
  return h(s.name);
}

function verdictBadge(v: Verdict): string {
  return `<span class="badge ${v}">${h(verdictLabel(v))}</span>`;
}

/** Cells are HTML already escaped by the caller; `right` aligns number columns. */
function table(head: string[], rows: string[][], right: boolean[]): string {
  const cls = (i: number) => (right[i] ? ' class="num"' : "");
  return [
    "<table>",
    `<thead><tr>${head.map((c, i) => `<th${cls(i)}>${c}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`),
    "</tbody>",
    "</table>",
  ].join("\n");
}

function figure(svg: string, caption: string): string {
  return `<figure class="keep">\n${svg}\n<figcaption>${caption}</figcaption>\n</figure>`;
}

const CSS = `
:root { --automate: ${VERDICT_COLOURS.automate}; --hybrid: ${VERDICT_COLOURS.hybrid}; --human: ${VERDICT_COLOURS.human}; --insufficient: ${VERDICT_COLOURS.insufficient}; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #1d1f23; line-height: 1.45; margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem; font-size: 11pt; }
h1 { font-size: 2rem; margin: 0.2rem 0 1.5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.4rem; border-bottom: 2px solid #d8dbe0; padding-bottom: 0.2rem; margin-top: 2.2rem; overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
h4 { font-size: 1rem; margin: 0 0 0.3rem; }
p, li, dd, td { overflow-wrap: anywhere; }
.cover { min-height: 60vh; border-bottom: 4px solid var(--automate); margin-bottom: 2rem; padding-top: 4rem; }
.cover .kind { text-transform: uppercase; letter-spacing: 0.12em; color: #555; margin: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1.2rem; }
.facts dt { font-weight: bold; color: #555; }
.facts dd { margin: 0; }
.principle { font-style: italic; color: #444; max-width: 40rem; }
.badge { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 0.6rem; color: #fff; font-weight: bold; font-size: 0.9em; white-space: nowrap; }
.badge.automate { background: var(--automate); } .badge.hybrid { background: var(--hybrid); } .badge.human { background: var(--human); } .badge.insufficient, .badge.not-applicable { background: var(--insufficient); }
.warnings { border-left: 4px solid var(--hybrid); background: #fdf6ec; padding: 0.2rem 1rem; }
.edge { color: var(--hybrid); }
.verdict { font-size: 1.05rem; }
.description { color: #444; }
.muted { color: #666; }
.note { color: #444; font-style: italic; margin-top: 0.2rem; }
.up { color: var(--automate); font-weight: bold; } .down { color: var(--human); font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.95em; }
th, td { border-bottom: 1px solid #d8dbe0; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f1f3f5; }
.num { text-align: right; white-space: nowrap; }
.play { border-left: 4px solid var(--automate); background: #f7f8f9; padding: 0.5rem 0.8rem; margin: 0.5rem 0; }
.play dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; }
.play dt { font-weight: bold; } .play dd { margin: 0; }
figure { margin: 1rem 0; } figcaption { font-size: 0.9em; color: #555; }
.chart { max-width: 100%; height: auto; }
.verdicts { list-style: none; padding: 0; } .verdicts li { margin: 0.3rem 0; }
.first li { margin: 0.3rem 0; }
.alarm { border-left: 4px solid var(--human); background: #fbeff3; padding: 0.5rem 0.8rem; }
.alarm-word { color: var(--human); }
.checklist { list-style: none; padding-left: 0; } .checklist li { margin: 0.45rem 0; padding-left: 1.4rem; text-indent: -1.4rem; }
.checklist li::before { content: "\\2610"; display: inline-block; width: 1.4rem; text-indent: 0; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  /* the title block shares page 1 with the summary: a cover page of its own was mostly blank (#13) */
  .cover { min-height: 0; padding-top: 0; margin-bottom: 1rem; break-after: auto; }
  /* the summary table is read as a whole: never split across pages */
  section.summary table { break-inside: avoid; }
  section.stage, section.method, section.appendix, section.plan { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  tr, .keep, figure, .play, dl { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`;

function page(title: string, body: string[]): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    // nothing may be fetched: no scripts, no remote images, styles or fonts
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    ...body.filter(Boolean),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
