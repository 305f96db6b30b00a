import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

// zod/mini sets no locale (classic zod sets English with its first schema): without one, every message zod words itself
// reads "Invalid input", and the loaders read "received undefined" off it. Each schema module imports this first.
z.config(en());
