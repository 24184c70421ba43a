/**
 * The service stays out of the pane: nothing under src/ imports src/server except the command line, and the
 * protocol module the pane shares is pure (no Node API).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const SRC = join(__dirname, "../../src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const imports = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]);

test("only the command line and the service itself import src/server", () => {
  const offenders = sources(SRC).flatMap((file) => {
    const layer = relative(SRC, file).split("/")[0];
    if (layer === "server" || layer === "cli") return [];
    return imports(file)
      .filter((spec) => spec.startsWith("."))
      .filter((spec) => relative(SRC, resolve(dirname(file), spec)).split("/")[0] === "server")
      .map((spec) => `${relative(SRC, file)} → ${spec}`);
  });
  expect(offenders).toEqual([]);
});

test("the protocol module uses no Node API and nothing above the report layer", () => {
  for (const file of sources(join(SRC, "platform"))) {
    for (const spec of imports(file)) {
      expect(spec).not.toMatch(/^node:|^(fs|path|crypto|http|https|os|child_process)$/);
      if (spec.startsWith("."))
        expect(relative(SRC, resolve(dirname(file), spec)).split("/")[0]).toMatch(
          /^(platform|report|templates|checks)$/
        );
    }
  }
});
