import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { formatProblem, orThrow } from "../../src/errors.js";
import type { Problem } from "../../src/errors.js";
import { type CsvRecord, columnLetter, csvRecords, headerKey, isRecord, readSurvey, sniffLayout } from "../../src/load/csv.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Respondent } from "../../src/model/respondent.js";
import { fixture, tempDir } from "../cli/run.js";

const mini = await loadQuestionSet(fixture("mini")).then(orThrow);

async function records(text: string, chunkSize = 3) {
  const { separator, newline } = sniffLayout(text);
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
  }
  const out: (CsvRecord | Problem)[] = [];
  for await (const r of csvRecords("f.csv", chunks(), separator, newline)) out.push(r);
  return { rows: out.filter(isRecord).map((r) => r.cells), records: out.filter(isRecord), problems: out.filter((r) => !isRecord(r)) as Problem[] };
}

describe("csvRecords (papaparse, fed in chunks)", () => {
  it("splits rows and cells, whatever the chunk size", async () => {
    for (const size of [1, 2, 5, 1000]) {
      expect((await records("a,b,c\n1,2,3\n", size)).rows).toEqual([
        ["a", "b", "c"],
        ["1", "2", "3"],
      ]);
    }
    expect((await records("a,b\n1,2")).rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("reads quotes, doubled quotes, and separators and line breaks inside quotes", async () => {
    const { rows, problems } = await records('name,note\n"Chen, Maya","said ""hi""\nthen left"\n"",x\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      ["name", "note"],
      ["Chen, Maya", 'said "hi"\nthen left'],
      ["", "x"],
    ]);
  });

  it("numbers rows as the sheet does: a quoted line break stays in its row", async () => {
    const { records: r } = await records('h1,h2\r\n"x\r\ny",z\r\nlast,"q"\r\n');
    expect(r.map((x) => x.row)).toEqual([1, 2, 3]);
  });

  it("reports an unclosed quote and text after a closing quote at their row, and stops there", async () => {
    const unclosed = await records('a,b\n1,"never closed\n2,3\n');
    expect(unclosed.rows).toEqual([["a", "b"]]);
    expect(unclosed.problems).toEqual([{ file: "f.csv", line: 2, col: 3, message: expect.stringContaining("row 2 has a quoted cell that is never closed") }]);
    const after = await records('a,b\n"x"y,2\n3,4\n');
    expect(after.problems).toEqual([{ file: "f.csv", line: 2, col: 1, message: expect.stringContaining("row 2 has text after a closing quote") }]);
  });

  it("reads back every row papaparse writes, with each separator", async () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", ";", "\t", '"', "\n", "\r", "é", "x") });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), fc.constantFrom(",", ";", "\t"), async (rows, delimiter) => {
        const text = `${Papa.unparse(rows, { delimiter, newline: "\r\n" })}\r\n`;
        async function* one() {
          yield text;
        }
        const got: string[][] = [];
        for await (const r of csvRecords("f.csv", one(), delimiter as ",", "\r\n")) if (isRecord(r)) got.push(r.cells);
        expect(got).toEqual(rows);
      }),
    );
  });

  it("names spreadsheet columns", () => {
    expect([0, 2, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("keys headers as they are meant", () => {
    expect(headerKey("  Don\u2019t  you   KNOW? * ")).toBe("don't you know");
    expect(headerKey("'=SUM(A1)")).toBe("=sum(a1)");
  });
});

async function survey(file: string) {
  const respondents: Respondent[] = [];
  const bad: Problem[] = [];
  const fatal: Problem[] = [];
  for await (const e of readSurvey(file, mini)) {
    if (e.kind === "respondent") respondents.push(e.respondent);
    else if (e.kind === "bad-row") bad.push(...e.problems);
    else if (e.kind === "fatal") fatal.push(...e.problems);
  }
  return { respondents, bad, fatal };
}

function csvFile(text: string): string {
  const file = join(tempDir(), "s.csv");
  writeFileSync(file, text);
  return file;
}

describe("readSurvey on the mini set", () => {
  it("reads a survey export: respondents, roles, values and labels in any case, blanks unanswered", async () => {
    const result = await survey(fixture("team/survey.csv"));
    expect(result.fatal).toEqual([]);
    expect(result.bad).toEqual([]);
    const scale = mini.scale.map((o) => o.value);
    expect(result.respondents.map((r) => [r.name, r.role, r.line, [...r.answers].map((i) => scale[i] ?? "-")])).toEqual([
      ["Chen, Maya", "founder", 2, ["yes", "no", "yes", "no"]],
      ["Tom Okafor", "head of\r\nsales", 3, ["yes", "partly", "no", "unsure"]],
      ["Priya Nair", 'support "lead"', 5, ["yes", "no", "no", "yes"]],
    ]);
  });

  it("sorts out bad rows, each problem at its cell, and keeps the good ones", async () => {
    const file = fixture("team/bad-rows.csv");
    const result = await survey(file);
    expect(result.fatal).toEqual([]);
    expect(result.respondents.map((r) => r.name)).toEqual(["Ana", "Eve"]);
    expect(result.bad).toEqual([
      { file, line: 3, col: 3, cell: "C3", message: '(header "auto-pay"): "yse" is not an answer; use Yes, Partly, No, Not sure, Does not apply; did you mean "Yes"?' },
      { file, line: 4, col: 1, message: "row 4 has 4 cells, the header 6; every row needs a cell per column (blank for unanswered)" },
      { file, line: 5, col: 5, cell: "E5", message: '(header "few-problems"): "maybe" is not an answer; use Yes, Partly, No, Not sure, Does not apply' },
    ]);
  });

  it("says when a file is empty or has no rows", async () => {
    expect((await survey(csvFile(""))).fatal[0]!.message).toMatch(/^is empty/);
    expect((await survey(csvFile("respondent,auto-pay\n"))).fatal[0]).toMatchObject({ cell: "row 1", message: expect.stringMatching(/no rows/) });
    expect((await survey(csvFile("respondent,role\nA,B\n"))).fatal[0]!.message).toMatch(/names no question/);
  });

  // #15: a row-level problem stands at FILE:LINE:COL, the file's line (a quoted line break adds one, Excel's sep= line too)
  const H = "respondent,role,auto-pay,negotiated-terms,few-problems,specific-problem";
  it.each([
    [
      "an unclosed quote, at its opening quote",
      `${H}\nAna,founder,yes,no,yes,no\nBen,"sales,yes,no,yes,no\n`,
      'LINE 3:5 row 3 has a quoted cell that is never closed; add the closing quote (")',
    ],
    ["an unclosed quote after a cell that spans lines", `${H}\nAna,"head of\r\nsales",yes,no,yes,no\nBen,sales,yes,no,yes,"no\n`, "LINE 4:22 row 3 has a quoted cell"],
    ["an unclosed quote past Excel's sep= line", `sep=,\n${H}\nBen,"sales,yes,no,yes,no\n`, "LINE 3:5 row 2 has a quoted cell"],
    ["text after a closing quote", `${H}\nAna,"x\ny"z,yes,no,yes,no\n`, "LINE 2:5 row 2 has text after a closing quote; put the whole cell in quotes"],
    ["a short row", `${H}\nAna,founder,yes,no,yes,no\nBen,sales\n`, "LINE 3:1 row 3 has 2 cells, the header 6; every row needs a cell per column (blank for unanswered)"],
    ["a short row after a cell that spans two line breaks", `${H}\n"Ana\n\nBell",founder,yes,no,yes,no\nBen,sales\n`, "LINE 5:1 row 3 has 2 cells, the header 6"],
    ["a long row past a blank line and a sep= line", `sep=,\n${H}\n\nAna,founder,yes,no,yes,no,extra\n`, "LINE 4:1 row 3 has 7 cells, the header 6"],
  ])("puts %s at its line and column", async (_, text, expected) => {
    const file = csvFile(text);
    const result = await survey(file);
    const said = [...result.fatal, ...result.bad].map(formatProblem);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(expected.replace("LINE ", `${file}:`));
  });

  it("refuses the whole file at a quote error", async () => {
    const result = await survey(csvFile('respondent,auto-pay\nA,yes\nB,"no\n'));
    expect(result.fatal).toEqual([{ file: expect.any(String), line: 3, col: 3, message: expect.stringContaining("row 3 has a quoted cell that is never closed") }]);
  });
});
