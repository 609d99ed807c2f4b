import js from "@eslint/js";
import astro from "eslint-plugin-astro";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      ".astro/",
      "schemas/json/",
      "coverage/",
      ".bench/",
      ".scratch/",
      ".spike/",
      "**/.*.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // .astro files: frontmatter and template expressions as TypeScript (astro-eslint-parser)
  ...astro.configs.recommended,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      eqeqeq: ["error", "always"],
      "no-console": "off",
    },
  },
);
