import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { QuestionSet } from "../model/question-set.js";
import { BUILT_IN_QUESTIONS } from "../paths.js";

/**
 * Defined by scripts/build.mjs, as JSON: the built-in set exactly as loadQuestionSet() made it from questions/ at build time
 * (as JSON), and the texts of the files it was made from. Undefined when running from source (tests), which load the YAML.
 */
declare const __AUTOMATION_FIT_BUILT_IN__: string | undefined;

/** The set files of a folder, the *.yaml and *.yml files the loader reads, in its order: name -> text. */
export function setFileTexts(folder: string): Record<string, string> {
  const names = readdirSync(folder)
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort();
  return Object.fromEntries(names.map((n) => [n, readFileSync(join(folder, n), "utf8")]));
}

/**
 * The built-in set as the build prepared it, if this is a build and questions/ still holds the very files it was prepared
 * from; else undefined, and the caller loads and validates questions/ as any other set. A fresh object on every call.
 */
export function preparedBuiltInSet(): QuestionSet | undefined {
  if (typeof __AUTOMATION_FIT_BUILT_IN__ === "undefined") return undefined;
  const prepared = JSON.parse(__AUTOMATION_FIT_BUILT_IN__) as { files: Record<string, string>; set: string };
  const built = prepared.files;
  let now: Record<string, string>;
  try {
    now = setFileTexts(BUILT_IN_QUESTIONS);
  } catch {
    return undefined;
  }
  const names = Object.keys(now);
  if (names.join("\n") !== Object.keys(built).join("\n") || names.some((n) => now[n] !== built[n])) return undefined;
  return JSON.parse(prepared.set) as QuestionSet;
}
