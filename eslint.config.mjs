// What ships (nodes/, credentials/, package.json) is linted with n8n's own cloud rule set: the `config` that
// `@n8n/node-cli/eslint` exports and `n8n-node cloud-support enable` switches a package to (community-node
// verification rules with n8n Cloud support, eslint-plugin-n8n-nodes-base, typescript-eslint, import-x).
// Tests, simulator, harness, benchmarks and scripts keep ESLint's and typescript-eslint's recommended rules.
import js from '@eslint/js';
import tsPlugin from '@typescript-eslint/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import { config as n8nCloud } from '@n8n/node-cli/eslint';

const PRODUCT_TS = ['nodes/**/*.ts', 'credentials/**/*.ts'];

// n8n's config applies its TypeScript rules to every **/*.ts; here they apply to the product files only.
const n8nCloudForProduct = n8nCloud.map((entry) =>
	entry.files && entry.files.length === 1 && entry.files[0] === '**/*.ts' ? { ...entry, files: PRODUCT_TS } : entry,
);

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/coze-reference/**', 'test/fixtures/recorded/**', '*.js', '*.mjs', 'scripts/*.js'] },
	...n8nCloudForProduct,
	{
		files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: { '@typescript-eslint': tsPlugin },
		rules: {
			...js.configs.recommended.rules,
			...tsPlugin.configs['eslint-recommended'].overrides[0].rules,
			...tsPlugin.configs.recommended.rules,
			// TypeScript checks these (npm run typecheck).
			'no-undef': 'off',
			'no-unused-vars': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
		},
	},
];
