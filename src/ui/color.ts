// No chalk here (./palette.ts holds it): a report in JSON or Markdown asks only this, and need not load chalk.
/** Whether to colour a stream: never with NO_COLOR (chalk 5 ignores it) or --no-color, else when it is a terminal or FORCE_COLOR asks. */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env, flag = true): boolean {
  if (!flag || (env.NO_COLOR !== undefined && env.NO_COLOR !== "")) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}
