// Lint with the Office add-in conventions (eslint-plugin-office-addins, which brings Prettier), for
// TypeScript and the React task pane. `npm run lint` runs it through office-addin-lint.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

// The plugin instances the Office config registers for .ts files, reused for .tsx (the task pane).
const officePlugins = officeAddins.configs.recommended.find(
  (c) => c.plugins?.["@typescript-eslint"]
).plugins;

export default [
  { ignores: ["lib/**", "dist/**", "node_modules/**", "coverage/**", "test-artifacts/**"] },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{js,mjs,cjs,ts,tsx}"],
    plugins: officePlugins,
    languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: "module" },
    rules: {
      // TypeScript checks undefined names itself (with the DOM, Node and Office.js types).
      "no-undef": "off",
      "no-unused-vars": "off",
      "react/react-in-jsx-scope": "off",
      "prettier/prettier": ["error", { endOfLine: "auto" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
];
