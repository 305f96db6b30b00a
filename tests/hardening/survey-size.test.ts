import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess, tempDir } from "../cli/run.js";

const QUESTION = "Do your customers all need roughly the same thing from you?";
const dir = tempDir();

function csv(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function expectCleanFailure(args: string[]) {
  const r = await runInProcess(args);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toMatch(/Maximum call stack|unexpected error|^\s+at /m);
  return r;
}

// F4: no recursion on input size; F5: the problems shown are capped and long values cut.
describe("survey CSVs of hostile size", { timeout: 30_000 }, () => {
  it("an unterminated quote before 400k rows is one problem at its row", async () => {
    const file = csv("quote.csv", `Name,${QUESTION}\n"unterminated,Yes\n${"A,Yes\n".repeat(400_000)}`);
    const r = await expectCleanFailure(["report", file]);
    expect(r.stderr).toBe(`${file}:2:1 row 2 has a quoted cell that is never closed; add the closing quote (")\n`);
  });

  it("a header of 200k unknown columns gives 20 problems and the count of the rest", async () => {
    const header = Array.from({ length: 200_000 }, (_, i) => `col${i}`).join(",");
    const file = csv("wide.csv", `${header}\n${Array(200_000).fill("x").join(",")}\n`);
    const r = await expectCleanFailure(["report", file]);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe(
      `${file}:A1 (header "col0") is not a question of the set; head it with a question's text or id (automation-fit template --format csv prints them), or leave it out: add --ignore-column col0`,
    );
    expect(lines[20]).toBe("... and 199,980 more problems");
  });

  it("200k bad rows print 20 problems and 'and 199,980 more', not 12 MB", async () => {
    const file = csv("bad.csv", `Name,${QUESTION}\n${"A,Maybe\n".repeat(200_000)}`);
    for (const command of ["report", "validate"]) {
      const r = await expectCleanFailure([command, file]);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(21);
      expect(lines[0]).toBe(`${file}:B2 (header "Do your customers all need ...?"): "Maybe" is not an answer; use Yes, Partly, No, Not sure, Does not apply`);
      expect(lines[20]).toBe("... and 199,980 more problems");
    }
  });

  it("a 60 MB cell is refused at its row, and a long bad value is cut in the message", async () => {
    const huge = csv("huge.csv", `Name,${QUESTION}\nA,"${"x".repeat(60_000_000)}"\n`);
    const r = await expectCleanFailure(["report", huge]);
    expect(r.stderr.length).toBeLessThan(300);
    expect(r.stderr).toContain(`${huge}:2:1 row 2 runs over 8,000,000 characters`);
    const long = csv("long.csv", `Name,${QUESTION}\nA,${"y".repeat(100_000)}\n`);
    const cutShort = await expectCleanFailure(["report", long]);
    expect(cutShort.stderr).toMatch(/:B2 \(header "Do your customers all need \.\.\.\?"\): "y{37}\.\.\." is not an answer/);
    expect(cutShort.stderr.length).toBeLessThan(400);
  });
});
