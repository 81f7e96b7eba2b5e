// ESLint for the UI (run by `npm run lint`, part of `make test`): typescript-eslint's
// recommended rules with type information, and React's rules of hooks.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "src/api/schema.d.ts", "public/", "scripts/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/features/**"],
    rules: {  // a feature never imports another: what two share lives in lib/ or ui/
      "no-restricted-imports": ["error", { patterns: [{ regex: "^\\.\\./(?!\\.\\./)",
        message: "Another feature's module: move what both use to lib/ or ui/." }] }],
    },
  },
);
