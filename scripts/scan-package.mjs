// Runs n8n's community-package scanner: the tarball as published, then the sources (its SOURCE_FILE_PATTERNS).
import { SOURCE_FILE_PATTERNS, analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [tarballDir, sourceDir] = process.argv.slice(2);
let failed = false;
for (const [what, result] of [
	['tarball', await analyzePackage(tarballDir)],
	['sources', await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS)],
]) {
	console.log(`scan ${what}: ${result.passed ? 'passed' : `FAILED (${result.message})`}`);
	if (!result.passed) {
		failed = true;
		if (result.details) console.log(result.details);
	}
}
process.exit(failed ? 1 : 0);
