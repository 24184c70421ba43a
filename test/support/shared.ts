/**
 * The shared spec and the published report the tests check against. They live in ../shared, beside the
 * project; a clone standing alone uses the copies in test/fixtures/shared, which a test compares with the
 * originals whenever both are there, so a changed spec cannot go unnoticed.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "../..");
export const SHARED_BESIDE = join(ROOT, "../shared");
export const SHARED_COPIES = join(ROOT, "test/fixtures/shared");

/** Files the tests read, relative to the shared folder. */
export const SHARED_FILES = [
  "spec/statutory-formats.md",
  "spec/report-json.md",
  "fixtures/2020-bingtuan-natural-resources-bureau.txt",
] as const;
export type SharedFile = (typeof SHARED_FILES)[number];

export const SEED_TEXT_FILE: SharedFile = "fixtures/2020-bingtuan-natural-resources-bureau.txt";

export function sharedPath(file: SharedFile): string {
  const beside = join(SHARED_BESIDE, file);
  return existsSync(beside) ? beside : join(SHARED_COPIES, file);
}
