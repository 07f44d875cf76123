import { Container } from '@n8n/di';
import { createHash } from 'crypto';
import { mkdtempSync } from 'fs';
import { BinaryDataService, FileLocation } from 'n8n-core';
import type { IBinaryData, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { tmpdir } from 'os';
import { join } from 'path';

import { CozeFile } from '../../nodes/CozeFile/CozeFile.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { filesOf } from '../simulator/routes/files';

describe('Coze File node inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;
	let binaryData: BinaryDataService;

	beforeAll(async () => {
		sim = await startSimulator();
		// n8n's filesystem binary mode, as in a real instance: binaries have an ID and are read as streams.
		binaryData = Container.get(BinaryDataService);
		Object.assign((binaryData as unknown as { config: object }).config, {
			mode: 'filesystem',
			localStoragePath: mkdtempSync(join(tmpdir(), 'n8n-coze-binary-')),
		});
		await binaryData.init();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		harness = new Harness([new CozeFile()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const file = (parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) =>
		harness.run({ type: 'cozeFile', parameters, credentials: { cozeApi: credential }, continueOnFail }, { items });

	const inline = (text: string, fileName = 'note.txt'): IBinaryData => ({
		data: Buffer.from(text).toString('base64'),
		mimeType: 'text/plain',
		fileName,
	});

	it('uploads in-memory binaries and reads the file back', async () => {
		const { items, error } = await file({ operation: 'upload', binaryPropertyName: 'data' }, [{ json: {}, binary: { data: inline('hello coze') } }]);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ bytes: 10, file_name: 'note.txt', mime_type: 'text/plain', binary_property: 'data' });
		const stored = filesOf(sim).get(items[0].json.id as string);
		expect(stored?.sha256).toBe(createHash('sha256').update('hello coze').digest('hex'));

		const got = await file({ operation: 'get', fileId: items[0].json.id as string });
		expect(got.items[0].json).toMatchObject({ id: items[0].json.id, bytes: 10, file_name: 'note.txt' });
	});

	it("streams a 256 MB binary from n8n's filesystem store with bounded memory", async () => {
		const size = 256 * 1024 * 1024;
		const chunk = Buffer.alloc(1024 * 1024, 7);
		const hash = createHash('sha256');
		for (let i = 0; i < size / chunk.length; i++) hash.update(chunk);
		async function* source() {
			for (let i = 0; i < size / chunk.length; i++) yield chunk;
		}
		const { Readable } = await import('stream');
		const stored = await binaryData.store(FileLocation.ofExecution('harness', 'upload-test'), Readable.from(source()), {
			data: '',
			mimeType: 'application/pdf',
			fileName: 'big report.pdf',
		});
		expect(stored.id).toBeTruthy();
		global.gc?.();
		const before = process.memoryUsage().rss;
		const { items, error } = await file({ operation: 'upload', binaryPropertyName: 'data', options: { fileName: 'report.pdf' } }, [
			{ json: {}, binary: { data: stored } },
		]);
		const grown = process.memoryUsage().rss - before;
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ bytes: size, file_name: 'report.pdf' });
		expect(filesOf(sim).get(items[0].json.id as string)?.sha256).toBe(hash.digest('hex'));
		// Buffering would need ≥ 256 MB here (more with the multipart copy); the simulator keeps ≤ 1 MiB of it.
		console.log(`streamed upload of 256 MB: rss grew ${(grown / 1048576).toFixed(1)} MB`);
		expect(grown).toBeLessThan(128 * 1024 * 1024);
	});

	it('uploads several binary fields of one item; missing fields and unknown IDs are clear errors', async () => {
		const both = await file({ operation: 'upload', binaryPropertyName: 'a, b' }, [
			{ json: {}, binary: { a: inline('one', 'a.txt'), b: inline('two', 'b.txt') } },
		]);
		expect(both.items.map((i) => i.json.file_name)).toEqual(['a.txt', 'b.txt']);
		expect(both.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		const missing = await file({ operation: 'upload', binaryPropertyName: 'nope' }, [{ json: {} }]);
		expect(missing.error?.message).toMatch(/nope|binary/i);
		const unknown = await file({ operation: 'get', fileId: '7400000000000000000' });
		expect(unknown.error?.message).toMatch(/4200|not found/);
	});
});
