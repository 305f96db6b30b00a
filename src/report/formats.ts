/** The formats of a report and a comparison; the command files name them at start-up, without the renderers. */
export const REPORT_FORMATS = ["terminal", "markdown", "json", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
