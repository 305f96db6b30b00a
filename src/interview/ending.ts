import type { Prompter } from "./prompter.js";
import { type SavedFormat, saveReport } from "./save-report.js";

export interface Ending<F extends SavedFormat> {
  /** The summary, at most one 80x24 screen; printed first and again after each choice, so it is the last thing on screen. */
  summary: string;
  /** Shows the full report a screen at a time. */
  read: () => Promise<void>;
  /** The report in a format to save. */
  render: (format: F) => string | Promise<string>;
  formats: readonly F[];
  /** File name without extension, suggested when saving. */
  baseName: string;
  /** Writes to the terminal the report is for (stdout). */
  show: (text: string) => void;
}

type Next = "read" | "save" | "finish";

/** The interview's ending on a terminal: the summary, then read the full report, save it, or finish. */
export async function ending<F extends SavedFormat>(prompter: Prompter, e: Ending<F>): Promise<void> {
  const names = e.formats.map((f) => FORMAT_NAMES[f]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? "");
  e.show(e.summary);
  for (;;) {
    const next = await prompter.select<Next>(
      "What next?",
      [
        // short enough for one line at 60 columns: inquirer would cut a longer one mid-word
        { value: "read", name: "Read the full report", short: "Read the full report" },
        { value: "save", name: `Save it to a file (${list})`, short: "Save the report" },
        { value: "finish", name: "Finish", short: "Finish" },
      ],
      // four lines under the summary, which takes the rest of an 80x24 screen
      { clear: true, short: true },
    );
    if (next === "finish") return;
    if (next === "read") await e.read();
    else await saveReport(prompter, e.render, e.baseName, e.formats);
    e.show(e.summary);
  }
}

export const FORMAT_NAMES: Record<SavedFormat, string> = { markdown: "Markdown", html: "HTML", json: "JSON" };
