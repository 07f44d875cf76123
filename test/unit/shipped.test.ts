import { execFileSync } from 'child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import { basename, join } from 'path';

/**
 * What ships, checked where it ships: every node and credential description loaded from dist/ (built here first when
 * dist/ is missing or older than the sources), the codex files beside them, the compiled code, and the npm tarball.
 * n8n's verification guidelines: English only (no Han character in any string a user can see), and its UX guidelines
 * for booleans, option names and resource locators.
 */
const REPO = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const entries: string[] = [...pkg.n8n.nodes, ...pkg.n8n.credentials];

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(path, keep) : keep(path) ? [path] : [];
	});
}

function buildIfStale() {
	const built = entries.map((entry) => join(REPO, entry));
	const sources = ['nodes', 'credentials', 'icons'].flatMap((dir) => filesUnder(join(REPO, dir), (file) => /\.(ts|json|svg|png)$/.test(file)));
	const newestSource = Math.max(...sources.map((file) => statSync(file).mtimeMs));
	const stale = built.some((file) => !existsSync(file) || statSync(file).mtimeMs < newestSource);
	if (stale) execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'pipe', timeout: 170_000 });
}

type Found = { where: string; value: string };

/** Every string in a description, with the path that leads to it (functions skipped). */
function stringsOf(value: unknown, where: string, out: Found[] = []): Found[] {
	if (typeof value === 'string') out.push({ where, value });
	else if (Array.isArray(value)) value.forEach((v, i) => stringsOf(v, `${where}[${i}]`, out));
	else if (value && typeof value === 'object') for (const [key, v] of Object.entries(value)) stringsOf(v, `${where}.${key}`, out);
	return out;
}

type Property = {
	displayName: string;
	name: string;
	type: string;
	description?: string;
	default?: unknown;
	options?: Array<Property & { value?: unknown; values?: Property[] }>;
	modes?: Array<{ name: string }>;
	values?: Property[];
};

/** Every parameter, including the ones inside collections and fixed collections. */
function parametersOf(properties: Property[], where: string, out: Array<{ where: string; property: Property }> = []) {
	for (const property of properties) {
		const here = `${where} › ${property.displayName}`;
		out.push({ where: here, property });
		if (property.type === 'collection' && property.options) parametersOf(property.options, here, out);
		if (property.type === 'fixedCollection' && property.options)
			for (const group of property.options) parametersOf(group.values ?? [], `${here} › ${group.displayName}`, out);
	}
	return out;
}

const HAN = /\p{Script=Han}/u;
const described: Array<{ file: string; description: Record<string, unknown> & { properties: Property[]; displayName: string } }> = [];

beforeAll(() => {
	buildIfStale();
	for (const entry of entries) {
		const file = join(REPO, entry);
		const name = basename(file).replace(/\.(node|credentials)\.js$/, '');
		// The built file itself, by path, as n8n loads it.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const loaded = require(file) as Record<string, new () => Record<string, unknown>>;
		const instance = new loaded[name]();
		const base = (instance.description ?? instance) as Record<string, unknown>;
		const versions = (instance.nodeVersions ?? {}) as Record<string, { description: Record<string, unknown> }>;
		const all = Object.keys(versions).length ? Object.values(versions).map((v) => v.description) : [base];
		for (const description of all) described.push({ file: entry, description: description as (typeof described)[number]['description'] });
	}
}, 180_000);

describe('English only in what ships', () => {
	it('loads every node and credential listed in package.json from dist/', () => {
		expect(described.length).toBeGreaterThanOrEqual(entries.length);
		expect(described.map((d) => d.description.displayName)).toEqual(
			expect.arrayContaining(['Coze Chat', 'Coze Workflow', 'Coze API', 'Coze OAuth2 API', 'Coze OAuth JWT (Service App) API']),
		);
	});

	it('no Han character in any string of a node or credential description', () => {
		const han = described.flatMap(({ file, description }) =>
			stringsOf(description, String(description.displayName))
				.filter((s) => HAN.test(s.value))
				.map((s) => `${file}: ${s.where} = ${s.value}`),
		);
		expect(han).toEqual([]);
	});

	it('no Han character in the codex files (node panel categories, aliases, links)', () => {
		const codex = filesUnder(join(REPO, 'dist'), (file) => file.endsWith('.node.json'));
		expect(codex.length).toBe(pkg.n8n.nodes.length);
		const han = codex.flatMap((file) => stringsOf(JSON.parse(readFileSync(file, 'utf8')), basename(file)).filter((s) => HAN.test(s.value)));
		expect(han).toEqual([]);
	});

	it('no Han character in the compiled code (error messages and hints included; comments are stripped)', () => {
		const code = filesUnder(join(REPO, 'dist'), (file) => file.endsWith('.js'));
		expect(code.length).toBeGreaterThan(entries.length);
		expect(code.filter((file) => HAN.test(readFileSync(file, 'utf8')))).toEqual([]);
	});
});

describe("n8n's UX guidelines on the shipped descriptions", () => {
	const parameters = () => described.flatMap(({ description }) => parametersOf(description.properties, String(description.displayName)));

	it('boolean descriptions start with "Whether"', () => {
		const booleans = parameters().filter(({ property }) => property.type === 'boolean');
		expect(booleans.length).toBeGreaterThan(10);
		const wrong = booleans
			.filter(({ property }) => property.description !== undefined && !/^Whether\b/.test(property.description))
			.map(({ where, property }) => `${where}: ${property.description}`);
		expect(wrong).toEqual([]);
	});

	// Title Case as n8n writes it: every word capitalized except short connecting words; words with digits, dots or
	// underscores (format names, versions) and unit symbols after a number (24 kHz) are kept as they are written.
	const SMALL = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'per', 'the', 'to', 'vs', 'with']);
	const titleCase = (text: string) =>
		text
			.split(/\s+/)
			.filter(Boolean)
			.every(
				(word, i, words) =>
					/[\d._/]/.test(word) ||
					/^[^a-zA-Z]*[A-Z]/.test(word) ||
					/^[^a-zA-Z]/.test(word.replace(/^\(/, '')) ||
					(i > 0 && SMALL.has(word)) ||
					(i > 0 && /^\(?[\d.]+$/.test(words[i - 1]) && /^(k?Hz|ms|s|[KMG]B)\)?$/.test(word)),
			);

	it('the Title Case check itself', () => {
		expect(['Send Message', 'Text to Speech', 'PCM (24 kHz Mono)', 'MP3', 'ogg_opus', '44.1 kHz'].filter((t) => !titleCase(t))).toEqual([]);
		expect(['Send message', 'get many', 'From list', 'Text To speech'].filter((t) => titleCase(t))).toEqual([]);
	});

	it('option names are Title Case', () => {
		const options = parameters().filter(({ property }) => property.type === 'options' || property.type === 'multiOptions');
		expect(options.length).toBeGreaterThan(20);
		const wrong = options.flatMap(({ where, property }) =>
			(property.options ?? []).filter((option) => !titleCase(String(option.name))).map((option) => `${where}: ${option.name}`),
		);
		expect(wrong).toEqual([]);
	});

	it('resource locators default to "From list" where they have a list mode', () => {
		const locators = parameters().filter(
			({ property }) => property.type === 'resourceLocator' && (property.modes ?? []).some((mode) => mode.name === 'list'),
		);
		expect(locators.length).toBeGreaterThan(10);
		const wrong = locators
			.filter(({ property }) => (property.default as { mode?: string } | undefined)?.mode !== 'list')
			.map(({ where, property }) => `${where}: default mode ${(property.default as { mode?: string } | undefined)?.mode}`);
		expect(wrong).toEqual([]);
	});
});

describe('the npm tarball', () => {
	it('has dist/, README.md and LICENSE, and no Chinese README', () => {
		const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' }));
		const files = (packed.files as Array<{ path: string }>).map((f) => f.path);
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json', ...entries]));
		expect(files.filter((file) => /zh-CN|\.md$/.test(file) && file !== 'README.md')).toEqual([]);
		expect(files.filter((file) => !file.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json', 'index.js'].includes(file))).toEqual([]);
	});
});
