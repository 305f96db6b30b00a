import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvAnswers, csvRow, parseCsv, type CsvRecord } from "../../src/load/csv.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { NO_ANSWER } from "../../src/score/aggregate.js";
import { fixture } from "../cli/run.js";

const mini = await loadQuestionSet(fixture("mini"));

function parse(text: string) {
  const records: CsvRecord[] = [];
  const problems = parseCsv("f.csv", text, (r) => records.push(r));
  return { rows: records.map((r) => r.cells), records, problems };
}

describe("parseCsv", () => {
  it("splits rows and cells", () => {
    expect(parse("a,b,c\n1,2,3\n").rows).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(parse("a,b\n1,2").rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parse("a,,\n").rows).toEqual([["a", "", ""]]);
  });

  it("reads quotes, doubled quotes, and commas and line breaks inside quotes", () => {
    const { rows, problems } = parse('name,note\n"Chen, Maya","said ""hi""\nthen left"\n"",x\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      ["name", "note"],
      ["Chen, Maya", 'said "hi"\nthen left'],
      ["", "x"],
    ]);
  });

  it("takes CRLF and bare CR line ends, drops a BOM, skips blank lines", () => {
    expect(parse("\uFEFFa,b\r\n1,2\r\n\r\n3,4\r5,6").rows).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
  });

  it("keeps a quote inside an unquoted cell as written", () => {
    expect(parse('a,5" screen\n').rows).toEqual([["a", '5" screen']]);
  });

  it("knows where every row and cell starts, across quoted line breaks", () => {
    const { records } = parse('h1,h2\n"x\r\ny",z\nlast,"q"\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[1]!.at(1)).toEqual({ line: 3, col: 4 });
    expect(records[2]!.at(1)).toEqual({ line: 4, col: 6 });
  });

  it("reports an unclosed quote where it opens, and text after a closing quote", () => {
    expect(parse('a,b\n1,"never closed\n2,3\n').problems).toEqual([{ file: "f.csv", line: 2, col: 3, message: expect.stringContaining("never closed") }]);
    expect(parse('a,b\n"x"y,2\n').problems).toEqual([{ file: "f.csv", line: 2, col: 4, message: expect.stringContaining("text after a closing quote ('y')") }]);
  });

  it("reads back every row csvRow writes", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r", "é", "x") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        expect(parse(`${rows.map(csvRow).join("\r\n")}\r\n`).rows).toEqual(rows);
      }),
    );
  });
});

describe("csvAnswers", () => {
  it("reads a survey export: respondents, roles, values and labels in any case, blanks unanswered", () => {
    const file = fixture("team/survey.csv");
    const result = csvAnswers(file, readFileSync(file, "utf8"), mini);
    expect(result.fatal).toEqual([]);
    expect(result.badRows.size).toBe(0);
    expect(result.rows).toBe(3);
    const scale = mini.scale.map((o) => o.value);
    expect(result.respondents.map((r) => [r.name, r.role, r.line, [...r.answers].map((i) => scale[i] ?? "-")])).toEqual([
      ["Chen, Maya", "founder", 2, ["yes", "no", "yes", "no"]],
      ["Tom Okafor", "head of\r\nsales", 3, ["yes", "partly", "no", "unsure"]],
      ["Priya Nair", 'support "lead"', 6, ["yes", "no", "no", "yes"]],
    ]);
  });

  it("accepts question texts as headers, as form tools write them, and names nameless rows by file and line", () => {
    const text = `Would customers rather pay automatically?,negotiated-terms\nyes,\n`;
    const result = csvAnswers("dir/s.csv", text, mini);
    expect(result.fatal).toEqual([]);
    expect(result.respondents).toEqual([{ name: "s.csv:2", file: "dir/s.csv", line: 2, answers: Uint8Array.from([0, NO_ANSWER, NO_ANSWER, NO_ANSWER]) }]);
  });

  it("refuses an unknown column at line 1 with a suggestion, and a repeated one", () => {
    const result = csvAnswers("s.csv", "respondent,role,auto-pay,negotiated-term,few-problems,Timestamp,auto-pay\nA,,yes,no,yes,2024,yes\n", mini);
    expect(result.fatal).toEqual([
      { file: "s.csv", line: 1, col: 26, message: "unknown column 'negotiated-term'; did you mean 'negotiated-terms'?" },
      { file: "s.csv", line: 1, col: 55, message: expect.stringMatching(/^unknown column 'Timestamp'; head it with a question id/) },
      { file: "s.csv", line: 1, col: 65, message: "column 'auto-pay' repeats column 3 (auto-pay); keep one of them" },
    ]);
    expect(result.respondents).toEqual([]);
  });

  it("says when the sheet was saved with semicolons, is empty, or has no rows", () => {
    expect(csvAnswers("s.csv", "respondent;auto-pay\nA;yes\n", mini).fatal[0]!.message).toMatch(/no commas but has ';'/);
    expect(csvAnswers("s.csv", "", mini).fatal[0]!.message).toMatch(/^is empty/);
    expect(csvAnswers("s.csv", "respondent,auto-pay\n", mini).fatal[0]).toMatchObject({ line: 1, message: expect.stringMatching(/no rows/) });
    expect(csvAnswers("s.csv", "respondent,role\nA,B\n", mini).fatal[0]!.message).toMatch(/names no question/);
  });

  it("sorts out bad rows, each problem at its cell, and keeps the good ones", () => {
    const file = fixture("team/bad-rows.csv");
    const result = csvAnswers(file, readFileSync(file, "utf8"), mini);
    expect(result.fatal).toEqual([]);
    expect(result.rows).toBe(5);
    expect(result.respondents.map((r) => r.name)).toEqual(["Ana", "Eve"]);
    expect([...result.badRows.entries()]).toEqual([
      [3, [{ file, line: 3, col: 11, message: "'yse' in column 'auto-pay' is not on the scale; did you mean 'yes'?" }]],
      [4, [{ file, line: 4, col: 1, message: "has 4 cells, the header has 6; every row needs a cell per column (blank for unanswered)" }]],
      [5, [{ file, line: 5, col: 16, message: "'maybe' in column 'few-problems' is not on the scale; use one of: yes, partly, no, unsure, n/a" }]],
    ]);
  });

  it("refuses the whole file at a quote error", () => {
    const result = csvAnswers("s.csv", 'respondent,auto-pay\nA,yes\nB,"no\n', mini);
    expect(result.fatal).toEqual([{ file: "s.csv", line: 3, col: 3, message: expect.stringContaining("never closed") }]);
    expect(result.respondents).toEqual([]);
  });
});
