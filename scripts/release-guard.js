#!/usr/bin/env node
// Refuses `npm publish` outside the tag workflow (.github/workflows/publish.yml, see RELEASING.md): n8n verifies
// community packages by their npm provenance statement, which only a GitHub Actions run can sign. Runs as
// prepublishOnly, and as prepack because .npmrc turns scripts off (publishConfig turns them on for `npm publish`);
// `npm pack` (npm_command "pack") passes.
const command = process.env.npm_command;
if (command && command !== 'publish') process.exit(0);
if (process.env.COZE_RELEASE_WORKFLOW === 'publish.yml') process.exit(0);
console.error(
	[
		'',
		'npm publish refused: n8n-nodes-coze-api is published only by the tag workflow .github/workflows/publish.yml,',
		'which signs the npm provenance statement n8n needs to verify the package. Bump the version, push a tag',
		'v<version> (for example: npm version minor && git push --follow-tags) and let the workflow publish.',
		'Steps: RELEASING.md.',
		'',
	].join('\n'),
);
process.exit(1);
