/**
 * Jest runs modules in a VM that cannot serve a dynamic import() without --experimental-vm-modules.
 * PGlite's CommonJS build loads Node's own modules (fs, zlib, …) with import(); here, for tests only,
 * those become require(), which is what Node itself would resolve them to.
 */
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");

const SELF = readFileSync(__filename, "utf8");

module.exports = {
  getCacheKey(source, path) {
    return createHash("sha256").update(SELF).update(path).update(source).digest("hex");
  },
  process(source) {
    return {
      code:
        "const requireBuiltin = require;\n" +
        source.replace(
          /\bimport\(("(?:node:)?[a-z/]+")\)/g,
          "Promise.resolve().then(() => requireBuiltin($1))"
        ),
    };
  },
};
