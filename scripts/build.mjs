// Bundles the CLI into dist/ (each command's work and inquirer split into lazy chunks); with --schema, writes the editor JSON Schemas instead.
import { build } from "esbuild";
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

const schemaOnly = process.argv.includes("--schema");

if (!schemaOnly) await build({
  entryPoints: [`${root}src/cli.ts`],
  outdir: `${root}dist`,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

if (schemaOnly) {
  const out = await build({ entryPoints: [`${root}src/model/json-schema.ts`], bundle: true, format: "esm", platform: "node", write: false, logLevel: "warning" });
  const { JSON_SCHEMAS } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
  for (const [name, make] of Object.entries(JSON_SCHEMAS)) {
    await writeFile(`${root}questions/${name}`, make());
    console.error(`wrote questions/${name}`);
  }
}
