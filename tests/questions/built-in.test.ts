import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { JSON_SCHEMAS } from "../../src/model/json-schema.js";
import { BUILT_IN_QUESTIONS, PACKAGE_ROOT } from "../../src/paths.js";
import { assess } from "../../src/score/score.js";

const set = await loadQuestionSet().then(orThrow);
const yamlFiles = readdirSync(BUILT_IN_QUESTIONS).filter((f) => f.endsWith(".yaml"));

describe("the built-in question set", () => {
  it("has the eight lifecycle stages in order", () => {
    expect(set.stages.map((s) => s.id)).toEqual([
      "lead-generation",
      "sales-call",
      "deal-close",
      "onboarding",
      "service-calls",
      "payment-collection",
      "maintenance-calls",
      "renewal-calls",
    ]);
  });

  it("asks at least 14 questions of each signal, and at least two of each on every stage", () => {
    expect(set.questions.filter((q) => q.signal === "automate").length).toBeGreaterThanOrEqual(14);
    expect(set.questions.filter((q) => q.signal === "human").length).toBeGreaterThanOrEqual(14);
    for (const stage of set.stages) {
      for (const signal of ["automate", "human"]) {
        const count = set.questions.filter((q) => q.signal === signal && stage.id in q.stages).length;
        expect(count, `${stage.id} ${signal}`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("gives every stage plays, and watches every stage with some KPI", () => {
    for (const stage of set.stages) {
      expect(stage.plays.length, stage.id).toBeGreaterThanOrEqual(2);
      expect(
        set.kpis.some((k) => k.stages.includes(stage.id)),
        stage.id,
      ).toBe(true);
    }
    expect(set.kpis.length).toBeGreaterThanOrEqual(13);
    expect(set.campaigns.length).toBeGreaterThanOrEqual(4);
  });

  it("points every YAML file at the shipped JSON Schema", () => {
    expect(yamlFiles.length).toBeGreaterThan(0);
    for (const file of yamlFiles) {
      expect(readFileSync(join(BUILT_IN_QUESTIONS, file), "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=./question-set.schema.json");
    }
  });

  it.each(Object.entries(JSON_SCHEMAS))("ships an up-to-date %s (run `npm run schema` if this fails)", (name, make) => {
    expect(readFileSync(join(BUILT_IN_QUESTIONS, name), "utf8")).toBe(make());
  });
});

describe("the examples", () => {
  const examples = readdirSync(join(PACKAGE_ROOT, "examples")).filter((f) => f.endsWith(".yaml"));

  it("are valid answers files that answer most questions", async () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const file of examples) {
      const answers = await loadAnswers(join(PACKAGE_ROOT, "examples", file), set).then(orThrow);
      expect(Object.keys(answers.answers).length, file).toBeGreaterThanOrEqual(set.questions.length - 3);
    }
  });

  it("read as contrasting advice: the self-serve business automates more than the enterprise one", async () => {
    const mean = async (file: string) => {
      const a = assess(set, await loadAnswers(join(PACKAGE_ROOT, "examples", file), set).then(orThrow));
      return a.stages.reduce((sum, s) => sum + (s.score ?? 50), 0) / a.stages.length;
    };
    const selfServe = await mean("self-serve-subscription.yaml");
    const enterprise = await mean("enterprise-services.yaml");
    expect(selfServe).toBeGreaterThan(65);
    expect(enterprise).toBeLessThan(35);
  });
});
