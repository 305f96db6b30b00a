import { randomBytes } from "node:crypto";
import { access, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { InputError, readFailure } from "./errors.js";

/** Writes a file atomically (temp file + rename); an existing file is replaced only with `force`. */
export async function writeFileAtomic(file: string, text: string, { force = false } = {}): Promise<void> {
  if (!force && (await exists(file))) {
    throw new InputError([{ file, message: "already exists; add --force to replace it, or choose another file" }]);
  }
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, text, { flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw new InputError([{ file, message: `could not be written: ${writeFailure(error)}; nothing was changed` }]);
  }
}

function writeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "its folder does not exist";
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return "permission denied";
  return readFailure(error).replace(/^cannot be read: /, "");
}

export async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Sends a result to --out, or to stdout. */
export async function emit(text: string, out: string | undefined, force: boolean): Promise<void> {
  if (out) {
    await writeFileAtomic(out, text, { force });
    process.stderr.write(`wrote ${out}\n`);
  } else {
    process.stdout.write(text);
  }
}
