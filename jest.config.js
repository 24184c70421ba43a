/** Unit, property and integration tests. ts-jest transpiles only; `npm test` type-checks first. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "@electric-sql/pglite/dist/.+\\.cjs$": "<rootDir>/test/support/pglite-transform.js",
    "^.+\\.tsx?$": [
      "ts-jest",
      { tsconfig: { module: "commonjs", moduleResolution: "node", isolatedModules: true } },
    ],
  },
  // Dynamic imports carry ".js" for Node16 type checking; webpack and jest resolve them to the .ts(x) source.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transformIgnorePatterns: ["/node_modules/(?!@electric-sql/pglite/)"],
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
