import { InputError } from "./errors.js";
import { failure, writeOutput } from "./io/write.js";

/** Sends a result to --out (through the one write helper), or to stdout. */
export async function emit(text: string, out: string | undefined, force: boolean): Promise<void> {
  if (out) {
    await writeOutput(out, text, { force });
    process.stderr.write(`wrote ${out}\n`);
  } else {
    await writeStdout(text);
  }
}

/**
 * Writes to stdout and waits until it is written: a failed write (a full disk behind `> file`, an I/O error) is an error
 * the user must see, not a silent exit 0. A closed pipe (EPIPE: `| head`) is no error; cli.ts ends the run quietly then.
 */
export function writeStdout(text: string): Promise<void> {
  return new Promise((done, fail) => {
    process.stdout.write(text, (error) => {
      if (!error || (error as NodeJS.ErrnoException).code === "EPIPE") done();
      else fail(new InputError(`could not write the output to stdout: ${failure(error, "its file")}; the output is incomplete`));
    });
  });
}
