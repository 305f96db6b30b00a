import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { orThrow } from "../../src/errors.js";
import { interview } from "../../src/interview/interview.js";
import { PromptCancelled } from "../../src/interview/prompter.js";
import { inquirerPrompter } from "../../src/interview/prompts.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { fixture, tempDir, runInProcess } from "../cli/run.js";
import { CTRL_C, ENTER, FakePrompter, type Reply } from "../interview/fake-prompter.js";

// OSC 52 (clipboard), OSC 8 (hidden link), CSI 2J (clear screen), 8-bit CSI, BEL, and invisible characters (F22-F24).
const HOSTILE = "\u001b]52;c;SGVsbG8=\u0007\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\\u001b[2J\u009b31m\u200b\u200c\u200d\u2060\ufeff\u061c\u180e\u202e\u2066";
const RAW = /\u001b(?!\[[0-9;]*m)|[\u0007\u0080-\u009f\u200b-\u200f\u2060\ufeff\u061c\u180e\u202a-\u202e\u2066-\u2069]/u;

/** Nothing from a file left raw: no escape but the colour codes the tool adds, no control or invisible character. */
function expectSafe(where: string, text: string) {
  const found = RAW.exec(text);
  expect(found, `${where}: raw ${JSON.stringify(found?.[0])} at ...${JSON.stringify(text.slice(Math.max(0, (found?.index ?? 0) - 30), (found?.index ?? 0) + 10))}`).toBeNull();
}

// Keys whose values the schema constrains (ids, enums, stage references, numbers): everything else is free text.
const CONSTRAINED = new Set(["id", "signal", "counts", "effort", "every", "direction", "unit", "$schema", "mirrors", "aliases", "when", "unless", "gate", "stage", "question"]);

/** Every free-text field of a set, walked, not listed: hostile text appended to each. */
function poison(value: unknown, key = ""): unknown {
  if (typeof value === "string") return CONSTRAINED.has(key) ? value : `${value}${HOSTILE}`;
  if (Array.isArray(value)) return key === "stages" && value.every((v) => typeof v === "string") ? value : value.map((v) => poison(v, key));
  if (value && typeof value === "object") {
    // a question's stages are stage id -> weight: keys, not text
    if (key === "stages" && Object.values(value).every((v) => typeof v === "number")) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
  }
  return value;
}

const dir = tempDir();
const setDir = join(dir, "set");
mkdirSync(setDir, { recursive: true });
writeFileSync(join(setDir, "set.yaml"), stringify(poison(parse(readFileSync(join(fixture("mini"), "set.yaml"), "utf8")))));
const set = orThrow(await loadQuestionSet(setDir));
const [yes, partly, no] = set.scale.map((o) => o.value) as [string, string, string];
const ids = set.questions.map((q) => q.id);
const person = (name: string, values: string[]) => ({
  client: `Acme${HOSTILE}`,
  assessor: `${name}${HOSTILE}`,
  role: `head of sales${HOSTILE}`,
  date: "2026-11-25",
  answers: Object.fromEntries(ids.map((id, i) => [id, values[i % values.length]!])),
  notes: Object.fromEntries(ids.map((id) => [id, `note${HOSTILE}`])),
});
const ann = join(dir, "ann.yaml");
const bob = join(dir, "bob.yaml");
writeFileSync(ann, stringify(person("Ann", [yes, no])));
writeFileSync(bob, stringify(person("Bob", [partly, yes, no])));
const csv = join(dir, "survey.csv");
writeFileSync(csv, `respondent,${ids.join(",")}\n${[`"Cy${HOSTILE}"`, ...ids.map(() => JSON.stringify(yes))].join(",")}\n`);

describe("every field of every input, into every output, with hostile text (F22, F23, F24)", () => {
  const Q = ["--questions", setDir];
  const runs: [string, string[]][] = [
    ["questions", ["questions", ...Q]],
    ["validate the set", ["validate", setDir]],
    ["validate answers", ["validate", ann, ...Q]],
    ["report", ["report", ann, ...Q]],
    ["report markdown", ["report", ann, ...Q, "--format", "markdown"]],
    ["team report", ["report", ann, bob, ...Q]],
    ["team report markdown", ["report", ann, bob, ...Q, "--format", "markdown"]],
    ["survey report", ["report", csv, ...Q]],
    ["compare", ["compare", ann, bob, ...Q]],
    ["compare markdown", ["compare", ann, bob, ...Q, "--format", "markdown"]],
    ["template", ["template", ...Q]],
  ];
  it.each(runs)("%s", async (name, args) => {
    const r = await runInProcess(args, { env: { FORCE_COLOR: "1" } });
    expect(r.stderr.includes("unexpected error"), r.stderr).toBe(false);
    expectSafe(`${name} stdout`, r.stdout);
    expectSafe(`${name} stderr`, r.stderr);
    if (name.endsWith("markdown")) expect(r.stdout).not.toMatch(/\u001b/);
  });

  it("the template, its hostile values escaped, is still an answers file report reads", async () => {
    const file = join(dir, "template.yaml");
    writeFileSync(file, (await runInProcess(["template", ...Q])).stdout);
    const r = await runInProcess(["report", file, ...Q, "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("errors quote hostile values, keys and dates safely", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      stringify({ date: `2026${HOSTILE}`, [`key${HOSTILE.replace(/[\u001b\u0007\u009b]/g, "")}`]: "x", answers: { [ids[0]!]: `maybe${HOSTILE}`, [`nope${HOSTILE}`]: yes } }),
    );
    for (const args of [
      ["report", bad, ...Q],
      ["validate", bad, ...Q],
    ]) {
      const r = await runInProcess(args);
      expect(r.status).toBe(2);
      expectSafe("error", r.stderr);
    }
  });

  it("the interview's prompts, choices, help, notes and review", async () => {
    const start = { ...person("Ann", [yes]), answers: { [ids[0]!]: yes } };
    const replies: Reply[] = ["? Why it matters", "✎ Change the note", ENTER, ENTER, CTRL_C];
    const prompter = new FakePrompter(replies);
    await expect(interview(set, start, prompter, async () => {}, { saveFile: `answers${HOSTILE}.yaml`, today: "2026-11-25" })).rejects.toBeInstanceOf(PromptCancelled);
    for (const shown of prompter.shown) {
      expectSafe("prompt", shown.message);
      for (const choice of shown.choices) expectSafe("choice", choice);
    }
    for (const said of prompter.said) expectSafe("said", said);
  });

  it("the real prompts draw nothing raw, whatever they are given (the last guard)", async () => {
    const output = Object.assign(new PassThrough(), { columns: 80, rows: 24, isTTY: true });
    const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
    let drawn = "";
    output.on("data", (chunk: Buffer) => {
      drawn += chunk.toString("utf8");
    });
    const prompter = inquirerPrompter({ output, input });
    prompter.say(`said${HOSTILE}`);
    const picked = prompter.select(`question${HOSTILE}`, [{ value: 1, name: `label${HOSTILE}`, description: `help${HOSTILE}` }, { separator: `stage${HOSTILE}` }]);
    setTimeout(() => input.write("\r"), 50);
    expect(await picked).toBe(1);
    const typed = prompter.input(`note${HOSTILE}`, { default: `old note${HOSTILE}`, editable: true });
    setTimeout(() => input.write("\r"), 50);
    await typed;
    for (const hostile of ["\u001b]52", "\u001b]8;", "\u001b[2J", "\u0007", "\u009b", "\u200b", "\u202e", "\u2066", "\ufeff", "\u061c", "\u180e"]) {
      expect(drawn.includes(hostile), `drawn holds ${JSON.stringify(hostile)}`).toBe(false);
    }
    expect(drawn).toContain("label^[]52;c;SGVsbG8=^G");
  });
});
