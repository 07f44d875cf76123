import { readFileSync, readdirSync } from 'fs';
import { join, relative, sep } from 'path';

/**
 * One house (issue 17): every node is built the same way, so the next operation is added in one place.
 * - every operation file sits at nodes/<Node>/[v<N>/]actions/<resource>/<op>.operation.ts and is exported by its
 *   resource folder's index.ts, which the node's registry (actions/node.type.ts) declares;
 * - no node keeps a router of its own (the registry's execute routes);
 * - every parameter read goes through nodes/shared/params.ts (validated readers): `getNodeParameter` appears nowhere
 *   else under nodes/ (nor the editor's getCurrentNodeParameter);
 * - no node imports another node's folder.
 */
const ROOT = join(__dirname, '..', '..');
const NODES = join(ROOT, 'nodes');

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
	);
}

const files = filesUnder(NODES)
	.filter((file) => file.endsWith('.ts'))
	.map((file) => relative(NODES, file).split(sep).join('/'));
const read = (file: string) => readFileSync(join(NODES, file), 'utf8');

describe('one house', () => {
	it('every operation file sits at <Node>/[v<N>/]actions/<resource>/<op>.operation.ts and its index.ts exports it', () => {
		const misplaced: string[] = [];
		const unexported: string[] = [];
		for (const file of files.filter((path) => path.endsWith('.operation.ts'))) {
			const match = /^(Coze\w+)\/(?:v\d+\/)?actions\/(\w+)\/(\w+)\.operation\.ts$/.exec(file);
			if (!match) {
				misplaced.push(file);
				continue;
			}
			const folder = file.slice(0, file.lastIndexOf('/'));
			const index = files.includes(`${folder}/index.ts`) ? read(`${folder}/index.ts`) : '';
			if (!index.includes(`export * as ${match[3]} from './${match[3]}.operation';`)) unexported.push(file);
		}
		expect({ misplaced, unexported }).toEqual({ misplaced: [], unexported: [] });
	});

	it('every action node (and every version) declares one registry and keeps no router of its own', () => {
		const actionNodes = files.filter((file) => /^Coze\w+\/Coze\w+\.node\.ts$/.test(file) && !file.includes('Trigger'));
		for (const node of actionNodes) {
			const folder = node.slice(0, node.indexOf('/'));
			const registries = files.filter((file) => file.startsWith(`${folder}/`) && /(^|\/)actions\/node\.type\.ts$/.test(file));
			expect({ node, registries: registries.length > 0 }).toEqual({ node, registries: true });
			for (const registry of registries)
				expect({ registry, fromRegistry: read(registry).includes('fromRegistry(') }).toEqual({ registry, fromRegistry: true });
		}
		expect(files.filter((file) => /\/router\.ts$/.test(file) && !file.startsWith('shared/'))).toEqual([]);
	});

	it('reads parameters only through shared/params.ts', () => {
		const readers = files.filter((file) => file !== 'shared/params.ts' && /\b(getNodeParameter|getCurrentNodeParameter)\b/.test(read(file)));
		expect(readers).toEqual([]);
	});

	it('no node imports another node’s folder', () => {
		const crossing: string[] = [];
		for (const file of files.filter((path) => path.startsWith('Coze'))) {
			const own = file.slice(0, file.indexOf('/'));
			for (const [, target] of read(file).matchAll(/from '([^']+)'/g)) {
				if (!target.startsWith('.')) continue;
				const resolved = join(NODES, file, '..', target);
				const top = relative(NODES, resolved).split(sep)[0];
				if (top !== own && top !== 'shared' && top !== '..') crossing.push(`${file} → ${target}`);
			}
		}
		expect(crossing).toEqual([]);
	});
});
