import { InputError } from "../errors.js";
import { exists, writeOutput } from "../io/write.js";
import type { Prompter } from "./prompter.js";

export type SavedFormat = "markdown" | "html" | "json";

const EXTENSIONS: Record<SavedFormat, string> = { markdown: "md", html: "html", json: "json" };
const CHOICES: Record<SavedFormat, string> = {
  markdown: "Markdown (.md): to read, or paste into a document",
  html: "HTML (.html): to open in a browser and print",
  json: "JSON (.json): for other tools",
};

/** Asks for a format and a file name and saves the report there, asking before it replaces a file. Returns the file written, if any. */
export async function saveReport<F extends SavedFormat>(
  prompter: Prompter,
  render: (format: F) => string | Promise<string>,
  baseName: string,
  formats: readonly F[],
): Promise<string | undefined> {
  const format = await prompter.select<F | "back">("Save the report as", [
    ...formats.map((f) => ({ value: f, name: CHOICES[f], short: CHOICES[f].replace(/:.*/, "") })),
    { value: "back" as const, name: "← Back, save nothing", short: "Back, nothing saved" },
  ]);
  if (format === "back") return undefined;
  let suggestion = `${baseName}.${EXTENSIONS[format]}`;
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
