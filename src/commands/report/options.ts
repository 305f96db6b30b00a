import { z } from "zod";
import { OutputOptions, parseOptions, SetOptions } from "../parse-options.js";
import { REPORT_FORMATS } from "./index.js";

const Options = SetOptions.extend(OutputOptions.shape).extend({
  format: z.enum(REPORT_FORMATS).default("terminal"),
  skipBadRows: z.boolean().default(false),
});

export type ReportOptions = z.infer<typeof Options>;

export function parseReportOptions(raw: unknown): ReportOptions {
  return parseOptions(Options, raw);
}
