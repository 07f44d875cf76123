import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { readRows, withTable } from '../test/compat/matrix';

/** Writes the compatibility matrix from test/compat/matrix.json into README.md and docs/README.zh-CN.md. */
for (const name of ['README.md', 'docs/README.zh-CN.md']) {
	const path = join(__dirname, '..', name);
	const before = readFileSync(path, 'utf8');
	const after = withTable(before, readRows());
	if (after !== before) writeFileSync(path, after);
	console.log(`${name}: ${after === before ? 'up to date' : 'matrix updated'}`);
}
