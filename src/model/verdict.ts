// No zod here: the scoring and the renderers take these at run time without loading the schemas of ./report.ts.

/** What a stage can come out as, written once: ./report.ts's Verdict schema, the labels and the renderers take it from here. */
export const VERDICTS = ["automate", "hybrid", "human", "insufficient", "not-applicable"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The verdicts a stage is recommended at; insufficient and not-applicable say there is no recommendation. */
export const RECOMMENDATIONS = ["automate", "hybrid", "human"] as const satisfies readonly Verdict[];

/**
 * The version of every JSON output: report, team report, comparison. 2: one output model (src/model/report.ts), each team
 * respondent once, verdicts not-applicable, stage flip and cappedBy, report warnings, summary, roadmap and kpiWatch.
 */
export const SCHEMA_VERSION = 2;
