import { Chalk, type ChalkInstance } from "chalk";

export type Palette = ChalkInstance;

export function palette(enabled: boolean): Palette {
  return new Chalk({ level: enabled ? 1 : 0 });
}
