import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, type Problem, orThrow } from "../../src/errors.js";
import { LatestDay, readSurvey, type RoundDate, type SurveyEvent, type SurveyOptions } from "../../src/load/csv.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { QuestionSet } from "../../src/model/question-set.js";
import { NO_ANSWER, type Respondent } from "../../src/model/respondent.js";
import { tempDir } from "../cli/run.js";
import { csvText, exportBytes, people, type Person, SAVES, TOOLS, windows1252 } from "./exports.js";

const set = await loadQuestionSet().then(orThrow);
const dir = tempDir();
let n = 0;

function write(bytes: Buffer | string, name = `export-${++n}.csv`): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

interface Read {
  notices: string[];
  respondents: Respondent[];
  bad: Problem[];
  fatal: Problem[];
  dated?: RoundDate;
}

async function read(file: string, options: SurveyOptions = {}, questions: QuestionSet = set): Promise<Read> {
  const out: Read = { notices: [], respondents: [], bad: [], fatal: [] };
  for await (const event of readSurvey(file, questions, options) as AsyncGenerator<SurveyEvent>) {
    if (event.kind === "notice") out.notices.push(event.text);
    else if (event.kind === "respondent") out.respondents.push(event.respondent);
    else if (event.kind === "bad-row") out.bad.push(...event.problems);
    else if (event.kind === "dated") out.dated = event.date;
    else out.fatal.push(...event.problems);
  }
  return out;
}

const encoded = (p: Person) => Array.from(p.answers, (a) => (a < 0 ? NO_ANSWER : a));

function expectEveryone(got: Read, persons: readonly Person[]) {
  expect(got.fatal.map(formatProblem)).toEqual([]);
  expect(got.bad.map(formatProblem)).toEqual([]);
  expect(got.respondents.map((r) => r.name)).toEqual(persons.map((p) => p.name));
  expect(got.respondents.map((r) => r.role)).toEqual(persons.map((p) => p.role));
  expect(got.respondents.map((r) => Array.from(r.answers))).toEqual(persons.map(encoded));
}

describe("survey exports as each form tool writes them", () => {
  const persons = people(set, 7);

  it.each(TOOLS)("%s: every respondent, name, role and answer read back, metadata ignored with one notice", async (tool) => {
    const got = await read(write(exportBytes(tool, set, persons, "native")));
    expectEveryone(got, persons);
    expect(got.notices).toHaveLength(1);
    expect(got.notices[0]).toMatch(/ignored \d+ metadata columns?: /);
    // the round is dated by the latest day in its time columns (compare names it)
    const latest: Record<string, [string, string]> = {
      google: ["2026-11-16", "Timestamp"],
      microsoft: ["2026-11-17", "Completion time"],
      typeform: ["2026-11-17", "Submit Date (UTC)"],
      surveymonkey: ["2026-11-17", "End Date"],
      jotform: ["2026-11-16", "Submission Date"],
    };
    expect(got.dated).toEqual({ day: latest[tool]![0], header: latest[tool]![1] });
  });

  it("tells day/month from month/day by the column, reads day.month.year and two-digit years, and skips what is no date", () => {
    const latestOf = (...cells: string[]) => {
      const latest = new LatestDay();
      for (const cell of cells) latest.add(cell, "Timestamp");
      return latest.result();
    };
    // a first number over 12 is a day: the column is day/month (20/11 is later than 3/12 read so)
    expect(latestOf("20/11/2026 14:03:22", "3/12/2026 09:00")).toEqual({ day: "2026-12-03", header: "Timestamp", order: "day/month" });
    // a second one over 12: month/day; with neither, month/day as US-made tools write it
    expect(latestOf("11/20/2026 2:03:22 PM", "12/3/2026")).toEqual({ day: "2026-12-03", header: "Timestamp", order: "month/day" });
    expect(latestOf("3/4/26")).toEqual({ day: "2026-03-04", header: "Timestamp", order: "month/day" });
    expect(latestOf("20.11.2026 14:03", "2026-11-19T08:00:00Z")).toEqual({ day: "2026-11-20", header: "Timestamp" });
    expect(latestOf("yesterday", "2026-02-30 10:00", "")).toBeUndefined();
  });

  it("names the metadata columns it ignores, and the second header row of SurveyMonkey", async () => {
    const google = await read(write(exportBytes("google", set, persons, "native")));
    expect(google.notices[0]).toContain('ignored 2 metadata columns: "Timestamp", "Email Address"');
    const monkey = await read(write(exportBytes("surveymonkey", set, persons, "native")));
    expect(monkey.notices[0]).toContain("second header row (SurveyMonkey's) skipped");
    expect(monkey.notices[0]).toContain('"Respondent ID", "Collector ID"');
    const typeform = await read(write(exportBytes("typeform", set, persons, "native")));
    expect(typeform.notices[0]).toContain('"#", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"');
  });

  describe.each(TOOLS)("%s saved again by Excel", (tool) => {
    it.each(SAVES)("as %s", async (save) => {
      const got = await read(write(exportBytes(tool, set, persons, save)));
      expectEveryone(got, persons);
      const notice = got.notices.join("\n");
      if (save === "utf16le-tab") expect(notice).toMatch(/UTF-16 LE .*tab-separated/);
      if (save.startsWith("windows-1252")) expect(notice).toContain("Windows-1252");
      if (save.endsWith("semicolon")) expect(notice).toContain("semicolon-separated");
      if (save.startsWith("utf8")) expect(notice).not.toMatch(/UTF|1252/);
      if (save === "utf8") expect(notice).not.toMatch(/separated/);
    });
  });
});

describe("headers", () => {
  const q = set.questions;
  const row = (cells: string[]) => cells;

  it("match the question text whatever the case, spacing, curly quotes and trailing punctuation; ids match too", async () => {
    const curly = (t: string) => t.replace(/'/g, "\u2019");
    const headers = [
      q[0]!.text.toUpperCase(),
      `  ${q[1]!.text.replace(/ /g, "   ")} `,
      q[2]!.text.replace(/\?$/, ""),
      `${q[3]!.text} *`,
      q[4]!.id,
      curly(q.find((x) => x.text.includes("'"))!.text),
    ];
    const file = write(csvText([row(headers), row(headers.map(() => "Yes"))], ",", "\n"));
    const got = await read(file);
    expect(got.fatal).toEqual([]);
    const answered = Array.from(got.respondents[0]!.answers).flatMap((a, i) => (a === NO_ANSWER ? [] : [q[i]!.id]));
    expect(answered.sort()).toEqual([q[0]!.id, q[1]!.id, q[2]!.id, q[3]!.id, q[4]!.id, q.find((x) => x.text.includes("'"))!.id].sort());
  });

  it("match a question's former ids (aliases) too", async () => {
    const renamed: QuestionSet = { ...set, questions: set.questions.map((x, i) => (i === 0 ? { ...x, aliases: ["old-uniform-need"] } : x)) };
    const got = await read(
      write(
        csvText(
          [
            ["Name", "Old-Uniform-Need"],
            ["A", "Partly"],
          ],
          ",",
          "\n",
        ),
      ),
      {},
      renamed,
    );
    expect(got.fatal).toEqual([]);
    expect(got.respondents[0]!.answers[0]).toBe(set.scale.findIndex((o) => o.value === "partly"));
  });

  it("suggest the question a near-miss header meant, at its spreadsheet cell", async () => {
    const typo = q[2]!.text.slice(0, 10) + q[2]!.text.slice(11);
    const got = await read(
      write(
        csvText(
          [
            ["Name", q[0]!.text, typo, "Favourite colour"],
            ["A", "Yes", "No", "red"],
          ],
          ",",
          "\n",
        ),
      ),
    );
    const lines = got.fatal.map(formatProblem);
    expect(lines[0]).toMatch(/:C1 \(header ".*"\) is not a question of the set; did you mean ".*"\?/);
    expect(lines[0]).toContain(q[2]!.text.slice(0, 40));
    expect(lines[1]).toMatch(/:D1 \(header "Favourite colour"\) is not a question of the set; head it with a question's text or id/);
  });

  it("find name, role and client columns by the names given with flags", async () => {
    const file = write(
      csvText(
        [
          ["Who", "Hat", "Firm", q[0]!.text],
          ["Maya", "CFO", "Acme", "No"],
        ],
        ",",
        "\n",
      ),
    );
    const unflagged = await read(file);
    expect(unflagged.fatal.map((p) => p.cell)).toEqual(["A1", "B1", "C1"]);
    const got = await read(file, { nameColumn: "who", roleColumn: "HAT", clientColumn: "Firm" });
    expect(got.respondents[0]).toMatchObject({ name: "Maya", role: "CFO", client: "Acme" });
    const missing = await read(file, { nameColumn: "Whom" });
    expect(missing.fatal.map(formatProblem)).toContain(`${file}:row 1 --name-column "Whom": the header has no such column; did you mean "Who"?`);
  });

  it("a comment column (Anything else..., Comments, Feedback) is each respondent's note, said in the notice; other free text still fails", async () => {
    const file = write(
      csvText(
        [
          ["Name", q[0]!.text, "Anything else you would like to tell us?", "Other thoughts"],
          ["Maya", "No", "Our customers\nlove the phone line", ""],
          ["Ravi", "Yes", "", "FEEDBACK: none"],
          ["Bo", "Yes", "", ""],
        ],
        ",",
        "\n",
      ),
    );
    const got = await read(file);
    expect(got.fatal).toEqual([]);
    expect(got.respondents.map((r) => [r.name, r.comment])).toEqual([
      ["Maya", "Our customers love the phone line"],
      ["Ravi", "FEEDBACK: none"],
      ["Bo", undefined],
    ]);
    expect(got.notices).toEqual([`${file}: read 2 columns: "Anything else you would like to tell us?", "Other thoughts" as the respondent's comments`]);
    for (const header of ["Comments", "Any other comments?", "NOTES", "Remarks", "Feedback"]) {
      const one = await read(
        write(
          csvText(
            [
              ["Name", q[0]!.text, header],
              ["Maya", "No", "kind words"],
            ],
            ",",
            "\n",
          ),
        ),
      );
      expect(one.respondents.map((r) => r.comment)).toEqual(["kind words"]);
    }
    const other = write(
      csvText(
        [
          ["Name", q[0]!.text, "Department"],
          ["Maya", "No", "Sales"],
        ],
        ",",
        "\n",
      ),
    );
    expect((await read(other)).fatal.map(formatProblem)).toEqual([
      `${other}:C1 (header "Department") is not a question of the set; head it with a question's text or id (automation-fit template --format csv prints them), or leave it out: add --ignore-column Department`,
    ]);
  });

  it("leave out the columns --ignore-column names (matched as headers are), and say so; the hint offers it", async () => {
    const file = write(
      csvText(
        [
          ["Name", "Department", q[0]!.text, "Team / site"],
          ["Maya", "Sales", "No", "North"],
          ["Ravi", "Ops", "Yes", "South"],
        ],
        ",",
        "\n",
      ),
    );
    const refused = await read(file);
    expect(refused.fatal.map(formatProblem)).toEqual([
      `${file}:B1 (header "Department") is not a question of the set; head it with a question's text or id (automation-fit template --format csv prints them), or leave it out: add --ignore-column Department`,
      `${file}:D1 (header "Team / site") is not a question of the set; head it with a question's text or id (automation-fit template --format csv prints them), or leave it out: add --ignore-column 'Team / site'`,
    ]);
    const got = await read(file, { ignoreColumns: ["department", " TEAM /  site "] });
    expect(got.fatal).toEqual([]);
    expect(got.respondents.map((r) => [r.name, r.answers[0]])).toEqual([
      ["Maya", set.scale.findIndex((o) => o.value === "no")],
      ["Ravi", set.scale.findIndex((o) => o.value === "yes")],
    ]);
    expect(got.notices).toEqual([`${file}: left out 2 columns: "Department", "Team / site" by --ignore-column`]);
    // one export of a folder may lack a column the others hold: said, not a failure
    const partly = await read(file, { ignoreColumns: ["Department", "Team / site", "Region"] });
    expect(partly.respondents).toHaveLength(2);
    expect(partly.notices[0]).toContain('--ignore-column "Region" names no column here');
  });

  it("leave a near-miss header an error with its did-you-mean, though other columns are left out", async () => {
    const typo = q[2]!.text.slice(0, 10) + q[2]!.text.slice(11);
    const file = write(
      csvText(
        [
          ["Name", "Department", typo],
          ["Maya", "Sales", "No"],
        ],
        ",",
        "\n",
      ),
    );
    const got = await read(file, { ignoreColumns: ["Department"] });
    expect(got.fatal.map(formatProblem)).toEqual([
      `${file}:C1 (header "${typo.slice(0, 32).replace(/\s+\S*$/, "")} ...?") is not a question of the set; did you mean "${q[2]!.text}"?`,
    ]);
  });

  it("take a client column, and --client over it", async () => {
    const file = write(
      csvText(
        [
          ["Name", "Company", q[0]!.text],
          ["Maya", "Acme Ltd", "Yes"],
        ],
        ",",
        "\n",
      ),
    );
    expect((await read(file)).respondents[0]!.client).toBe("Acme Ltd");
    expect((await read(file, { client: "Beta plc" })).respondents[0]!.client).toBe("Beta plc");
  });

  it("refuse a question asked twice", async () => {
    const got = await read(
      write(
        csvText(
          [
            [q[0]!.text, q[0]!.id],
            ["Yes", "No"],
          ],
          ",",
          "\n",
        ),
      ),
    );
    expect(got.fatal.map(formatProblem)[0]).toMatch(/:B1 \(header ".*"\) asks the same question as column A; keep one of them/);
  });
});

describe("cells", () => {
  const q = set.questions;

  it("take the choice labels as forms show them, any case, and the scale's values", async () => {
    const values = ["Yes", "not sure", "DOES NOT APPLY", "Partly.", "n/a", "unsure", "no"];
    const got = await read(write(csvText([q.slice(0, values.length).map((x) => x.text), values], ",", "\n")));
    expect(got.bad).toEqual([]);
    const byValue = (v: string) => set.scale.findIndex((o) => o.value === v);
    expect(Array.from(got.respondents[0]!.answers.slice(0, values.length))).toEqual(["yes", "unsure", "n/a", "partly", "n/a", "unsure", "no"].map(byValue));
  });

  it("name the file, the spreadsheet cell and the header of a value that is not an answer", async () => {
    const header = ["Name", "Role", q[0]!.text];
    const file = write(csvText([header, ["A", "x", "Yes"], ["B", "x", "No"], ["C", "x", "Maybe"]], ",", "\n"), "team.csv");
    const got = await read(file);
    expect(got.respondents).toHaveLength(2);
    const short = q[0]!.text.length > 40 ? `${q[0]!.text.slice(0, 32).replace(/\s+\S*$/, "")} ...?` : q[0]!.text;
    expect(got.bad.map(formatProblem)).toEqual([`${file}:C4 (header "${short}"): "Maybe" is not an answer; use Yes, Partly, No, Not sure, Does not apply`]);
  });

  it("suggest the label a near-miss answer meant", async () => {
    const got = await read(write(csvText([[q[0]!.text], ["Yess"]], ",", "\n")));
    expect(got.bad[0]!.message).toMatch(/"Yess" is not an answer; use .*; did you mean "Yes"\?/);
  });

  it("count a row by the sheet's rows when a quoted cell spans lines, and skip blank rows", async () => {
    const file = write(`Name,${q[0]!.text}\r\n"Maya\r\nChen",Yes\r\n\r\nBo,Maybe\r\n`);
    const got = await read(file);
    expect(got.respondents[0]!.name).toBe("Maya\r\nChen");
    expect(got.bad[0]!.cell).toBe("B4");
  });

  it("name respondents of a sheet without a name column by their order, not by a file path", async () => {
    const got = await read(write(csvText([[q[0]!.text], ["Yes"], ["No"]], ",", "\n")));
    expect(got.respondents.map((r) => r.name)).toEqual(["Respondent 1", "Respondent 2"]);
  });

  it("say how many cells a short row has", async () => {
    const got = await read(write(`Name,${q[0]!.id},${q[1]!.id}\nA,Yes\n`));
    expect(got.bad.map(formatProblem)[0]).toMatch(/:2:1 row 2 has 2 cells, the header 3; every row needs a cell per column/);
  });
});

describe("encodings and separators", () => {
  const q = set.questions;

  it("decode Windows-1252 and say so; a UTF-8 file that is valid stays UTF-8", async () => {
    const text = csvText(
      [
        ["Name", q[0]!.text],
        ["Renée “Ré” Dubois – CFO", "Yes"],
      ],
      ",",
      "\n",
    );
    const got = await read(write(windows1252(text)));
    expect(got.respondents[0]!.name).toBe("Renée “Ré” Dubois – CFO");
    expect(got.notices[0]).toContain("Windows-1252 (not UTF-8; if letters look wrong, save as CSV UTF-8)");
    const utf8 = await read(write(text));
    expect(utf8.respondents[0]!.name).toBe("Renée “Ré” Dubois – CFO");
    expect(utf8.notices).toEqual([]);
  });

  it("find Windows-1252 text far into a large file, past the first chunk", async () => {
    const rows = [["Name", q[0]!.text], ...Array.from({ length: 60_000 }, (_, i) => [`Person ${i}`, "Yes"]), ["Zoë", "No"]];
    const got = await read(write(windows1252(csvText(rows, ",", "\n"))));
    expect(got.respondents.at(-1)!.name).toBe("Zoë");
    expect(got.respondents).toHaveLength(60_001);
  });

  it("read UTF-16 BE with its BOM, and UTF-16 without one in either byte order, said in the notice", async () => {
    const text = csvText(
      [
        ["Name", q[0]!.text],
        ["Zoë", "Partly"],
      ],
      "\t",
      "\r\n",
    );
    const be = Buffer.from(text, "utf16le").swap16();
    expect((await read(write(Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).respondents[0]!.name).toBe("Zoë");
    for (const [bytes, said] of [
      [Buffer.from(text, "utf16le"), "UTF-16 LE without a byte-order mark (Excel's Unicode Text); tab-separated"],
      [be, "UTF-16 BE without a byte-order mark; tab-separated"],
    ] as const) {
      const got = await read(write(bytes, "unicode.txt"));
      expect(got.fatal).toEqual([]);
      expect(got.respondents.map((r) => [r.name, r.answers[0]])).toEqual([["Zoë", set.scale.findIndex((o) => o.value === "partly")]]);
      expect(got.notices).toEqual([`${join(dir, "unicode.txt")}: ${said}`]);
    }
  });

  it("take Excel's sep= line, and a separator inside quotes does not fool the sniffing", async () => {
    const got = await read(write(`sep=;\nName;${q[0]!.text}\n"Chen, Maya";Yes\n`));
    expect(got.respondents[0]!.name).toBe("Chen, Maya");
    const quoted = await read(write(`"a,b,c,d";${q[0]!.id}\nx;Yes\n`));
    expect(quoted.fatal[0]!.message).toContain('(header "a,b,c,d") is not a question');
  });

  it("refuse a binary file and a one-column header plainly", async () => {
    expect((await read(write(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0x41, 0, 0, 0])))).fatal[0]!.message).toMatch(/not a text file/);
    expect((await read(write("just one header\nx\n"))).fatal[0]!.message).toMatch(/no comma, semicolon or tab/);
  });
});
