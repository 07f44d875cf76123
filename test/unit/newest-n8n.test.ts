import { execFile } from 'child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';

/**
 * test/e2e/newest-n8n.js (which n8n 2.x the e2e installs), run as it is against a stand-in `npm` on PATH that answers
 * `npm view` from a table: the registry itself is not asked. The table mirrors what the registry answered on
 * 2026-12-03 for the part that matters (n8n 2.41.3 needs @n8n/agents@0.26.2, which is missing), trimmed.
 */
const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', 'e2e', 'newest-n8n.js');

type Table = Record<string, unknown>;

async function resolve(table: Table) {
	const dir = mkdtempSync(join(tmpdir(), 'newest-n8n-'));
	try {
		writeFileSync(join(dir, 'table.json'), JSON.stringify(table));
		// `npm view <spec> [fields…] --json`: prints the table's answer for "<spec> <fields>", or nothing (as npm does for
		// a version it does not have) and, for an unknown package, exits 1 like a 404.
		writeFileSync(
			join(dir, 'npm'),
			`#!${process.execPath}\n` +
				`const table = require(${JSON.stringify(join(dir, 'table.json'))});\n` +
				`const args = process.argv.slice(3).filter((a) => a !== '--json');\n` +
				`const key = args.join(' ');\n` +
				`require('fs').appendFileSync(${JSON.stringify(join(dir, 'calls.log'))}, key + '\\n');\n` +
				`if (key in table) { if (table[key] !== null) console.log(JSON.stringify(table[key])); process.exit(0); }\n` +
				`console.error('npm error 404 Not Found'); process.exit(1);\n`,
		);
		chmodSync(join(dir, 'npm'), 0o755);
		const env = { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` };
		const result = await run(process.execPath, [SCRIPT, '2', '--json'], { env }).then(
			({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
			(error: { code: number; stdout: string; stderr: string }) => error,
		);
		return result;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const base: Table = {
	'n8n versions': ['1.123.81', '2.40.7', '2.41.0', '2.41.1', '2.41.3', '3.0.0-exp.1'],
	'n8n@2.41.3 version dependencies': { version: '2.41.3', dependencies: { '@n8n/agents': '0.26.2', 'n8n-core': '2.41.2', express: '5.1.0' } },
	'n8n-core@2.41.2 version dependencies': { version: '2.41.2', dependencies: { 'n8n-workflow': '2.41.0' } },
	'n8n-workflow@2.41.0 version dependencies': { version: '2.41.0', dependencies: {} },
	'n8n@2.41.1 version dependencies': { version: '2.41.1', dependencies: { '@n8n/agents': '0.26.1', 'n8n-core': '2.41.1', express: '5.1.0' } },
	'@n8n/agents@0.26.1 version dependencies': { version: '0.26.1', dependencies: { '@n8n/utils': '^1.47.0' } },
	'@n8n/utils@^1.47.0 version dependencies': [
		{ version: '1.47.0', dependencies: {} },
		{ version: '1.48.0', dependencies: {} },
	],
	'n8n-core@2.41.1 version dependencies': { version: '2.41.1', dependencies: { 'n8n-workflow': '2.41.0' } },
};

describe('newest-n8n.js: the newest n8n 2.x whose own packages resolve', () => {
	it('skips 2.41.3 (its @n8n/agents@0.26.2 is missing) and takes 2.41.1, saying why', async () => {
		const result = await resolve(base);
		expect(result.code).toBe(0);
		const report = JSON.parse(result.stdout);
		expect(report).toMatchObject({
			version: '2.41.1',
			skipped: [{ version: '2.41.3', reason: '@n8n/agents@0.26.2 (needed by n8n@2.41.3) is not on the registry' }],
		});
		expect(result.stderr).toContain('n8n 2.41.3 skipped: @n8n/agents@0.26.2 (needed by n8n@2.41.3) is not on the registry');
		expect(result.stderr).toContain('n8n 2.41.1: the newest 2.x whose own packages resolve');
	});

	it('takes the newest when everything resolves; third-party packages (express) are not looked up', async () => {
		const result = await resolve({ ...base, '@n8n/agents@0.26.2 version dependencies': { version: '0.26.2', dependencies: {} } });
		expect(JSON.parse(result.stdout)).toMatchObject({ version: '2.41.3', skipped: [] });
	});

	it('a missing package deeper in the tree counts too (needed by names the parent)', async () => {
		const table = { ...base, '@n8n/agents@0.26.2 version dependencies': { version: '0.26.2', dependencies: {} } };
		delete (table as Table)['n8n-workflow@2.41.0 version dependencies'];
		const result = await resolve(table);
		// n8n-workflow@2.41.0 is missing (and 2.41.0, 2.40.7 are not in the table): none of the 4 resolves, and it says so.
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('n8n 2.41.3 skipped: n8n-workflow@2.41.0 (needed by n8n-core@2.41.2) is not on the registry');
		expect(result.stderr).toContain('none of the newest 4 n8n 2.x releases resolves');
	});

	it('a version the registry lists but does not answer for (empty answer) is skipped', async () => {
		const result = await resolve({ ...base, 'n8n@2.41.3 version dependencies': null });
		expect(JSON.parse(result.stdout)).toMatchObject({
			version: '2.41.1',
			skipped: [{ version: '2.41.3', reason: 'n8n@2.41.3 is not on the registry' }],
		});
	});
});
