import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/report/json.js";
import { assessment } from "./fixtures.js";

describe("renderJson", () => {
  it("parses back equal to the assessment", () => {
    const a = assessment();
    const text = renderJson(a);
    expect(JSON.parse(text)).toEqual(a);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("keeps the documented shape", () => {
    const parsed = JSON.parse(renderJson(assessment()));
    expect(parsed.schemaVersion).toBe(1);
    expect(Object.keys(parsed.stages[0])).toEqual(expect.arrayContaining(["id", "name", "score", "verdict", "confidence", "reason", "drivers", "plays", "kpis"]));
    expect(parsed.stages[3].score).toBeNull();
    expect(parsed.campaigns).toHaveLength(2);
  });

  it("writes no raw control characters, yet round-trips them", () => {
    const text = renderJson(assessment());
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(text).stages[0].drivers[1].note).toContain("\u009b2J");
  });
});
