/**
 * The shared spec, when it is beside the project (../shared): tests that compare the project's definitions
 * with the spec's text read it there. A clone standing alone has only its own definitions (docs/ and
 * src/templates/), and those tests say they were not run. The published 2020 report, public data, is kept
 * as a test fixture.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "../..");
const SHARED_BESIDE = join(ROOT, "../shared");

/** The text of a shared spec file, or undefined when ../shared is not beside the project. */
export function sharedSpec(
  file: "spec/statutory-formats.md" | "spec/report-json.md"
): string | undefined {
  const path = join(SHARED_BESIDE, file);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

/** The 2020 report of the Bingtuan natural resources bureau, as published (text copied from its web page). */
export const SEED_TEXT = join(ROOT, "test/fixtures/2020-bingtuan-natural-resources-bureau.txt");
