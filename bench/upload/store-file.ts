/**
 * Child process of bench:upload: puts a file of SIZE bytes into n8n's filesystem binary store at STORAGE_PATH and
 * prints the IBinaryData as JSON. Run apart so that building the file does not inflate the bench's RSS baseline.
 */
import { Container } from '@n8n/di';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'fs';
import { BinaryDataService, FileLocation } from 'n8n-core';
import { tmpdir } from 'os';
import { join } from 'path';

async function main() {
	const size = Number(process.env.SIZE);
	const binaryData = Container.get(BinaryDataService);
	Object.assign((binaryData as unknown as { config: object }).config, { mode: 'filesystem', localStoragePath: process.env.STORAGE_PATH });
	await binaryData.init();
	const sourcePath = join(mkdtempSync(join(tmpdir(), 'coze-bench-src-')), 'big report.pdf');
	const chunk = Buffer.alloc(1024 * 1024);
	const fd = openSync(sourcePath, 'w');
	for (let i = 0; i < size / chunk.length; i++) {
		chunk.fill(i % 251);
		writeSync(fd, chunk);
	}
	closeSync(fd);
	const stored = await binaryData.copyBinaryFile(
		FileLocation.ofExecution('bench', 'upload'),
		{ data: '', mimeType: 'application/pdf', fileName: 'big report.pdf' },
		sourcePath,
	);
	rmSync(sourcePath);
	process.stdout.write(JSON.stringify(stored));
}

void main();
