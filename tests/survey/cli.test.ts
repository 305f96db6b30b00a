import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { example, run, tempDir, runInProcess } from "../cli/run.js";
import { csvText, exportBytes, people, sheet } from "./exports.js";

const set = await loadQuestionSet().then(orThrow);
const dir = tempDir();

function save(name: string, bytes: Buffer | string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at |unexpected error/m);

describe("a consultant's survey export, straight to a report", { timeout: 30_000 }, () => {
  const persons = people(set, 6, 7);
  const google = save("Automation fit (Responses).csv", exportBytes("google", set, persons, "native"));

  it("a Google Forms export gives the team report, the metadata columns said once, the client named by --client", async () => {
    const r = run(["report", google, "--client", "Harbourside Accounting", "--format", "json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`note: ${google}: ignored 2 metadata columns: "Timestamp", "Email Address"\n`);
    const team = JSON.parse(r.stdout);
    expect(team.kind).toBe("team");
    expect(team.client).toBe("Harbourside Accounting");
    expect(team.respondentCount).toBe(6);
    expect(team.respondents.map((x: { name: string }) => x.name)).toEqual(persons.map((p) => p.name));
    const text = await runInProcess(["report", google, "--client", "Harbourside Accounting"]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("Automation fit: Harbourside Accounting · team view");
  });

  it("a one-row export (one client filling the form) gives the single report, its name the assessor", async () => {
    const one = save("one.csv", exportBytes("microsoft", set, persons.slice(0, 1), "native"));
    const r = await runInProcess(["report", one, "--format", "json", "--client", "Acme"]);
    expect(r.status).toBe(0);
    const single = JSON.parse(r.stdout);
    expect(single.kind).not.toBe("team");
    expect(single.client).toBe("Acme");
    expect(single.assessor).toBe(persons[0]!.name);
    expect(single.stages).toHaveLength(set.stages.length);
  });

  it("with --skip-bad-rows, one good row left of two gives the single report, the skipped row said", async () => {
    const rows = sheet("google", set, persons.slice(0, 2)).rows.map((row) => [...row]);
    rows[2]![4] = "Maybe";
    const file = save("one-good.csv", csvText(rows, ",", "\n"));
    const r = await runInProcess(["report", file, "--skip-bad-rows", "--format", "json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("skipped 1 of 2 respondents (CSV rows or answers files) with problems; the report leaves them out:");
    expect(r.stderr).toContain(`${file}:E3 (header`);
    expect(JSON.parse(r.stdout)).toMatchObject({ assessor: persons[0]!.name });
    expect(JSON.parse(r.stdout).kind).not.toBe("team");
  });

  it("Excel's Unicode Text saved as .txt is a survey export too", async () => {
    const file = save("Responses.txt", exportBytes("microsoft", set, persons, "utf16le-tab"));
    const r = await runInProcess(["report", file, "--format", "json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("UTF-16 LE (Excel's Unicode Text); tab-separated");
    expect(JSON.parse(r.stdout).respondentCount).toBe(persons.length);
  });

  it("the client column of a sheet names the client", async () => {
    const file = save(
      "client.csv",
      csvText(
        [
          ["Name", "Company", set.questions[0]!.text],
          ["Maya", "Beta plc", "Yes"],
          ["Bo", "Beta plc", "No"],
        ],
        ",",
        "\n",
      ),
    );
    expect(JSON.parse((await runInProcess(["report", file, "--format", "json"])).stdout).client).toBe("Beta plc");
  });

  it("--name-column and --role-column name the columns a sheet heads its own way", async () => {
    const rows = sheet("google", set, persons).rows.map((row) => [...row]);
    rows[0]![2] = "Who are you";
    rows[0]![3] = "Hat";
    const file = save("own-headers.csv", csvText(rows, ",", "\n"));
    const refused = await runInProcess(["report", file]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${file}:C1 (header "Who are you") is not a question of the set`);
    const r = await runInProcess(["report", file, "--name-column", "who are you", "--role-column", "HAT", "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).respondents.map((x: { role: string }) => x.role)).toEqual(persons.map((p) => p.role));
  });

  it("a column that is neither question nor metadata fails the file, its hint offers --ignore-column, which leaves it out", async () => {
    const rows = sheet("google", set, persons).rows.map((row, i) => [...row, i === 0 ? "Department" : "Sales"]);
    const file = save("with-department.csv", csvText(rows, ",", "\n"));
    const refused = await runInProcess(["report", file]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/:[A-Z]+1 \(header "Department"\) is not a question of the set; .*or leave it out: add --ignore-column Department$/m);
    const r = await runInProcess(["report", file, "--ignore-column", "Department", "--format", "json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('left out 1 column: "Department" by --ignore-column');
    expect(JSON.parse(r.stdout).respondents.map((x: { name: string }) => x.name)).toEqual(persons.map((p) => p.name));
  });

  it("the form's closing comments box reaches the report as each respondent's comment, sanitised, and the notice names the column", async () => {
    const header = "Anything else you would like to tell us?";
    const rows = sheet("google", set, persons).rows.map((row, i) => [...row, i === 0 ? header : i === 1 ? "Keep the \u001b[31mphone line\u0007 human" : ""]);
    const file = save("with-comments.csv", csvText(rows, ",", "\n"));
    const r = await runInProcess(["report", file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`read 1 column: "${header}" as the respondent's comments`);
    expect(r.stdout).toMatch(/Comment: Keep the .*phone line.* human/);
    expect(r.stdout).not.toMatch(/\u001b\[31m|\u0007/);
    const json = JSON.parse((await runInProcess(["report", file, "--format", "json"])).stdout);
    expect(json.respondents.map((x: { comment?: string }) => x.comment)).toEqual([rows[1]!.at(-1), ...persons.slice(1).map(() => undefined)]);
    const markdown = (await runInProcess(["report", file, "--format", "markdown"])).stdout;
    expect(markdown).toContain("*Comment*: Keep the");
  });

  it("one respondent's comment is the single report's general note, in every format", async () => {
    const file = save(
      "one-comment.csv",
      csvText(
        [
          ["Name", set.questions[0]!.text, "Comments"],
          ["Maya", "Yes", "Our clients\nwant a person on renewals"],
        ],
        ",",
        "\n",
      ),
    );
    const r = await runInProcess(["report", file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/• General: Our clients want a person on renewals/);
    expect(JSON.parse((await runInProcess(["report", file, "--format", "json"])).stdout).note).toBe("Our clients want a person on renewals");
    expect((await runInProcess(["report", file, "--format", "markdown"])).stdout).toContain("**General note**: Our clients want a person on renewals");
  });

  it("a bad cell is named by file, cell and header, all problems at once, exit 2", async () => {
    const rows = sheet("google", set, persons).rows.map((row) => [...row]);
    rows[3]![4] = "Maybe";
    rows[5]![6] = "Yess";
    const file = save("team.csv", csvText(rows, ",", "\n"));
    const r = await runInProcess(["report", file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^note: /);
    expect(lines[1]).toMatch(new RegExp(`^${file.replace(/[.()]/g, "\\$&")}:E4 \\(header "[^"]+"\\): "Maybe" is not an answer; use Yes, Partly, No, Not sure, Does not apply$`));
    expect(lines[2]).toMatch(/:G6 \(header "[^"]+"\): "Yess" is not an answer; use .*; did you mean "Yes"\?$/);
    noStack(r.stderr);
  });
});

describe("hostile text in the cells of an export", { timeout: 30_000 }, () => {
  it("reaches no terminal raw, and every format still renders", { timeout: 60_000 }, async () => {
    const hostile = [
      "\u001b]52;c;ZXZpbA==\u0007Eve",
      '=HYPERLINK("http://evil.example","x")',
      "Bob\u202eevil\u202c",
      "Zed\u200b\u2060",
      "%%{init: {'theme':'dark'}}%%",
      "<script>alert(1)</script>",
      'a;b,c\td"e\r\nf',
    ];
    const q = set.questions.map((x) => x.text);
    const rows = [["Name", "Role", "Company", ...q], ...hostile.map((h, i) => [h, h, "Acme \u001b[2J", ...q.map((_, j) => ["Yes", "No", "Partly"][(i + j) % 3]!)])];
    for (const [name, separator, formats] of [
      ["hostile-comma.csv", ",", ["terminal", "markdown", "json", "html"]],
      ["hostile-semi.csv", ";", ["terminal", "json"]],
      ["hostile-tab.csv", "\t", ["json"]],
    ] as const) {
      const file = save(name, csvText(rows, separator, "\r\n"));
      for (const format of formats) {
        const r = await runInProcess(["report", file, "--format", format]);
        expect(r.status).toBe(0);
        if (format !== "json") expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202e]/);
        if (format === "json") expect(JSON.parse(r.stdout).respondents[0].name).toBe(hostile[0]);
        noStack(r.stderr);
      }
      const bad = save(
        `bad-${name}`,
        csvText(
          [
            ["Name", q[0]!],
            ["x", "\u001b]52;c;ZXZpbA==\u0007"],
          ],
          separator,
          "\n",
        ),
      );
      const r = await runInProcess(["report", bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).not.toContain("\u001b");
      expect(r.stderr).toContain("^[]52;c;ZXZpbA==^G");
    }
  });
});

describe("validate checks anything report takes", { timeout: 30_000 }, () => {
  it("an export, a team folder and a question set folder, each told by its content; every problem at once", { timeout: 30_000 }, async () => {
    const persons = people(set, 3, 3);
    const team = join(dir, "round-1");
    mkdirSync(team);
    writeFileSync(join(team, "export.csv"), exportBytes("typeform", set, persons, "utf16le-tab"));
    writeFileSync(join(team, "maya.yaml"), "assessor: Maya\nanswers:\n  uniform-need: yes\n");
    const good = await runInProcess(["validate", team, join(team, "export.csv")]);
    expect(good.status).toBe(0);
    expect(good.stdout).toBe(`${team}: valid team folder (4 respondents from 2 files)\n${join(team, "export.csv")}: valid survey export (3 respondents)\n`);
    expect(good.stderr).toContain("UTF-16 LE");

    const broken = join(dir, "round-2");
    mkdirSync(broken);
    writeFileSync(join(broken, "bo.yaml"), "assessor: Bo\nanswers:\n  uniform-need: yse\n");
    writeFileSync(
      join(broken, "export.csv"),
      csvText(
        [
          ["Name", set.questions[0]!.text],
          ["A", "Maybe"],
          ["B", "Nope"],
        ],
        ",",
        "\n",
      ),
    );
    const r = await runInProcess(["validate", broken, join(dir, "missing.csv")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toEqual([
      `${join(dir, "missing.csv")} no such file or folder`,
      expect.stringMatching(/bo\.yaml:3:17 'yse' is not on the scale for 'uniform-need'; did you mean 'yes'\?$/),
      expect.stringMatching(/export\.csv:B2 \(header ".*"\): "Maybe" is not an answer/),
      expect.stringMatching(/export\.csv:B3 \(header ".*"\): "Nope" is not an answer; use .*; did you mean "No"\?$/),
    ]);

    const saved = save("saved-report.json", (await runInProcess(["report", example("regional-accounting-firm.yaml"), "--format", "json"])).stdout);
    const report = await runInProcess(["validate", saved]);
    expect(report.status).toBe(2);
    expect(report.stderr).toBe(
      `${saved}:1:1 is a report made by 'automation-fit report --format json', not a question set, answers file or survey export; validate checks what report reads\n`,
    );

    const setFolder = await runInProcess(["validate", example("../questions")]);
    expect(setFolder.status).toBe(0);
    expect(setFolder.stdout).toMatch(/valid question set \(\d+ stages, \d+ questions\)/);
  });
});

describe("compare two survey rounds", { timeout: 30_000 }, () => {
  it("two exports are compared at the team medians; two one-row exports answer by answer", async () => {
    const before = save("round-1.csv", exportBytes("google", set, people(set, 5, 11), "native"));
    const after = save("round-2.csv", exportBytes("surveymonkey", set, people(set, 4, 12), "utf8-bom-semicolon"));
    const r = await runInProcess(["compare", before, after, "--format", "json"]);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect([c.before.kind, c.before.respondents, c.after.kind, c.after.respondents]).toEqual(["team", 5, "team", 4]);
    expect(c.answerLevel).toBe(false);
    // each round dated by the latest day in its time columns, and said
    expect([c.before.date, c.after.date]).toEqual(["2026-11-14", "2026-11-14"]);
    expect(r.stderr).toContain(`note: ${before}: dated 2026-11-14, the latest day in its "Timestamp" column\n`);
    expect(r.stderr).toContain(`note: ${after}: dated 2026-11-14, the latest day in its "End Date" column\n`);
    const teamBefore = JSON.parse((await runInProcess(["report", before, "--format", "json"])).stdout);
    expect(c.stages.map((s: { before: { score: number } }) => s.before.score)).toEqual(teamBefore.stages.map((s: { median: number }) => s.median));
    const text = await runInProcess(["compare", before, after]);
    expect(text.stdout.replace(/\s+/g, " ")).toContain(`${before} is a team of 5 and ${after} is a team of 4, so only team medians and verdicts are compared.`);

    const one = (name: string, seed: number) => save(name, exportBytes("jotform", set, people(set, 1, seed), "native"));
    const single = JSON.parse((await runInProcess(["compare", one("a.csv", 1), one("b.csv", 2), "--format", "json"])).stdout);
    expect(single.answerLevel).toBe(true);
    expect(single.answersChanged).toBeGreaterThan(0);
  });

  it("a team folder on one side and a saved report on the other", async () => {
    const folder = join(dir, "folder-side");
    mkdirSync(folder);
    writeFileSync(join(folder, "export.csv"), exportBytes("jotform", set, people(set, 3, 5), "windows-1252"));
    const saved = save("saved.json", (await runInProcess(["report", example("regional-accounting-firm.yaml"), "--format", "json"])).stdout);
    const r = await runInProcess(["compare", saved, folder, "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).after).toMatchObject({ kind: "team", respondents: 3 });
  });
});
