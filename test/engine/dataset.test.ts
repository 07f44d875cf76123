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

describe('Coze Knowledge Base node inside n8n-core against the simulator', () => {
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
		expect(deleted.items[0].json).toEqual({ deleted: true });
		expect(datasetsOf(sim).docs.size).toBe(0);
	});

	it('fails clearly on unsupported file types and on documents Coze cannot process', async () => {
		const png = await ds({ resource: 'document', operation: 'create', datasetId: rl(DATASETS.text), source: 'binary', binaryPropertyName: 'data' }, [
			fileItem('x', 'photo.png', 'image/png'),
		]);
		expect(png.error?.message).toMatch(/takes pdf, txt, doc, docx files; this one is "png"/);
		// docs create_knowledge_files.md: local files are pdf, txt, doc or docx; md is refused before anything is sent.
		const before = sim.requests.length;
		const md = await ds({ resource: 'document', operation: 'create', datasetId: rl(DATASETS.text), source: 'binary', binaryPropertyName: 'data' }, [
			fileItem('# notes', 'notes.md', 'text/markdown'),
		]);
		expect(md.error?.message).toBe('A text knowledge base takes pdf, txt, doc, docx files; this one is "md"');
		expect(sim.requests.length).toBe(before);
		const empty = await ds(
			{ resource: 'document', operation: 'create', datasetId: rl(DATASETS.text), source: 'binary', binaryPropertyName: 'data' },
			[fileItem('', 'empty.txt')],
		);
		expect(empty.error?.message).toMatch(/could not process "empty.txt": the file is empty/);
	});

	it('creates, lists (Return All and Limit), renames and deletes knowledge bases; lists images', async () => {
		const created = await ds({
			resource: 'dataset',
			operation: 'create',
			workspaceId: rl(WORKSPACES[0].id),
			name: 'Release Notes',
			formatType: 0,
			description: 'n8n made this',
		});
		const id = created.items[0].json.dataset_id as string;
		expect(id).toMatch(/^\d{19}$/);
		const all = await ds({ resource: 'dataset', operation: 'getAll', workspaceId: rl(WORKSPACES[0].id), returnAll: true });
		expect(all.items.map((i) => i.json.name)).toEqual(['Support FAQ', 'Product Photos', 'Release Notes']);
		const one = await ds({
			resource: 'dataset',
			operation: 'getAll',
			workspaceId: rl(WORKSPACES[0].id),
			returnAll: false,
			limit: 1,
			filters: { name: 'release' },
		});
		expect(one.items.map((i) => i.json.name)).toEqual(['Release Notes']);
		const updated = await ds({ resource: 'dataset', operation: 'update', datasetId: rl(id), name: 'Changelog', description: '' });
		expect(updated.items[0].json).toMatchObject({ updated: true, dataset_id: id, name: 'Changelog' });
		const deleted = await ds({ resource: 'dataset', operation: 'delete', datasetId: rl(id) });
		expect(deleted.items[0].json).toEqual({ deleted: true });

		filesOf(sim).set('7700000000000000001', {
			id: '7700000000000000001',
			file_name: 'shoe.png',
			bytes: 10,
			created_at: 0,
			contentType: 'image/png',
			sha256: '',
		});
		const image = await ds({
			resource: 'document',
			operation: 'create',
			datasetId: rl(DATASETS.image),
			source: 'fileId',
			fileId: '7700000000000000001',
			options: { caption: 'red shoe', waitForProcessing: false },
		});
		expect(image.error).toBeUndefined();
		const images = await ds({ resource: 'image', operation: 'getAll', datasetId: rl(DATASETS.image), returnAll: true });
		expect(images.items[0].json).toMatchObject({ name: '7700000000000000001', caption: 'red shoe' });

		const picker = await harness.listSearch(
			{
				type: 'cozeDataset',
				parameters: { resource: 'document', operation: 'create', workspaceId: rl(WORKSPACES[0].id) },
				credentials: { cozeApi: credential },
			},
			'searchDatasets',
		);
		expect(picker.results.map((r) => r.name)).toContain('Product Photos (images)');
	});

	it('image documents: caption type sent in chunk_strategy (system by default, manual on request), captions updated, documents renamed', async () => {
		filesOf(sim).set('7700000000000000002', {
			id: '7700000000000000002',
			file_name: 'bag.png',
			bytes: 10,
			created_at: 0,
			contentType: 'image/png',
			sha256: '',
		});
		const manual = await ds({
			resource: 'document',
			operation: 'create',
			datasetId: rl(DATASETS.image),
			source: 'fileId',
			fileId: '7700000000000000002',
			captionType: 1,
			options: { waitForProcessing: false },
		});
		expect(manual.error).toBeUndefined();
		const create = sim.requests.find((r) => r.path === '/open_api/knowledge/document/create');
		expect(create?.body).toMatchObject({
			format_type: 2,
			chunk_strategy: { caption_type: 1 },
			document_bases: [{ source_info: { source_file_id: '7700000000000000002', document_source: 5 } }],
		});
		const documentId = String(manual.items[0].json.document_id);
		const caption = await ds({ resource: 'image', operation: 'updateCaption', datasetId: rl(DATASETS.image), documentId, caption: 'brown bag' });
		expect(caption.items[0].json).toEqual({ updated: true, dataset_id: DATASETS.image, document_id: documentId, caption: 'brown bag' });
		expect(sim.requests.at(-1)).toMatchObject({
			method: 'PUT',
			path: `/v1/datasets/${DATASETS.image}/images/${documentId}`,
			body: { caption: 'brown bag' },
		});
		const images = await ds({ resource: 'image', operation: 'getAll', datasetId: rl(DATASETS.image), returnAll: true });
		expect(images.items.find((i) => i.json.document_id === documentId)?.json.caption).toBe('brown bag');

		const renamed = await ds({ resource: 'document', operation: 'update', documentId, updateFields: { documentName: 'Bag' } });
		expect(renamed.items[0].json).toEqual({ updated: true, document_id: documentId, document_name: 'Bag' });
		expect(datasetsOf(sim).docs.get(documentId)?.name).toBe('Bag');
		expect(sim.requests.at(-1)?.headers?.['agw-js-conv']).toBe('str');
	});

	it('refuses a document larger than 100 MB from its metadata, before reading it', async () => {
		// 140 MB of base64 text would be 105 MB of file: refused from the length, nothing decoded or sent.
		const huge: INodeExecutionData = {
			json: {},
			binary: { data: { data: 'A'.repeat(140 * 1024 * 1024), mimeType: 'application/pdf', fileName: 'huge.pdf', fileExtension: 'pdf' } },
		};
		const before = sim.requests.length;
		const result = await ds(
			{ resource: 'document', operation: 'create', datasetId: rl(DATASETS.text), source: 'binary', binaryPropertyName: 'data' },
			[huge],
		);
		expect(result.error?.message).toBe('"huge.pdf" is 105 MB; Coze takes knowledge documents up to 100 MB');
		expect(sim.requests.length).toBe(before);
	});

	it('a 5xx while reading the processing progress is retried (the read is safe to repeat): no failure, no duplicate document', async () => {
		sim.addFault({
			method: 'POST',
			path: new RegExp(`/v1/datasets/${DATASETS.text}/process`),
			times: 1,
			fault: { kind: 'status', status: 502, body: 'Bad Gateway' },
		});
		const { items, error } = await ds(
			{ resource: 'document', operation: 'create', datasetId: rl(DATASETS.text), source: 'binary', binaryPropertyName: 'data' },
			[fileItem('release notes', 'notes.txt')],
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ name: 'notes.txt', status: 1 });
		expect(sim.requests.filter((r) => r.path === '/open_api/knowledge/document/create')).toHaveLength(1);
		expect(datasetsOf(sim).docs.size).toBe(1);
	});
});
