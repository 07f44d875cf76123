#!/usr/bin/env node
// Finds the newest n8n of a major line (default 2) whose own packages resolve from the npm registry, newest first,
// without installing anything: `npm view` of n8n's first-party dependencies (@n8n/*, @n8n_io/*, n8n-*, the packages
// released together with n8n), followed through their first-party dependencies. That is where a release can be listed
// but not installable (n8n 2.41.3 needs @n8n/agents@0.26.2, which the registry does not have); third-party packages
// are left to the install itself. A 404 or an unmatched version from this registry means only that this registry
// does not know the package.
//
// Usage: node test/e2e/newest-n8n.js [major] [--json]   prints the version (or a JSON report with the skipped ones)
// and a line per skipped version on stderr.
const { execFile } = require('child_process');

const major = process.argv.find((arg) => /^\d+$/.test(arg)) ?? '2';
const asJson = process.argv.includes('--json');
const FIRST_PARTY = /^(@n8n\/|@n8n_io\/|n8n-)/;
const MAX_CANDIDATES = 8;

function npmView(args) {
	return new Promise((resolve) => {
		execFile('npm', ['view', ...args, '--json'], { maxBuffer: 32 * 1024 * 1024, timeout: 120_000 }, (error, stdout) => {
			const text = String(stdout ?? '').trim();
			if (error || !text) return resolve(undefined);
			try {
				resolve(JSON.parse(text));
			} catch {
				resolve(undefined);
			}
		});
	});
}

const views = new Map();
/** `npm view name@spec version dependencies`: the highest matching version and its dependencies, or undefined. */
function view(name, spec) {
	const key = `${name}@${spec}`;
	if (!views.has(key))
		views.set(
			key,
			npmView([key, 'version', 'dependencies']).then((answer) => {
				const found = Array.isArray(answer) ? answer.at(-1) : answer;
				if (!found) return undefined;
				return typeof found === 'string' ? { version: found, dependencies: {} } : { version: found.version, dependencies: found.dependencies ?? {} };
			}),
		);
	return views.get(key);
}

/** The first missing first-party package under n8n@version, as "name@spec (needed by parent)", or undefined. */
async function missingUnder(version) {
	const seen = new Set();
	let level = [{ name: 'n8n', spec: version, parent: '' }];
	while (level.length) {
		const next = [];
		// A few at a time: each is one registry lookup.
		for (let i = 0; i < level.length; i += 8) {
			const batch = level.slice(i, i + 8);
			const found = await Promise.all(batch.map((dep) => view(dep.name, dep.spec)));
			for (const [j, pkg] of found.entries()) {
				const dep = batch[j];
				if (!pkg) return `${dep.name}@${dep.spec}${dep.parent ? ` (needed by ${dep.parent})` : ''}`;
				for (const [name, spec] of Object.entries(pkg.dependencies)) {
					if (!FIRST_PARTY.test(name) || seen.has(`${name}@${spec}`)) continue;
					seen.add(`${name}@${spec}`);
					next.push({ name, spec, parent: `${dep.name}@${pkg.version}` });
				}
			}
		}
		level = next;
	}
	return undefined;
}

const byVersion = (a, b) => {
	const [x, y] = [a, b].map((v) => v.split('.').map(Number));
	return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

async function main() {
	const versions = await npmView(['n8n', 'versions']);
	if (!Array.isArray(versions)) throw new Error('npm view n8n versions gave no answer');
	const candidates = versions
		.filter((v) => new RegExp(`^${major}\\.\\d+\\.\\d+$`).test(v))
		.sort(byVersion)
		.reverse()
		.slice(0, MAX_CANDIDATES);
	const skipped = [];
	for (const candidate of candidates) {
		const missing = await missingUnder(candidate);
		if (!missing) {
			const report = { version: candidate, checked: new Date().toISOString(), skipped, lookups: views.size };
			for (const s of skipped) console.error(`n8n ${s.version} skipped: ${s.reason}`);
			console.error(`n8n ${candidate}: the newest ${major}.x whose own packages resolve (${views.size} registry lookups)`);
			console.log(asJson ? JSON.stringify(report) : candidate);
			return;
		}
		skipped.push({ version: candidate, reason: `${missing} is not on the registry` });
	}
	for (const s of skipped) console.error(`n8n ${s.version} skipped: ${s.reason}`);
	throw new Error(`none of the newest ${candidates.length} n8n ${major}.x releases resolves from this registry`);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
