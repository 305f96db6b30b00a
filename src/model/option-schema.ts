// The parts of zod/mini the commands' option schemas use, and no more: a dynamic import keeps every export of what it
// imports, and all of zod/mini would bring zod's whole core (143 KB) where these need a third of it.
import "./locale.js";

export { _default, array, boolean, enum, minLength, object, optional, string } from "zod/mini";
export type { infer, ZodMiniType } from "zod/mini";
