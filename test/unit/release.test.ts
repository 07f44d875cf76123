import { validateWorkflow } from '@action-validator/core';
import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { promisify } from 'util';
import { parse } from 'yaml';

/**
 * The release path (RELEASING.md): both GitHub workflow files validated against GitHub's workflow JSON schema
 * (SchemaStore's github-workflow.json, as shipped in @action-validator/core with a JSON-schema validator), the publish
 * workflow's provenance settings, package.json's repository links, and the guard that refuses a local `npm publish`.
 */
const REPO = join(__dirname, '..', '..');
const run = promisify(execFile);
const read = (file: string) => readFileSync(join(REPO, file), 'utf8');
const pkg = JSON.parse(read('package.json'));

type Step = { name?: string; run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, unknown> };
type Workflow = {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { steps: Step[]; permissions?: Record<string, string>; strategy?: { matrix?: Record<string, unknown[]> } }>;
};
const stepsOf = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const commands = (workflow: Workflow) => stepsOf(workflow).flatMap((step) => (step.run ?? '').split('\n').map((line) => line.trim()));

describe('GitHub workflow files pass the workflow schema', () => {
	it.each(['ci.yml', 'publish.yml'])('%s is a valid workflow', (file) => {
		expect(validateWorkflow(read(`.github/workflows/${file}`)).errors).toEqual([]);
	});

	it('the validator rejects what GitHub would reject (so a pass means something)', () => {
		const publish = read('.github/workflows/publish.yml');
		expect(validateWorkflow(publish.replace(/^(\s+)id-token: write$/m, '$1id-token: writ')).errors.length).toBeGreaterThan(0);
		expect(validateWorkflow(publish.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest')).errors.length).toBeGreaterThan(0);
		expect(validateWorkflow(read('.github/workflows/ci.yml').replace('steps:', 'stepz:')).errors.length).toBeGreaterThan(0);
	});
});

describe('ci.yml: push and pull request, Node 20 and 24, the README commands', () => {
	const ci = parse(read('.github/workflows/ci.yml')) as Workflow;

	it('runs on push and pull request', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
	});

	it('on Node 20 and 24', () => {
		expect(ci.jobs.test.strategy?.matrix?.node).toEqual([20, 24]);
	});

	it('installs and runs lint, typecheck, format, build, scan and the README test command', () => {
		const lines = commands(ci);
		for (const command of [
			'npm ci --no-audit --no-fund',
			'npm run lint',
			'npm run typecheck',
			'npm run format:check',
			'npm run build',
			'npm run scan',
			'npm test',
		])
			expect(lines).toContain(command);
		// `npm test` is the command the README's Development section gives.
		expect(read('README.md')).toMatch(/npm test {2,}# unit, conformance and engine tests/);
	});
});

describe('publish.yml: a version tag publishes with npm provenance', () => {
	const publish = parse(read('.github/workflows/publish.yml')) as Workflow;

	it('runs on version tags only', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*.*.*'] } });
	});

	it('may mint the OIDC token provenance and trusted publishing need, and nothing more', () => {
		expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
	});

	it('publishes with provenance, public access, trusted publishing first and NPM_TOKEN as fallback', () => {
		const step = stepsOf(publish).find((s) => s.run?.includes('npm publish'));
		expect(step?.run).toContain('npm publish --provenance --access public');
		expect(step?.env?.NPM_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
		expect(step?.run).toMatch(/if \[ -n "\$NPM_TOKEN" \]; then\n\s+npm config set \/\/registry\.npmjs\.org\/:_authToken "\$NPM_TOKEN"/);
		// The only way through the release guard.
		expect(step?.env?.COZE_RELEASE_WORKFLOW).toBe('publish.yml');
	});

	it('checks before publishing: tag = version, lint, typecheck, build, scan, tests', () => {
		const lines = commands(publish);
		const at = (command: string) => lines.indexOf(command);
		for (const command of ['npm run lint', 'npm run typecheck', 'npm run build', 'npm run scan', 'npm test']) {
			expect(at(command)).toBeGreaterThan(-1);
			expect(at(command)).toBeLessThan(at('npm publish --provenance --access public'));
		}
		expect(lines.some((line) => line.includes('"v${version}"'))).toBe(true);
	});
});

describe('package.json: name, version, one repository URL', () => {
	it('is n8n-nodes-coze-api 0.2.0', () => {
		expect(pkg.name).toBe('n8n-nodes-coze-api');
		expect(pkg.version).toBe('0.2.0');
	});

	it('repository, homepage and bugs point at the same GitHub repository', () => {
		const base = String(pkg.repository.url)
			.replace(/^git\+/, '')
			.replace(/\.git$/, '');
		expect(base).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
		expect(pkg.homepage).toBe(`${base}#readme`);
		expect(pkg.bugs).toEqual({ url: `${base}/issues` });
	});

	it('publishConfig: public, with provenance, and scripts on for npm publish (so the guard runs despite .npmrc)', () => {
		expect(read('.npmrc')).toMatch(/^ignore-scripts=true$/m);
		expect(pkg.publishConfig).toEqual({ 'ignore-scripts': false, access: 'public', provenance: true });
		expect(pkg.scripts.prepublishOnly).toBe('node scripts/release-guard.js');
		expect(pkg.scripts.prepack).toBe('node scripts/release-guard.js');
	});
});

describe('the old name', () => {
	it('no tracked file names n8n-nodes-coze except as a cache path or as the different package it is', async () => {
		const { stdout } = await run('git', ['grep', '-nIP', 'n8n-nodes-coze(?!-api)', '--', '.', ':!package-lock.json'], { cwd: REPO }).catch(
			(error: { code: number; stdout: string }) => (error.code === 1 ? { stdout: '' } : Promise.reject(error)),
		);
		const allowed = [
			/\.cache\/n8n-nodes-coze\b/, // the e2e's shared n8n cache folder (only a path)
			/'\.cache', 'n8n-nodes-coze'/,
			/n8n-nodes-coze-e2e-key/, // the e2e's encryption key for throwaway n8n folders
			/LegendLeo|different(, older)? package|另一个包/, // the sentences saying n8n-nodes-coze is someone else's
		];
		const lines = stdout.split('\n').filter(Boolean);
		const stray = lines.filter((line) => !line.startsWith('test/unit/release.test.ts:') && !allowed.some((pattern) => pattern.test(line)));
		expect(stray).toEqual([]);
	});
});

describe('a local npm publish is refused', () => {
	const env = { ...process.env };
	delete env.COZE_RELEASE_WORKFLOW;

	it('`npm publish --dry-run` in the repository stops with a message that points at the tag workflow', async () => {
		const failure = await run('npm', ['publish', '--dry-run'], { cwd: REPO, env, timeout: 60_000 }).then(
			() => undefined,
			(error: { code: number; stderr: string }) => error,
		);
		expect(failure?.code).not.toBe(0);
		expect(failure?.stderr).toContain('npm publish refused');
		expect(failure?.stderr).toContain('.github/workflows/publish.yml');
		expect(failure?.stderr).toContain('RELEASING.md');
	}, 60_000);

	it('the guard lets the publish workflow through, and `npm pack` always', async () => {
		const guard = join(REPO, 'scripts', 'release-guard.js');
		await expect(
			run(process.execPath, [guard], { env: { ...env, npm_command: 'publish', COZE_RELEASE_WORKFLOW: 'publish.yml' } }),
		).resolves.toBeDefined();
		await expect(run(process.execPath, [guard], { env: { ...env, npm_command: 'pack' } })).resolves.toBeDefined();
		await expect(run(process.execPath, [guard], { env: { ...env, npm_command: 'publish' } })).rejects.toMatchObject({ code: 1 });
	});
});
