// npm run bench: how fast the built CLI starts, next to Node's own start-up (`node -e 0`), and how a team report scales.
// A benchmark, not a test: it prints a table, says which targets are met, and for a start-up target that is not, where the
// time goes (CPU profiles, by package). It writes everything to .bench/latest.json (the run before: .bench/previous.json).
//
//   node scripts/bench.mjs [--runs 40] [--sizes 1000,5000,10000] [--team-runs 3] [--profiles 10] [--keep-data]
//
// Needs a build (npm run bench builds first).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const bin = join(root, "bin", "automation-fit.js");
const node = process.execPath;

const { values: opt } = parseArgs({
  options: {
    runs: { type: "string", default: "40" },
    sizes: { type: "string", default: "1000,5000,10000" },
    "team-runs": { type: "string", default: "3" },
    profiles: { type: "string", default: "10" },
    "keep-data": { type: "boolean", default: false },
  },
});
const RUNS = Number(opt.runs);
const SIZES = opt.sizes.split(",").map(Number);
const TEAM_RUNS = Number(opt["team-runs"]);
const PROFILES = Number(opt.profiles);

const TARGETS = { help: 1.2, report: 1.3, teamMs: 2000, teamRssMb: 200 };

if (!existsSync(join(dist, "build-info.json"))) {
  console.error("bench: no build in dist/; run `npm run build` (or `npm run bench`, which builds first)");
  process.exit(2);
}
const info = JSON.parse(readFileSync(join(dist, "build-info.json"), "utf8"));
const example = pickExample();
const result = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpu: cpus()[0]?.model ?? "?", cpus: cpus().length, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) },
  runs: RUNS,
  startup: [],
  team: [],
  inProcess: [],
  checks: {},
  explain: {},
};

// ---------------------------------------------------------------------------------------------------------------- start-up

const STARTUP = [
  { name: "--version", args: ["--version"] },
  { name: "--help", args: ["--help"], target: TARGETS.help },
  { name: "questions --format json", args: ["questions", "--format", "json"] },
  { name: "report (json)", args: ["report", example, "--format", "json"], target: TARGETS.report },
  { name: "report (markdown)", args: ["report", example, "--format", "markdown"], target: TARGETS.report },
  { name: "validate", args: ["validate"] },
  // A missing file leaves the quick path for the full loader, so it loads the work (zod, yaml) too, then stops (exit 2): this
  // less report (json) is about what the report script spares a plain answers file.
  { name: "report, missing file", args: ["report", "no-such-answers.yaml"], status: 2 },
];

const caches = () =>
  Object.fromEntries(
    readdirSync(dist)
      .filter((n) => n.endsWith(".cache"))
      .map((n) => [n, statSync(join(dist, n)).mtimeMs]),
  );
const cachesBefore = caches();
// The code caches as built: should a run below rewrite one (V8 rejecting it), it is put back at the end.
const cacheBackup = Object.keys(cachesBefore).map((n) => [n, readFileSync(join(dist, n))]);

console.log(`automation-fit bench: Node ${process.version}, ${result.machine.cpus} x ${result.machine.cpu}, load ${result.machine.loadAverage.join(" ")}`);
console.log(`start-up: ${RUNS} rounds, each command right after a \`node -e 0\`, in shuffled order; medians\n`);

const baseline = [];
const samples = STARTUP.map(() => []);
const paired = STARTUP.map(() => []);
for (const row of STARTUP) for (let w = 0; w < 3; w++) timed(cliArgs(row.args, row.entry), row.name, row.status), timed(["-e", "0"]);
const random = seeded(1);
for (let round = 0; round < RUNS; round++) {
  for (const i of shuffle(
    STARTUP.map((_, j) => j),
    random,
  )) {
    const base = timed(["-e", "0"]);
    const ms = timed(cliArgs(STARTUP[i].args, STARTUP[i].entry), STARTUP[i].name, STARTUP[i].status);
    baseline.push(base);
    samples[i].push(ms);
    paired[i].push(ms / base);
  }
}
const baseMs = median(baseline);
const startupRows = [
  ["command", "median", "p25-p75", "x node -e 0", "target", ""],
  ["node -e 0", ms(baseMs), spread(baseline), "1.00", "", ""],
];
for (const [i, row] of STARTUP.entries()) {
  const med = median(samples[i]);
  const ratio = med / baseMs;
  const met = row.target === undefined ? undefined : ratio <= row.target;
  result.startup.push({
    name: row.name,
    command: `${row.entry ? `node ${relative(root, row.entry)}` : "automation-fit"} ${row.args.join(" ")}`,
    medianMs: round(med),
    p25Ms: round(quantile(samples[i], 0.25)),
    p75Ms: round(quantile(samples[i], 0.75)),
    baselineMs: round(baseMs),
    ratio: round(ratio, 3),
    pairedRatio: round(median(paired[i]), 3),
    target: row.target ?? null,
    met: met ?? null,
  });
  startupRows.push([row.name, ms(med), spread(samples[i]), ratio.toFixed(2), row.target ? `<= ${row.target.toFixed(2)}` : "", verdict(met)]);
}
printTable(startupRows);
const byName = Object.fromEntries(result.startup.map((r) => [r.name, r.medianMs]));
if (byName["report, missing file"] && byName["--version"]) {
  const parts = {
    "Node itself (node -e 0)": baseMs,
    "start: commander, the commands (--version less node -e 0)": byName["--version"] - baseMs,
    "the report script and the report: quick paths, score, render (report (json) less --version)": byName["report (json)"] - byName["--version"],
    "for comparison, what the work adds to a report that needs it (report, missing file less report (json))": byName["report, missing file"] - byName["report (json)"],
  };
  result.checks.reportParts = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round(v)]));
  console.log(`\nreport (json), ${ms(byName["report (json)"])}, in parts (differences of medians):`);
  printTable([["", "ms", "x node -e 0"], ...Object.entries(parts).map(([k, v]) => [k, v.toFixed(1), (v / baseMs).toFixed(2)])]);
}

const cachesAfter = caches();
const rewritten = Object.keys(cachesAfter).filter((n) => cachesAfter[n] !== cachesBefore[n]);
result.checks.codeCaches = { files: Object.keys(cachesAfter), rewrittenDuringBench: rewritten };
result.checks.start = { file: info.start.file, bytes: info.start.bytes, packages: info.start.packages };
const heavy = ["zod", "yaml", "chalk", "@inquirer"].filter((p) => Object.keys(info.start.packages).some((n) => n === p || n.startsWith(`${p}/`)));
console.log(
  `\nstart (${kb(info.start.bytes)}) holds: ${
    Object.entries(info.start.packages)
      .map(([p, b]) => `${p} (${kb(b)} of source)`)
      .join(", ") || "no packages"
  } and ${kb(info.start.sourceBytes)} of src/; zod, yaml, chalk, inquirer: ${heavy.length ? `PRESENT: ${heavy.join(", ")}` : "none"}`,
);
if (info.report) {
  result.checks.report = { file: info.report.file, bytes: info.report.bytes, packages: info.report.packages };
  const heavyInReport = ["zod", "yaml", "chalk", "@inquirer"].filter((p) => Object.keys(info.report.packages).some((n) => n === p || n.startsWith(`${p}/`)));
  console.log(
    `report (${kb(info.report.bytes)}, code cache ${kb(info.report.cacheBytes)}) loads on report's first import; zod, yaml, chalk, inquirer: ${heavyInReport.length ? `PRESENT: ${heavyInReport.join(", ")}` : "none"}`,
  );
}
console.log(
  `work (${kb(info.work.bytes)}, code cache ${kb(info.work.cacheBytes)}) loads on any other command's first import (and behind report's own imports); start's code cache ${kb(info.start.cacheBytes)}`,
);
console.log(
  `code caches: ${rewritten.length ? `REWRITTEN during the bench (V8 rejected them: ${rewritten.join(", ")}); the figures above include compiling` : "used as built (none rewritten during the bench)"}`,
);

const data = mkdtempSync(join(tmpdir(), "automation-fit-bench-"));
const preload = join(data, "max-rss.cjs");
writeFileSync(preload, `process.on("exit", () => require("node:fs").writeFileSync(process.env.AUTOMATION_FIT_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n`);
try {
  // ---------------------------------------------------------------------------------------------------------- floors
  const floors = await packageFloors(data);
  if (floors.length) {
    console.log(`\nwhat the report path's packages cost on their own: each in a script run as dist/cli.js runs the work (code-cached), less an empty one`);
    printTable([["", "ms", "x node -e 0"], ...floors.map((f) => [f.name, f.ms === null ? `n/a (${f.error})` : f.ms.toFixed(1), f.ms === null ? "" : (f.ms / baseMs).toFixed(2)])]);
    result.checks.floors = floors;
  }

  // ------------------------------------------------------------------------------------------------------------ team
  const set = JSON.parse(run(cliArgs(["questions", "--format", "json"])).stdout);
  const generated = generate(set, data);
  console.log(
    `\nteam report: ${SIZES.join(", ")} respondents of random valid answers to the built-in set (${set.questions.length} questions), as answers files in a folder and as one CSV; median of ${TEAM_RUNS} runs`,
  );
  const teamRows = [["input", "respondents", "median", "peak memory", "per 1,000", "target", ""]];
  for (const kind of ["folder", "csv"]) {
    let available = true;
    for (const n of SIZES) {
      const input = kind === "folder" ? generated[n].folder : generated[n].csv;
      const label = kind === "folder" ? `report FOLDER --format json` : `report FILE.csv --format json`;
      if (!available) continue;
      const runs = [];
      for (let r = 0; r < TEAM_RUNS; r++) {
        const measured = measure(cliArgs(["report", input, "--format", "json"]));
        if (measured.status !== 0) {
          available = false;
          const why = measured.stderr.trim().split("\n")[0] ?? "";
          result.team.push({ input: kind, respondents: n, available: false, status: measured.status, stderr: why });
          teamRows.push([label, fmtInt(n), "not available yet", "", "", "", `(exit ${measured.status}: ${why.slice(0, 60)})`]);
          break;
        }
        runs.push(measured);
      }
      if (!available) break;
      const med = median(runs.map((m) => m.ms));
      const rssMb = Math.max(...runs.map((m) => m.maxRssKb)) / 1024;
      const targeted = n === Math.max(...SIZES);
      const met = targeted ? med < TARGETS.teamMs && rssMb < TARGETS.teamRssMb : undefined;
      result.team.push({ input: kind, respondents: n, available: true, medianMs: round(med), runsMs: runs.map((m) => round(m.ms)), peakRssMb: round(rssMb, 1), met: met ?? null });
      teamRows.push([
        label,
        fmtInt(n),
        ms(med),
        `${rssMb.toFixed(0)} MB`,
        ms((med / n) * 1000),
        targeted ? `< ${TARGETS.teamMs / 1000} s, < ${TARGETS.teamRssMb} MB` : "",
        verdict(met),
      ]);
    }
  }
  printTable(teamRows);
  for (const kind of ["folder", "csv"]) {
    const rows = result.team.filter((t) => t.input === kind && t.available);
    if (rows.length < 3) continue;
    result.checks[`linear-${kind}`] = linearity(rows);
    console.log(`${kind}: ${result.checks[`linear-${kind}`].text}`);
  }

  console.log("\nin process, for reference (one run each): every file through src/load/answers.ts loadAnswers (YAML with positions, zod), then src/score/score.ts assess");
  const probe = await inProcessProbe(data);
  const inRows = [["respondents", "load + validate", "score", "total", "per 1,000", "peak memory"]];
  for (const n of SIZES) {
    const measured = measure([probe, generated[n].folder]);
    if (measured.status !== 0) {
      inRows.push([fmtInt(n), `failed: ${measured.stderr.trim().split("\n")[0]}`, "", "", "", ""]);
      continue;
    }
    const r = JSON.parse(measured.stdout);
    result.inProcess.push({
      respondents: n,
      loadMs: round(r.loadMs),
      scoreMs: round(r.scoreMs),
      totalMs: round(r.loadMs + r.scoreMs),
      peakRssMb: round(measured.maxRssKb / 1024, 1),
    });
    inRows.push([fmtInt(n), ms(r.loadMs), ms(r.scoreMs), ms(r.loadMs + r.scoreMs), ms(((r.loadMs + r.scoreMs) / n) * 1000), `${(measured.maxRssKb / 1024).toFixed(0)} MB`]);
  }
  printTable(inRows);
  if (result.inProcess.length >= 3) {
    result.checks["linear-in-process"] = linearity(result.inProcess.map((r) => ({ respondents: r.respondents, medianMs: r.totalMs })));
    console.log(`in process: ${result.checks["linear-in-process"].text}`);
  }

  // ------------------------------------------------------------------------------------------------- what holds it back
  const missed = result.startup.filter((r) => r.met === false);
  if (missed.length && PROFILES > 0) {
    console.log(`\nwhere the time goes, for the targets not met: CPU time by package, mean of ${PROFILES} profiled runs (100 us samples),`);
    console.log("less the same for `node -e 0`; profiling slows everything, so read these as shares rather than milliseconds");
    const base = profile(["-e", "0"], data);
    for (const row of missed) {
      const { args, entry } = STARTUP.find((s) => s.name === row.name);
      const prof = profile(cliArgs(args, entry), data);
      const names = [...new Set([...Object.keys(prof.byCategory), ...Object.keys(base.byCategory)])];
      const diff = names
        .map((c) => [c, (prof.byCategory[c] ?? 0) - (base.byCategory[c] ?? 0)])
        .filter(([, d]) => Math.abs(d) >= 0.2)
        .sort((a, b) => b[1] - a[1]);
      const extra = prof.totalMs - base.totalMs;
      result.explain[row.name] = {
        profiledMs: round(prof.totalMs),
        baselineProfiledMs: round(base.totalMs),
        extraMs: round(extra),
        byCategoryMs: Object.fromEntries(diff.map(([c, d]) => [c, round(d)])),
      };
      console.log(`\n${row.name}: ${ms(prof.totalMs)} profiled, ${ms(extra)} more than node -e 0 (${ms(base.totalMs)})`);
      printTable([["", "ms", "share"], ...diff.map(([c, d]) => [c, d.toFixed(1), `${Math.round((100 * d) / extra)}%`])]);
    }
  }
} finally {
  if (!opt["keep-data"]) rmSync(data, { recursive: true, force: true });
  else console.log(`\ndata kept in ${data}`);
  const now = caches();
  if (Object.keys(cachesBefore).some((n) => now[n] !== cachesBefore[n])) {
    for (const [n, bytes] of cacheBackup) writeFileSync(join(dist, n), bytes);
    console.log("\n(a code cache was rewritten by a run of the bench; the built one is back in place)");
  }
}

// ------------------------------------------------------------------------------------------------------------- summary

const targets = [
  ...result.startup.filter((r) => r.target).map((r) => ({ target: `${r.name} <= ${r.target}x node -e 0`, met: r.met, value: `${r.ratio.toFixed(2)}x` })),
  ...["folder", "csv"].map((kind) => {
    const top = result.team.find((t) => t.input === kind && t.respondents === Math.max(...SIZES));
    const label = `team report, ${fmtInt(Math.max(...SIZES))} respondents (${kind}) < ${TARGETS.teamMs / 1000} s and < ${TARGETS.teamRssMb} MB`;
    if (!top) return { target: label, met: null, value: "not measured" };
    if (!top.available) return { target: label, met: null, value: "not available yet" };
    return { target: label, met: top.met, value: `${(top.medianMs / 1000).toFixed(2)} s, ${top.peakRssMb.toFixed(0)} MB` };
  }),
  ...["folder", "csv"]
    .filter((k) => result.checks[`linear-${k}`])
    .map((k) => ({ target: `cost grows linearly (${k})`, met: result.checks[`linear-${k}`].linear, value: result.checks[`linear-${k}`].short })),
];
result.targets = targets;
console.log("\ntargets");
printTable(targets.map((t) => [t.target, t.value, t.met === null ? "-" : verdict(t.met)]));

// What holds back a start-up target not met, from the figures above.
const notes = [];
const floor = (prefix) => result.checks.floors?.find((f) => f.name.startsWith(prefix))?.ms ?? null;
const help = result.startup.find((r) => r.name === "--help");
const version = result.startup.find((r) => r.name === "--version");
if (help?.met === false && version) {
  notes.push(
    `--help: ${help.ratio.toFixed(2)}x, of which --version (the CommonJS bin, commander and the command definitions, nothing printed) is ${version.ratio.toFixed(2)}x; the rest is commander formatting the help`,
  );
}
const report = result.startup.find((r) => r.name === "report (json)");
const [zod, yaml, chalk] = [floor("zod"), floor("yaml"), floor("chalk")];
if (report?.met === false && zod !== null && chalk !== null) {
  const without = report.medianMs - zod - chalk;
  notes.push(
    `report: ${report.ratio.toFixed(2)}x; zod (${zod.toFixed(1)} ms), yaml (${yaml?.toFixed(1) ?? "?"} ms) and chalk (${chalk.toFixed(1)} ms) cost that much on their own, code-cached; ` +
      `without zod and chalk on its path it would be about ${without.toFixed(0)} ms, ${(without / baseMs).toFixed(2)}x: the bin, commander, yaml, the code caches and the report itself`,
  );
}
if (notes.length) {
  console.log("\nnotes");
  for (const note of notes) console.log(`- ${note}`);
  result.notes = notes;
}

mkdirSync(join(root, ".bench"), { recursive: true });
const latest = join(root, ".bench", "latest.json");
if (existsSync(latest)) {
  const previous = JSON.parse(readFileSync(latest, "utf8"));
  renameSync(latest, join(root, ".bench", "previous.json"));
  const changes = result.startup
    .map((r) => {
      const before = previous.startup?.find((p) => p.name === r.name);
      return before ? `${r.name} ${before.ratio.toFixed(2)}x -> ${r.ratio.toFixed(2)}x` : undefined;
    })
    .filter(Boolean);
  if (changes.length) console.log(`\nsince the previous run (${previous.date}): ${changes.join("; ")}`);
}
writeFileSync(latest, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nwrote ${relative(root, latest)}`);

// ------------------------------------------------------------------------------------------------------------- helpers

function cliArgs(args, entry = bin) {
  return [entry, ...args];
}

function run(args, env = {}) {
  const r = spawnSync(node, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

/** Wall-clock milliseconds of one run, output discarded; a command failing otherwise than expected stops the bench. */
function timed(args, name, status = 0) {
  const start = process.hrtime.bigint();
  const r = spawnSync(node, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== status) {
    console.error(`bench: \`${name ?? args.join(" ")}\` failed (exit ${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  return elapsed;
}

/** One run with its wall-clock time and peak resident memory (process.resourceUsage().maxRSS, written at exit by a preload). */
function measure(args) {
  const rssFile = join(data, `rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(node, ["-r", preload, ...args], {
    cwd: root,
    env: { ...process.env, AUTOMATION_FIT_BENCH_RSS: rssFile },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  let maxRssKb = 0;
  try {
    maxRssKb = Number(readFileSync(rssFile, "utf8"));
    rmSync(rssFile);
  } catch {}
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: elapsed, maxRssKb };
}

function pickExample() {
  const names = readdirSync(join(root, "examples"))
    .filter((n) => n.endsWith(".yaml"))
    .sort();
  const name = names.includes("self-serve-subscription.yaml") ? "self-serve-subscription.yaml" : names[0];
  if (!name) throw new Error("bench: no examples/*.yaml to report on");
  return join("examples", name);
}

/** Random valid answers (a fixed seed): for each size, a folder of answers files and one CSV with the same respondents. */
function generate(set, dir) {
  const ids = set.questions.map((q) => q.id);
  const values = set.scale.map((o) => o.value);
  const roles = ["founder", "sales", "support", "operations", "finance"];
  const out = {};
  for (const n of SIZES) {
    const random = seeded(n);
    const folder = join(dir, `answers-${n}`);
    mkdirSync(folder);
    const csv = [`respondent,role,${ids.join(",")}`];
    for (let i = 1; i <= n; i++) {
      const name = `respondent-${String(i).padStart(5, "0")}`;
      const role = roles[Math.floor(random() * roles.length)];
      const answers = ids.map((id) => (random() < 0.9 ? values[Math.floor(random() * values.length)] : undefined));
      const yaml = [
        `client: Bench Co`,
        `assessor: ${name} (${role})`,
        "answers:",
        ...ids.flatMap((id, q) => (answers[q] === undefined ? [] : [`  ${id}: ${JSON.stringify(answers[q])}`])),
      ];
      writeFileSync(join(folder, `${name}.yaml`), `${yaml.join("\n")}\n`);
      csv.push([name, role, ...answers.map((a) => a ?? "")].join(","));
    }
    const file = join(dir, `team-${n}.csv`);
    writeFileSync(file, `${csv.join("\n")}\n`);
    out[n] = { folder, csv: file };
  }
  return out;
}

/** The cost of a package on the report path by itself: a script doing what the report does with it, run through
 * scripts/script-loader.mjs with its code cache, as dist/cli.js runs the work, less a script doing nothing. */
async function packageFloors(dir) {
  const { builtins, onlyEnglishZod } = await import("./build.mjs");
  const answersFile = JSON.stringify(join(root, example));
  const probes = [
    ["nothing", ""],
    [
      "zod: the model's schemas built, an options and an answers parse",
      `import { z } from "zod";
       import { AnswersFile } from "./src/model/answers.ts";
       import "./src/model/question-set.ts";
       import { OutputOptions, parseOptions, SetOptions } from "./src/commands/parse-options.ts";
       parseOptions(SetOptions.extend(OutputOptions.shape).extend({ format: z.enum(["json"]).default("json") }), { color: true, force: false });
       AnswersFile.parse({ client: "c", answers: { "a-question": "yes" }, notes: {} });`,
    ],
    [
      "yaml: an answers file parsed, with positions",
      `import { readFileSync } from "node:fs";
       import { LineCounter, parseDocument } from "yaml";
       parseDocument(readFileSync(${answersFile}, "utf8"), { lineCounter: new LineCounter(), uniqueKeys: true, prettyErrors: false }).toJS();`,
    ],
    ["chalk: imported, a palette made", `import { Chalk } from "chalk";\nnew Chalk({ level: 0 }).bold("x");`],
  ];
  const runner = join(dir, "probe-runner.mjs");
  writeFileSync(
    runner,
    `import { runScript } from ${JSON.stringify(pathToFileURL(join(root, "scripts", "script-loader.mjs")).href)};\nrunScript(process.argv[2], import.meta.url);\n`,
  );
  const built = [];
  for (const [i, [name, contents]] of probes.entries()) {
    try {
      const out = await build({
        stdin: { contents, resolveDir: root, sourcefile: `probe-${i}.ts`, loader: "ts" },
        bundle: true,
        format: "esm",
        platform: "node",
        target: "node20",
        minify: true,
        write: false,
        logLevel: "silent",
        define: { "import.meta.url": "__automationFitMetaUrl" },
        plugins: [builtins(), onlyEnglishZod()],
      });
      writeFileSync(join(dir, `probe-${i}.js`), out.outputFiles[0].text);
      const args = [runner, `./probe-${i}.js`];
      for (let w = 0; w < 3; w++) timed(args, `probe ${name}`);
      built.push({ name, args, samples: [] });
    } catch (error) {
      built.push({ name, error: String(error.message).split("\n")[0] });
    }
  }
  const runnable = built.filter((b) => b.args);
  if (!runnable.length || !built[0].args) return [];
  const random = seeded(2);
  for (let r = 0; r < Math.max(10, RUNS); r++) for (const b of shuffle([...runnable], random)) b.samples.push(timed(b.args, `probe ${b.name}`));
  const nothing = median(built[0].samples);
  return built.slice(1).map((b) => ({ name: b.name, ms: b.args ? round(median(b.samples) - nothing) : null, ...(b.error ? { error: b.error } : {}) }));
}

/** A small script, bundled from src/, that loads and scores every answers file of a folder and prints the times. */
async function inProcessProbe(dir) {
  const out = await build({
    stdin: {
      contents: `import { readdirSync } from "node:fs";
        import { join } from "node:path";
        import { loadAnswers } from "./src/load/answers.ts";
        import { loadQuestionSet } from "./src/load/question-set.ts";
        import { assess } from "./src/score/score.ts";
        const folder = process.argv[2];
        const set = await loadQuestionSet();
        const files = readdirSync(folder).sort().map((n) => join(folder, n));
        let start = performance.now();
        const all = [];
        for (const file of files) all.push(await loadAnswers(file, set));
        const loadMs = performance.now() - start;
        start = performance.now();
        let stages = 0;
        for (const answers of all) stages += assess(set, answers).stages.length;
        const scoreMs = performance.now() - start;
        process.stdout.write(JSON.stringify({ n: files.length, stages, loadMs, scoreMs }));`,
      resolveDir: root,
      sourcefile: "in-process-probe.ts",
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "warning",
    define: { "import.meta.url": JSON.stringify(pathToFileURL(join(dist, "probe.js")).href) },
    banner: { js: `import { createRequire as __cr } from 'node:module'; const require = __cr(${JSON.stringify(join(root, "package.json"))});` },
  });
  const file = join(dir, "in-process-probe.mjs");
  writeFileSync(file, out.outputFiles[0].text);
  return file;
}

/** CPU profiles of a command: mean self time per category (package, or part of Node or V8), over PROFILES runs. */
function profile(args, dir) {
  const maps = new Map();
  const byCategory = {};
  let totalMs = 0;
  for (let i = 0; i < PROFILES; i++) {
    const profDir = join(dir, `profile-${process.pid}-${i}`);
    spawnSync(node, ["--cpu-prof", "--cpu-prof-dir", profDir, "--cpu-prof-interval", "100", ...args], { cwd: root, stdio: "ignore" });
    const file = readdirSync(profDir).find((n) => n.endsWith(".cpuprofile"));
    const prof = JSON.parse(readFileSync(join(profDir, file), "utf8"));
    rmSync(profDir, { recursive: true, force: true });
    const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
    const categoryOf = new Map();
    prof.samples.forEach((id, s) => {
      if (!categoryOf.has(id)) categoryOf.set(id, category(nodes.get(id).callFrame, maps));
      const c = categoryOf.get(id);
      const t = prof.timeDeltas[s] / 1000;
      byCategory[c] = (byCategory[c] ?? 0) + t;
      totalMs += t;
    });
  }
  for (const c of Object.keys(byCategory)) byCategory[c] /= PROFILES;
  return { byCategory, totalMs: totalMs / PROFILES };
}

function category({ functionName, url, lineNumber, columnNumber }, maps) {
  if (functionName === "(garbage collector)") return "V8: garbage collection";
  if (functionName === "(idle)") return "idle: waiting for file I/O";
  if (functionName === "(program)" || functionName === "(root)" || url === "") return "V8 and Node, native";
  if (url.startsWith("node:")) {
    if (url === "node:vm") return "V8: code cache load (vm.Script)";
    if (url.includes("modules/esm")) return "Node: ESM loader";
    if (url.includes("bootstrap") || url.includes("pre_execution") || url.includes("run_main")) return "Node: start-up";
    return "Node: built-in modules";
  }
  const file = url.startsWith("file:") ? fileURLToPath(url) : url;
  const name = file.startsWith(dist) ? file.slice(dist.length + 1) : undefined;
  if (!name || !/^(start|report|work)-.*\.js$/.test(name)) return name ? `dist/${name}` : relative(root, file) || "other";
  if (!maps.has(name)) maps.set(name, existsSync(join(dist, `${name}.map`)) ? new SourceMap(JSON.parse(readFileSync(join(dist, `${name}.map`), "utf8"))) : null);
  const map = maps.get(name);
  if (!map) return `dist/${name}`;
  const entry = map.findEntry(lineNumber, Math.max(0, columnNumber - (lineNumber === 0 ? wrapperLength(name) : 0)));
  const source = entry?.originalSource ?? "";
  const pkg = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (pkg) return pkg[1].startsWith("@inquirer/") ? "@inquirer" : pkg[1];
  const src = source.match(/src\/([^/]+)\//);
  if (src) return `src/${src[1]}`;
  if (source.includes("src/")) return "src";
  return "bundle glue";
}

/** The length of the text the loader puts before a script on its first line. */
function wrapperLength(name) {
  const async = name.startsWith("start-");
  return `(${async ? "async " : ""}function (require, __automationFitMetaUrl, __automationFitShared, __automationFitExport, __automationFitRun) {`.length;
}

/** Linear (or better) unless the cost per added respondent between the two largest sizes is over 1.5x that between the two
 * smallest; below 1 the fixed costs and the JIT warming up still show at the small size. */
function linearity(rows) {
  const sorted = [...rows].sort((a, b) => a.respondents - b.respondents);
  const [a, b, c] = [sorted[0], sorted[1], sorted[sorted.length - 1]];
  const first = (b.medianMs - a.medianMs) / (b.respondents - a.respondents);
  const second = (c.medianMs - b.medianMs) / (c.respondents - b.respondents);
  const ratio = second / first;
  const linear = ratio <= 1.5;
  const short = `${(first * 1000).toFixed(0)} then ${(second * 1000).toFixed(0)} ms per 1,000 more`;
  return {
    linear,
    ratio: round(ratio, 2),
    marginalMsPer1000: [round(first * 1000), round(second * 1000)],
    short,
    text: `${fmtInt(a.respondents)} -> ${fmtInt(b.respondents)}: ${(first * 1000).toFixed(0)} ms per 1,000 more respondents; ${fmtInt(b.respondents)} -> ${fmtInt(c.respondents)}: ${(second * 1000).toFixed(0)} ms per 1,000 (x${ratio.toFixed(2)}): ${linear ? "linear or better" : "WORSE than linear"}`,
  };
}

function printTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? "").length)));
  for (const [i, r] of rows.entries()) {
    console.log(
      r
        .map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c])))
        .join("  ")
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}

function median(values) {
  return quantile(values, 0.5);
}

function quantile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  const at = (s.length - 1) * p;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(list, random) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

function round(n, digits = 1) {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}

function ms(n) {
  return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`;
}

function spread(values) {
  return `${quantile(values, 0.25).toFixed(1)}-${quantile(values, 0.75).toFixed(1)}`;
}

function kb(bytes) {
  return `${Math.round(bytes / 1024)} KB`;
}

function fmtInt(n) {
  return n.toLocaleString("en-US");
}

function verdict(met) {
  return met === undefined || met === null ? "" : met ? "met" : "NOT MET";
}
