import { InputError } from "../errors.js";
import { exists, writeOutput } from "../io/write.js";
import type { Prompter } from "./prompter.js";

export type SavedFormat = "markdown" | "json";

/** After the report: offers to save it as Markdown or JSON, asking before it replaces a file. Returns the file written, if any. */
export async function offerToSave(prompter: Prompter, render: (format: SavedFormat) => string | Promise<string>, baseName: string): Promise<string | undefined> {
  const format = await prompter.select<SavedFormat | "no">(
    "Save this report to a file?",
    [
      { value: "no", name: "No" },
      { value: "markdown", name: "As Markdown (.md)", short: "Markdown" },
      { value: "json", name: "As JSON (.json)", short: "JSON" },
    ],
    { default: "no" },
  );
  if (format === "no") return undefined;
  let suggestion = `${baseName}.${format === "json" ? "json" : "md"}`;
  for (;;) {
    const file = (await prompter.input("File name", { default: suggestion })).trim() || suggestion;
    suggestion = file;
    if ((await exists(file)) && !(await prompter.confirm(`${file} already exists. Replace it?`, { default: false }))) continue;
    try {
      await writeOutput(file, await render(format), { force: true });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      prompter.say(error.message);
      continue;
    }
    prompter.say(`Saved the report to ${file}`);
    return file;
  }
}
