#!/usr/bin/env node
/**
 * Spec coverage: which operations of the vendored Coze OpenAPI spec (test/coze-reference/coze-openapi.yaml) a node of
 * this package can call. An operation counts when its path (with {params} as wildcards) appears with its method in
 * node source. Prints the missing ones and a last line `spec_coverage: <reachable>/<total>`.
 */
const fs = require('fs');
const path = require('path');
const { parse } = require('yaml');

const root = path.join(__dirname, '..');
const spec = parse(fs.readFileSync(path.join(root, 'test/coze-reference/coze-openapi.yaml'), 'utf8'), { maxAliasCount: -1 });
const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

function sources(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return entry.name.endsWith('.ts') ? [fs.readFileSync(full, 'utf8')] : [];
	});
}
// Calls look like { method: 'POST', path: '/v1/…' } or path: `/v1/datasets/${…}/images`.
const calls = [];
for (let text of sources(path.join(root, 'nodes')).concat(sources(path.join(root, 'credentials')))) {
	// `const path = \`/v1/…\`` then `{ method, path }` (shorthand): put the literal in place.
	const declared = text.match(/const path = (`[^`]+`|'[^']+')/);
	if (declared) text = text.replace(/([{,]\s*)path([,\s}])/g, `$1path: ${declared[1]}$2`);
	const pattern =
		/method:\s*'(GET|POST|PUT|DELETE|PATCH)'[^}]*?(?:path|url):\s*(?:'([^']+)'|`([^`]+)`)|(?:path|url):\s*(?:'([^']+)'|`([^`]+)`)[^}]*?method:\s*'(GET|POST|PUT|DELETE|PATCH)'/gs;
	for (const match of text.matchAll(pattern)) {
		const method = match[1] ?? match[6];
		const raw = match[2] ?? match[3] ?? match[4] ?? match[5];
		calls.push({ method, path: raw.replace(/\$\{[^}]+\}/g, '*').replace(/^.*?(\/(v\d|open_api|api)\/)/, '$1') });
	}
}
// The JWT credential's token exchange and n8n's OAuth2 code flow.
calls.push({ method: 'POST', path: '/api/permission/oauth2/token' });

const operations = [];
for (const [route, item] of Object.entries(spec.paths)) {
	for (const method of METHODS) if (item[method]) operations.push({ method: method.toUpperCase(), route });
}
const matches = (op) =>
	calls.some((call) => {
		if (call.method !== op.method) return false;
		const specParts = op.route.split('/');
		const callParts = call.path.split('?')[0].split('/');
		return (
			specParts.length === callParts.length && specParts.every((part, i) => part.startsWith('{') || callParts[i] === '*' || part === callParts[i])
		);
	});
const reachable = operations.filter(matches);
const missing = operations.filter((op) => !matches(op));
if (process.argv.includes('--missing')) for (const op of missing) console.log(`missing: ${op.method} ${op.route}`);
console.log(`spec_coverage: ${reachable.length}/${operations.length}`);
