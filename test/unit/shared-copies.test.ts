/** The copies of the shared spec and fixture (for a clone standing alone) are the originals, byte for byte. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SHARED_BESIDE, SHARED_COPIES, SHARED_FILES } from "../support/shared";

const beside = existsSync(SHARED_BESIDE);
if (!beside)
  process.stdout.write(
    `No ../shared beside this clone: tests read the copies in ${SHARED_COPIES}\n`
  );

test.each(SHARED_FILES)("test/fixtures/shared/%s", (file) => {
  const copy = readFileSync(join(SHARED_COPIES, file));
  expect(copy.length).toBeGreaterThan(1000);
  if (beside) expect(copy.equals(readFileSync(join(SHARED_BESIDE, file)))).toBe(true);
});
