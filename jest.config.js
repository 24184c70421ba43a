/** Unit, property and integration tests. ts-jest transpiles only; `npm test` type-checks first. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", moduleResolution: "node", isolatedModules: true } }],
  },
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
