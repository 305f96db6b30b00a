import { fileURLToPath } from "node:url";

// Resolves the same from src/paths.ts (tests) and from the bundle in dist/.
export const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BUILT_IN_QUESTIONS = fileURLToPath(new URL("../questions", import.meta.url));
