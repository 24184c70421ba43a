// Lint with the Office add-in conventions (eslint-plugin-office-addins, which brings Prettier), for
// TypeScript and the React task pane. `npm run lint` runs it through office-addin-lint.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  { ignores: ["lib/**", "dist/**", "node_modules/**", "coverage/**", "test-artifacts/**"] },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{js,mjs,cjs,ts,tsx}"],
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: "module" },
    rules: {
      // TypeScript checks undefined names itself (with the DOM, Node and Office.js types).
      "no-undef": "off",
      "react/react-in-jsx-scope": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
];
