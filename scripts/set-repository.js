#!/usr/bin/env node
// The one place to change where the repository lives: `node scripts/set-repository.js https://github.com/<owner>/<repo>`
// writes repository, homepage and bugs in package.json from that URL (npm provenance requires repository.url to be
// the repository the publish workflow runs in). test/unit/release.test.ts checks that the three agree.
const fs = require('fs');
const path = require('path');

const url = (process.argv[2] || '').replace(/\.git$/, '').replace(/\/+$/, '');
if (!/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/.test(url)) {
	console.error('usage: node scripts/set-repository.js https://github.com/<owner>/<repo>');
	process.exit(1);
}
const file = path.join(__dirname, '..', 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
pkg.repository = { type: 'git', url: `git+${url}.git` };
pkg.homepage = `${url}#readme`;
pkg.bugs = { url: `${url}/issues` };
fs.writeFileSync(file, `${JSON.stringify(pkg, null, '\t')}\n`);
console.log(`package.json: repository, homepage and bugs now point at ${url}`);
