import { z } from "zod";
import { InputError } from "../errors.js";

/** Parses a command's raw options; a bad value is a usage error (exit 2), named by its flag. */
export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new InputError(parsed.error.issues.map((issue) => ({ file: "", message: `option --${issue.path.map(String).join(".")}: ${issue.message}` })));
}

export const SetOptions = z.object({
  questions: z.string().optional(),
  color: z.boolean().default(true),
});

export const OutputOptions = z.object({
  out: z.string().optional(),
  force: z.boolean().default(false),
});
