import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatProblem, type Loaded } from "../../src/errors.js";
import { fixture, tempDir } from "../cli/run.js";

/** A folder's content for a loader's test: a name ending in '/' is a folder, content "fixture:PATH" a copy of that fixture. */
export type Files = Record<string, string | Buffer>;

/** A fresh temp folder holding `files`. */
export function folder(files: Files): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    if (name.endsWith("/")) mkdirSync(join(dir, name), { recursive: true });
    else if (typeof content === "string" && content.startsWith("fixture:")) copyFileSync(fixture(content.slice("fixture:".length)), join(dir, name));
    else writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** The problems as the user reads them, paths relative to `dir` (or to tests/fixtures). */
export const shown = (dir: string, loaded: Loaded<unknown>) =>
  loaded.problems.map((p) =>
    formatProblem(p)
      .replaceAll(`${dir}/`, "")
      .replace(/^.*?\/fixtures\//, ""),
  );
