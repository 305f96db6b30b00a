import { lint } from "markdownlint/promise";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { QuestionSet } from "../../src/model/question-set.js";
import type { TeamAssessment } from "../../src/model/report.js";
import { renderTeamHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { renderTeamMarkdown } from "../../src/report/team-markdown.js";
import { renderTeamTerminal } from "../../src/report/team-terminal.js";
import { aggregate } from "../../src/score/aggregate.js";
import { encodeAnswers, type Respondent } from "../../src/model/respondent.js";
import { fixture } from "../cli/run.js";

const mini = await loadQuestionSet(fixture("mini")).then(orThrow);
const HOSTILE = "Ana | <script>x</script> *big* \u001b[31mred\nline";

async function lintErrors(markdown: string): Promise<string[]> {
  const results = await lint({ strings: { report: markdown }, config: { default: true, MD013: false } });
  return (results.report ?? []).map((e) => `${e.lineNumber}: ${e.ruleNames.join("/")} ${e.errorDetail ?? ""} ${e.errorContext ?? ""}`);
}

const VALUES = ["yes", "partly", "no", "unsure"];

function team(size: number, set: QuestionSet = mini, names: (i: number) => string = (i) => `Person ${i + 1}`): TeamAssessment {
  const respondents: Respondent[] = Array.from({ length: size }, (_, i) => ({
    name: names(i),
    file: `answers/p${i + 1}.yaml`,
    answers: encodeAnswers(set, Object.fromEntries(set.questions.map((q, k) => [q.id, VALUES[(i * (k + 1)) % VALUES.length]!]))),
  }));
  return aggregate(set, respondents);
}

const hostileSet: QuestionSet = {
  ...mini,
  stages: mini.stages.map((s, i) => ({ ...s, name: i === 0 ? "Team summary" : "Billing | <b> next:" })),
};

describe("renderTeamMarkdown", () => {
  it("passes markdownlint for a small team, hostile names and clashing stage names included", async () => {
    const t = team(3, hostileSet, (i) => (i === 0 ? HOSTILE : `P${i}`));
    const text = renderTeamMarkdown({ ...t, client: "Acme: the <co>" });
    expect(await lintErrors(text)).toEqual([]);
    expect(text).not.toMatch(/<script|<b>|<co>/);
    expect(text).not.toContain("\u001b");
    expect(text).toContain("## Team summary (2)");
    expect(text).toMatch(/^# Team view: Acme: the &lt;co&gt;$/m);
    expect(text).toContain("## Scores by respondent");
    expect(text).toContain("Ana \\| &lt;script&gt;x&lt;/script&gt; \\*big\\* ^\\[\\[31mred line");
  });

  it("passes markdownlint for a large team and shows distributions instead of people", async () => {
    const text = renderTeamMarkdown(team(40));
    expect(await lintErrors(text)).toEqual([]);
    expect(text).toContain("40 respondents");
    expect(text).toContain("| Stage | Verdict | Median | Middle half | Answered | Agree |");
    expect(text).not.toContain("## Respondents");
    expect(text).not.toContain("## Scores by respondent");
    expect(text).not.toContain("Person 1:");
    expect(text).toMatch(/^ {3}- Yes \d+ · Partly \d+ · No \d+ · Not sure \d+$/m);
  });

  it("renders a team of one without disputes", async () => {
    const text = renderTeamMarkdown(team(1));
    expect(await lintErrors(text)).toEqual([]);
    expect(text).toContain("One respondent: nobody to disagree with.");
  });
});

describe("renderTeamTerminal", () => {
  it("fits 80 and 40 columns for small and large teams, and lets no escape sequence through", () => {
    for (const t of [team(3, hostileSet, (i) => (i === 0 ? HOSTILE : `P${i}`)), team(8), team(40)]) {
      for (const width of [80, 40]) {
        const text = renderTeamTerminal(t, { color: false, width });
        expect(text).not.toContain("\u001b");
        for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(width);
      }
    }
  });

  it("lists a small team's respondents, scores and answers, a large team's tallies", () => {
    const small = renderTeamTerminal(team(3), { color: false, width: 80 });
    expect(small).toMatch(/^Respondents\n {2}1 Person 1 \(answers\/p1\.yaml\)$/m);
    expect(small).toMatch(/^Scores by respondent\n {2}Stage\s+1\s+2\s+3$/m);
    expect(small).toMatch(/^ {5}Person 2: +\w/m);
    const large = renderTeamTerminal(team(40), { color: false, width: 80 });
    expect(large).not.toContain("Scores by respondent");
    expect(large).toContain("Middle half");
    expect(large).toMatch(/^ {5}Yes \d+ · Partly \d+ · No \d+ · Not sure \d+$/m);
  });

  it("colours verdicts only when asked", () => {
    expect(renderTeamTerminal(team(3), { color: true, width: 80 })).toContain("\u001b[");
  });
});

describe("team JSON", () => {
  it("parses back equal to the team assessment, with no raw control characters", () => {
    const t = team(3, hostileSet, (i) => (i === 0 ? HOSTILE : `P${i}`));
    const text = renderJson(t);
    expect(JSON.parse(text)).toEqual(t);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});

describe("a three-person team where one answered too little", () => {
  // Person 3 answers "Not sure" to everything: no verdict of their own, so Agree counts 2 of 2 and Answered says 2 of 3.
  const respondents: Respondent[] = ["yes", "yes", "unsure"].map((value, i) => ({
    name: `Person ${i + 1}`,
    file: `answers/p${i + 1}.yaml`,
    answers: encodeAnswers(mini, Object.fromEntries(mini.questions.map((q) => [q.id, value]))),
  }));
  const t = aggregate(mini, respondents);

  it("says who answered instead of a confidence percentage, and explains Agree where the table is, in every format", () => {
    expect(t.stages[0]!.counted).toBe(2);
    const formats = {
      terminal: renderTeamTerminal(t, { color: false, width: 100 }),
      markdown: renderTeamMarkdown(t),
      html: renderTeamHtml(t),
    };
    for (const [format, wrapped] of Object.entries(formats)) {
      const text = wrapped.replace(/\s+/g, " ");
      expect(text, format).not.toMatch(/confidence/i);
      expect(text, format).toMatch(/Answered/);
      expect(text, format).toContain("answered by 2 of 3");
      expect(text, format).toContain("2/2 beside 2 of 3 answered: both who answered enough agree");
      expect(text, format).toContain("Not sure");
    }
    expect(formats.terminal).toMatch(/^ {2}Stage\s+Median\s+Range\s+Verdict\s+Answered\s+Agree$/m);
    expect(formats.terminal).toMatch(/^ {2}\S.*\s2 of 3\s+2\/2$/m);
    expect(formats.markdown).toMatch(/\| 2 of 3 \| 2\/2 \|$/m);
  });

  it("keeps the figures on their own lines at 40 columns, answered and agree in words", () => {
    const text = renderTeamTerminal(t, { color: false, width: 40 });
    expect(text).toMatch(/answered by 2 of 3, 2\/2 agree/);
    for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(40);
  });
});
