#!/usr/bin/env node
// Prints a plain closing line "N passed, N failed, N skipped" from jest --json result files.
const fs = require('fs');

const args = process.argv.slice(2);
const total = args[0] === '--total';
const files = total ? args.slice(1) : [args[0]];
const label = total ? 'total' : args[1] || 'tests';
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
	if (!file || !fs.existsSync(file)) continue;
	const result = JSON.parse(fs.readFileSync(file, 'utf8'));
	passed += result.numPassedTests;
	failed += result.numFailedTests + (result.numRuntimeErrorTestSuites || 0);
	skipped += result.numPendingTests + (result.numTodoTests || 0);
	if (!total) {
		if (label === 'e2e') {
			// Each end-to-end file's wall time, to keep the CI total in view (the n8n polls make some files minutes long).
			for (const suite of result.testResults) {
				const seconds = Math.round((suite.endTime - suite.startTime) / 1000);
				console.log(`e2e time: ${suite.name.replace(/^.*\/test\/e2e\//, '')} ${seconds}s`);
			}
		}
		for (const suite of result.testResults) {
			for (const test of suite.assertionResults) {
				if (test.status === 'failed') console.log(`FAILED: ${test.fullName}`);
			}
			if (suite.status === 'failed' && suite.message && !suite.assertionResults.some((t) => t.status === 'failed')) {
				console.log(`FAILED SUITE: ${suite.name}\n${suite.message.slice(0, 2000)}`);
			}
		}
	}
}
console.log(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
