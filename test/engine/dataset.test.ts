import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { CozeDataset } from '../../nodes/CozeDataset/CozeDataset.node';
import { Harness } from '../harness';
import type { Simulator } from '../simulator';
import { startSimulator } from '../simulator';
import { DATASETS, datasetsOf } from '../simulator/routes/datasets';
import { filesOf } from '../simulator/routes/files';
import { WORKSPACES } from '../simulator/seed';

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const fileItem = (text: string, fileName: string, mimeType = 'text/plain'): INodeExecutionData => ({
	json: {},
	binary: { data: { data: Buffer.from(text).toString('base64'), mimeType, fileName, fileExtension: fileName.split('.').pop() } },
});

describe('Coze Knowledge Base node (declarative + hooks) inside n8n-core against the simulator', () => {
	let sim: Simulator;
	let harness: Harness;
	let credential: string;

	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		datasetsOf(sim).processingMs = 300;
		harness = new Harness([new CozeDataset()]);
		credential = harness.addCredential('cozeApi', { region: 'custom', baseUrl: sim.url, accessToken: sim.patTokens[0] });
	});
	afterEach(() => expect(sim.contractViolations()).toEqual([]));

	const ds = async (parameters: INodeParameters, items?: INodeExecutionData[], continueOnFail = false) =>
		await harness.run({ type: 'cozeDataset', parameters, credentials: { cozeApi: credential }, continueOnFail }, { items });

	it('adds a binary file as a document, waits until it is processed, and lists it', async () => {
		const started = Date.now();
		const { items, error } = await ds(
			{ resource: 'document', operation: 'create', datasetId: rl(DATASETS.text), source: 'binary', binaryPropertyName: 'data' },
			[fileItem('Refunds take 5 days.', 'faq.txt')],
		);
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
		expect(items[0].json).toMatchObject({ name: 'faq.txt', type: 'txt', status: 1, progress: 100 });
		const request = sim.requests.find((r) => r.path === '/open_api/knowledge/document/create');
		expect(request?.headers['agw-js-conv']).toBe('str');
		expect(request?.body).toMatchObject({
			dataset_id: DATASETS.text,
			format_type: 0,
			chunk_strategy: { chunk_type: 0 },
			document_bases: [{ name: 'faq.txt', source_info: { file_type: 'txt', file_base64: Buffer.from('Refunds take 5 days.').toString('base64') } }],
		});
		const listed = await ds({ resource: 'document', operation: 'getAll', datasetId: rl(DATASETS.text), returnAll: true });
		expect(listed.items.map((i) => i.json.document_id)).toEqual([items[0].json.document_id]);
		expect(typeof listed.items[0].json.document_id).toBe('string');
		const limited = await ds({ resource: 'document', operation: 'getAll', datasetId: rl(DATASETS.text), returnAll: false, limit: 5 });
		expect(limited.items).toHaveLength(1);
		expect(sim.requests.at(-1)?.body).toEqual({ dataset_id: DATASETS.text, page: 1, size: 5 });
	});

	it('adds a web page with custom chunking without waiting; progress and delete by IDs', async () => {
		const { items } = await ds({
			resource: 'document',
			operation: 'create',
			datasetId: rl(DATASETS.text),
			source: 'url',
			url: 'https://example.com/faq',
			options: { waitForProcessing: false, chunking: 'custom', separator: '###', maxTokens: 500 },
		});
		expect(items[0].json.status).toBe(0);
		expect(sim.requests.at(-1)?.body).toMatchObject({ chunk_strategy: { chunk_type: 1, separator: '###', max_tokens: 500 } });
		const id = items[0].json.document_id as string;
		const progress = await ds({ resource: 'dataset', operation: 'getProgress', datasetId: rl(DATASETS.text), documentIds: id });
		expect(progress.items[0].json).toMatchObject({ document_id: id, status: 0 });
		const deleted = await ds({ resource: 'document', operation: 'delete', datasetId: rl(DATASETS.text), documentIds: id });
		expect(deleted.items[0].json).toMatchObject({ deleted: true });
		expect(datasetsOf(sim).docs.size).toBe(0);
	});

	it('fails clearly on unsupported file types and on documents Coze cannot process', async () => {
		const png = await ds({ resource: 'document', operation: 'create', datasetId: rl(DATASETS.text), source: 'binary', binaryPropertyName: 'data' }, [
			fileItem('x', 'photo.png', 'image/png'),
		]);
		expect(png.error?.message).toMatch(/takes pdf, txt, doc, docx, md files; this one is "png"/);
		const empty = await ds({ resource: 'document', operation: 'create', datasetId: rl(DATASETS.text), source: 'binary', binaryPropertyName: 'data' }, [
			fileItem('', 'empty.txt'),
		]);
		expect(empty.error?.message).toMatch(/could not process "empty.txt": the file is empty/);
	});

	it('creates, lists (Return All and Limit), renames and deletes knowledge bases; lists images', async () => {
		const created = await ds({ resource: 'dataset', operation: 'create', workspaceId: rl(WORKSPACES[0].id), name: 'Release Notes', formatType: 0, description: 'n8n made this' });
		const id = created.items[0].json.dataset_id as string;
		expect(id).toMatch(/^\d{19}$/);
		const all = await ds({ resource: 'dataset', operation: 'getAll', workspaceId: rl(WORKSPACES[0].id), returnAll: true });
		expect(all.items.map((i) => i.json.name)).toEqual(['Support FAQ', 'Product Photos', 'Release Notes']);
		const one = await ds({ resource: 'dataset', operation: 'getAll', workspaceId: rl(WORKSPACES[0].id), returnAll: false, limit: 1, filters: { name: 'release' } });
		expect(one.items.map((i) => i.json.name)).toEqual(['Release Notes']);
		const updated = await ds({ resource: 'dataset', operation: 'update', datasetId: rl(id), name: 'Changelog', description: '' });
		expect(updated.items[0].json).toMatchObject({ updated: true, dataset_id: id, name: 'Changelog' });
		const deleted = await ds({ resource: 'dataset', operation: 'delete', datasetId: rl(id) });
		expect(deleted.items[0].json).toEqual({ deleted: true, dataset_id: id });

		filesOf(sim).set('7700000000000000001', { id: '7700000000000000001', file_name: 'shoe.png', bytes: 10, created_at: 0, contentType: 'image/png', sha256: '' });
		const image = await ds({ resource: 'document', operation: 'create', datasetId: rl(DATASETS.image), source: 'fileId', fileId: '7700000000000000001', options: { caption: 'red shoe', waitForProcessing: false } });
		expect(image.error).toBeUndefined();
		const images = await ds({ resource: 'image', operation: 'getAll', datasetId: rl(DATASETS.image), returnAll: true });
		expect(images.items[0].json).toMatchObject({ name: '7700000000000000001', caption: 'red shoe' });

		const picker = await harness.listSearch(
			{ type: 'cozeDataset', parameters: { resource: 'document', operation: 'create', workspaceId: rl(WORKSPACES[0].id) }, credentials: { cozeApi: credential } },
			'searchDatasets',
		);
		expect(picker.results.map((r) => r.name)).toContain('Product Photos (images)');
	});
});
