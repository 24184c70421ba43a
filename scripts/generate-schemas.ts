/**
 * Writes the published JSON Schemas (assets/schema/report-<format>.schema.json) from the format definitions.
 * test/report/schema.test.ts fails when the committed files differ from what this writes; regenerate with
 * `UPDATE_SCHEMAS=1 npx jest test/report/schema.test.ts`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { reportSchema } from "../src/report/schema";
import { FORMAT_IDS, type FormatId } from "../src/templates/formats";

export function schemaFileName(format: FormatId): string {
  return `report-${format}.schema.json`;
}

/** The file's exact text: the strict schema as 2-space JSON with a trailing newline. */
export function schemaFileText(format: FormatId): string {
  return JSON.stringify(reportSchema(format), null, 2) + "\n";
}

/** Writes one file per format into dir and returns their paths. */
export function writeSchemas(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return FORMAT_IDS.map((format) => {
    const path = join(dir, schemaFileName(format));
    writeFileSync(path, schemaFileText(format));
    return path;
  });
}
