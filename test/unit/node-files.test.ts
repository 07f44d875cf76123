import { readFileSync, readdirSync } from 'fs';
import { join, relative } from 'path';

const ROOT = join(__dirname, '..', '..');

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
	);
}

/**
 * n8n's custom-extensions loader (N8N_CUSTOM_EXTENSIONS, ~/.n8n/custom) loads every *.node.js it finds as a node,
 * whatever package.json lists. A node version in a *.node.ts file of its own (e.g. v2/CozeWorkflowV2.node.ts) is then
 * loaded as the node itself and replaces the versioned node for every stored typeVersion: seen in the real n8n e2e,
 * where a version-1 Get Run was routed to version 2. So: every *.node.ts is a node package.json lists.
 */
describe('node files', () => {
	it('every *.node.ts under nodes/ is a node listed in package.json, and every listed node has its file', () => {
		const listed = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } }).n8n.nodes.map((path) =>
			path.replace(/^dist\//, '').replace(/\.js$/, '.ts'),
		);
		const files = filesUnder(join(ROOT, 'nodes'))
			.filter((file) => file.endsWith('.node.ts'))
			.map((file) => relative(ROOT, file));
		expect(files.sort()).toEqual([...listed].sort());
	});
});
