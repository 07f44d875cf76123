import type { RouteContext, Simulator } from '../index';
import { cozeId } from '../ids';
import { DATASET_DOCUMENTS, DATASET_LIST, DATASETS, WORKSPACES } from '../seed';
import { filesOf } from './files';

export { DATASETS };

/**
 * Knowledge bases (docs/create_dataset.md, list_dataset.md, update_dataset.md, delete_dataset.md,
 * get_dataset_progress.md), their documents (create_knowledge_files.md, list_knowledge_files.md,
 * modify_knowledge_files.md, delete_knowdge_files.md; all require `Agw-Js-Conv: str`) and images (get_images.md,
 * update_image_caption.md). A new document is processing (status 0, progress rising) for `processingMs`, then done (1),
 * or failed (9, with status_descript) when its file was empty, not base64, or not an image.
 */

export interface Doc {
	document_id: string;
	dataset_id: string;
	name: string;
	type: string;
	size: number;
	char_count: number;
	format_type: number;
	source_type: number;
	createdMs: number;
	update_time: number;
	chunk_strategy: Record<string, unknown>;
	update_type: number;
	update_interval: number;
	failed?: string;
	url?: string;
	caption?: string;
}

export interface Dataset {
	dataset_id: string;
	name: string;
	description: string;
	space_id: string;
	format_type: number;
	file_id: string;
	create_time: number;
	update_time: number;
}

const now = () => Math.floor(Date.now() / 1000);
const fail = (ctx: RouteContext, code: number, msg: string): undefined => void ctx.error(code, msg);
/** docs/create_knowledge_files.md SourceInfo.file_type: "格式支持 pdf、txt、doc、docx 类型". */
const TEXT_TYPES = ['pdf', 'txt', 'doc', 'docx'];
const IMAGE_TYPES = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp'];
const SEEDED_AT = 1718000000;

/** Knowledge bases and documents; `processingMs` is how long a new document stays in processing (default 300). */
export const datasetsOf = (sim: Simulator) =>
	sim.state('datasets', () => ({
		datasets: new Map<string, Dataset>(
			DATASET_LIST.map((d) => [d.dataset_id, { ...d, file_id: '', create_time: SEEDED_AT, update_time: SEEDED_AT }]),
		),
		docs: new Map<string, Doc>(),
		processingMs: 300,
	}));

export function setDocumentProcessingMs(sim: Simulator, ms: number) {
	datasetsOf(sim).processingMs = ms;
}

/** Loads seed.ts DATASET_DOCUMENTS (already processed) into the seeded knowledge bases. */
export function seedDatasetDocuments(sim: Simulator) {
	for (const seed of DATASET_DOCUMENTS) {
		const image = seed.dataset_id === DATASETS.image;
		const chars = seed.text ? [...seed.text].length : 0;
		datasetsOf(sim).docs.set(seed.document_id, {
			document_id: seed.document_id,
			dataset_id: seed.dataset_id,
			name: seed.name,
			type: seed.type,
			size: seed.size ?? Buffer.byteLength(seed.text ?? ''),
			char_count: chars,
			format_type: image ? 2 : 0,
			source_type: image ? 5 : seed.url ? 1 : 0,
			createdMs: SEEDED_AT * 1000,
			update_time: SEEDED_AT,
			chunk_strategy: image ? { caption_type: 0 } : { chunk_type: 0 },
			update_type: 0,
			update_interval: 0,
			url: seed.url,
			caption: seed.caption,
		});
	}
}

function statusOf(doc: Doc, processingMs: number) {
	const elapsed = Date.now() - doc.createdMs;
	const status = elapsed < processingMs ? 0 : doc.failed ? 9 : 1;
	return {
		status,
		progress: status === 1 ? 100 : status === 9 ? 0 : Math.min(99, Math.floor((elapsed * 100) / Math.max(1, processingMs))),
		remaining_time: status === 0 ? Math.ceil((processingMs - elapsed) / 1000) : 0,
	};
}

/** Strict base64: the decoded bytes, or undefined when the text is not base64. */
function decodeBase64(text: string): Buffer | undefined {
	const compact = text.replace(/\s+/g, '');
	if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
	return Buffer.from(compact, 'base64');
}

export function registerDatasetRoutes(sim: Simulator) {
	const state = () => datasetsOf(sim);
	const docsIn = (datasetId: string) => [...state().docs.values()].filter((doc) => doc.dataset_id === datasetId);
	const photoUrl = (doc: Doc) => `https://example.invalid/dataset/${doc.dataset_id}/${doc.document_id}.${doc.type}`;

	const sliceCount = (doc: Doc) => {
		if (statusOf(doc, state().processingMs).status !== 1) return 0;
		return doc.format_type === 2 ? 1 : Math.max(1, Math.ceil(doc.char_count / Number(doc.chunk_strategy.max_tokens ?? 800)));
	};
	const datasetObject = (d: Dataset) => {
		const docs = docsIn(d.dataset_id).map((doc) => ({ doc, ...statusOf(doc, state().processingMs) }));
		return {
			dataset_id: d.dataset_id,
			name: d.name,
			description: d.description,
			space_id: d.space_id,
			status: 1,
			format_type: d.format_type,
			can_edit: true,
			icon_url: `https://example.invalid/dataset-icon/${d.file_id || 'default'}.png`,
			icon_uri: `FileBizType.BIZ_DATASET_ICON/${d.file_id || 'default'}.png`,
			avatar_url: 'https://example.invalid/avatar.png',
			creator_id: '2150000000000000001',
			creator_name: 'Simulator User',
			project_id: '',
			doc_count: docs.length,
			slice_count: docs.reduce((n, { doc }) => n + sliceCount(doc), 0),
			hit_count: 0,
			bot_used_count: 0,
			all_file_size: String(docs.reduce((n, { doc }) => n + doc.size, 0)),
			file_list: docs.map(({ doc }) => doc.name),
			failed_file_list: docs.filter((entry) => entry.status === 9).map(({ doc }) => doc.name),
			processing_file_list: docs.filter((entry) => entry.status === 0).map(({ doc }) => doc.name),
			processing_file_id_list: docs.filter((entry) => entry.status === 0).map(({ doc }) => doc.document_id),
			chunk_strategy: {},
			create_time: d.create_time,
			update_time: d.update_time,
		};
	};
	const documentObject = (doc: Doc) => ({
		document_id: doc.document_id,
		name: doc.name,
		char_count: doc.char_count,
		size: doc.size,
		type: doc.type,
		format_type: doc.format_type,
		hit_count: 0,
		slice_count: sliceCount(doc),
		source_type: doc.source_type,
		status: statusOf(doc, state().processingMs).status,
		update_type: doc.update_type,
		update_interval: doc.update_interval,
		create_time: Math.floor(doc.createdMs / 1000),
		update_time: doc.update_time,
		chunk_strategy: doc.chunk_strategy,
		tos_uri: `FileBizType.BIZ_BOT_DATASET/${doc.document_id}.${doc.type}`,
	});

	/** Document routes need `Agw-Js-Conv: str` (IDs then travel as strings). */
	const withHeader = (ctx: RouteContext) =>
		(ctx.req.headers['agw-js-conv'] ?? '').trim().toLowerCase() === 'str' ||
		fail(ctx, 4000, 'header Agw-Js-Conv: str is required on /open_api/knowledge/document/*');
	const find = (ctx: RouteContext, id: unknown) => state().datasets.get(String(id ?? '')) ?? fail(ctx, 4200, `dataset ${String(id)} not found`);
	const datasetFields = (ctx: RouteContext, body: Record<string, unknown>) => {
		if (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 100)
			return fail(ctx, 4000, 'name is required (at most 100 characters)');
		if (body.description !== undefined && typeof body.description !== 'string') return fail(ctx, 4000, 'description must be a string');
		if (body.file_id && !filesOf(sim).has(String(body.file_id)))
			return fail(ctx, 4000, `file ${String(body.file_id)} not found (upload the icon first)`);
		return { name: body.name, description: String(body.description ?? ''), file_id: String(body.file_id ?? '') };
	};
	const updateRule = (ctx: RouteContext, rule: unknown) => {
		const { update_type: type = 0, update_interval: interval = type === 1 ? 24 : 0 } = (rule ?? {}) as Record<string, number>;
		if (![0, 1].includes(type)) return fail(ctx, 4000, 'update_rule.update_type must be 0 or 1');
		if (type === 1 && !(Number.isInteger(interval) && interval >= 24)) return fail(ctx, 4000, 'update_rule.update_interval is at least 24 (hours)');
		return { update_type: type, update_interval: type === 1 ? interval : 0 };
	};

	sim.route('POST', '/v1/datasets', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const fields = datasetFields(ctx, body);
		if (!fields) return;
		if (!WORKSPACES.some((w) => w.id === body.space_id)) return ctx.error(4200, `space ${String(body.space_id)} not found`);
		if (body.format_type !== 0 && body.format_type !== 2) return ctx.error(4000, 'format_type must be 0 (text) or 2 (image)');
		const d: Dataset = {
			dataset_id: cozeId(),
			...fields,
			space_id: String(body.space_id),
			format_type: body.format_type,
			create_time: now(),
			update_time: now(),
		};
		state().datasets.set(d.dataset_id, d);
		ctx.json({ dataset_id: d.dataset_id });
	});

	sim.route('GET', '/v1/datasets', (ctx) => {
		const { space_id: spaceId, name, format_type: formatType } = ctx.req.query;
		if (!spaceId) return ctx.error(4000, 'space_id is required');
		if (!WORKSPACES.some((w) => w.id === spaceId)) return ctx.error(4200, `space ${spaceId} not found`);
		const size = Number(ctx.req.query.page_size || 10);
		const page = Number(ctx.req.query.page_num || 1);
		if (!Number.isInteger(size) || size < 1 || size > 300) return ctx.error(4000, 'page_size must be 1-300');
		if (!Number.isInteger(page) || page < 1) return ctx.error(4000, 'page_num must be at least 1');
		const list = [...state().datasets.values()].filter(
			(d) =>
				d.space_id === spaceId &&
				(!name || d.name.toLowerCase().includes(name.toLowerCase())) &&
				(!formatType || String(d.format_type) === formatType),
		);
		ctx.json({ dataset_list: list.slice((page - 1) * size, page * size).map(datasetObject), total_count: list.length });
	});

	sim.route('PUT', '/v1/datasets/{dataset_id}', (ctx) => {
		const d = find(ctx, ctx.params.dataset_id);
		if (!d) return;
		const fields = datasetFields(ctx, (ctx.req.body ?? {}) as Record<string, unknown>);
		if (!fields) return;
		Object.assign(d, fields, { update_time: now() }); // full overwrite: omitted description / icon are reset
		ctx.json(undefined);
	});

	sim.route('DELETE', '/v1/datasets/{dataset_id}', (ctx) => {
		if (!find(ctx, ctx.params.dataset_id)) return;
		state().datasets.delete(ctx.params.dataset_id);
		for (const doc of docsIn(ctx.params.dataset_id)) state().docs.delete(doc.document_id);
		ctx.json(undefined);
	});

	sim.route('POST', '/v1/datasets/{dataset_id}/process', (ctx) => {
		if (!find(ctx, ctx.params.dataset_id)) return;
		const ids = (ctx.req.body as Record<string, unknown> | undefined)?.document_ids;
		if (!Array.isArray(ids) || ids.length === 0) return ctx.error(4000, 'document_ids is required');
		const docs = ids.map((id) => state().docs.get(String(id))).filter((doc): doc is Doc => doc?.dataset_id === ctx.params.dataset_id);
		const data = docs.map((doc) => {
			const progress = statusOf(doc, state().processingMs);
			return {
				document_id: doc.document_id,
				document_name: doc.name,
				url: doc.url ?? photoUrl(doc),
				size: doc.size,
				type: doc.type,
				...progress,
				...(progress.status === 9 ? { status_descript: doc.failed } : {}),
				update_type: doc.update_type,
				update_interval: doc.update_interval,
			};
		});
		ctx.json({ data }); // doubly nested: data.data
	});

	sim.route('POST', '/open_api/knowledge/document/create', (ctx) => {
		if (!withHeader(ctx)) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const d = find(ctx, body.dataset_id);
		if (!d) return;
		const bases = body.document_bases;
		if (!Array.isArray(bases) || bases.length === 0 || bases.length > 10) return ctx.error(4000, 'document_bases must hold 1-10 documents');
		if (body.format_type !== undefined && body.format_type !== d.format_type)
			return ctx.error(4000, `format_type ${String(body.format_type)} does not match the knowledge base (${d.format_type})`);
		const chunk = body.chunk_strategy as Record<string, unknown> | undefined;
		if (!chunk || typeof chunk !== 'object') return ctx.error(4000, 'chunk_strategy is required');
		if (chunk.chunk_type === 1) {
			if (typeof chunk.separator !== 'string' || !chunk.separator)
				return ctx.error(4000, 'chunk_strategy.separator is required when chunk_type is 1');
			const max = Number(chunk.max_tokens);
			if (!Number.isInteger(max) || max < 100 || max > 2000)
				return ctx.error(4000, 'chunk_strategy.max_tokens must be 100-2000 when chunk_type is 1');
		}
		const created: Doc[] = [];
		const methods = new Set<string>();
		for (const base of bases as Array<Record<string, unknown>>) {
			const info = (base?.source_info ?? {}) as Record<string, unknown>;
			if (typeof base?.name !== 'string' || !base.name) return ctx.error(4000, 'document_bases[].name is required');
			const doc: Doc = {
				document_id: cozeId(),
				dataset_id: d.dataset_id,
				name: base.name,
				type: '',
				size: 0,
				char_count: 0,
				format_type: d.format_type,
				source_type: 0,
				createdMs: Date.now(),
				update_time: now(),
				chunk_strategy: chunk,
				update_type: 0,
				update_interval: 0,
			};
			if (info.file_base64 !== undefined) {
				methods.add('file_base64');
				if (d.format_type !== 0) return ctx.error(4000, 'an image knowledge base takes images by source_file_id (document_source 5) only');
				const type = String(info.file_type ?? '').toLowerCase();
				if (!TEXT_TYPES.includes(type)) return ctx.error(4000, `file_type ${type || '(missing)'} is not supported; use ${TEXT_TYPES.join(', ')}`);
				const bytes = decodeBase64(String(info.file_base64));
				Object.assign(doc, { type, size: bytes?.length ?? 0 });
				if (!bytes) doc.failed = 'the file is not valid base64';
				else if (bytes.length === 0) doc.failed = 'the file is empty';
				else doc.char_count = type === 'txt' ? [...bytes.toString('utf8')].length : bytes.length;
			} else if (info.web_url !== undefined) {
				methods.add('web_url');
				if (d.format_type !== 0) return ctx.error(4000, 'an image knowledge base takes images by source_file_id (document_source 5) only');
				if (info.document_source !== 1) return ctx.error(4000, 'web_url needs document_source 1');
				if (typeof info.web_url !== 'string' || !info.web_url) return ctx.error(4000, 'web_url must be a URL');
				const rule = updateRule(ctx, base.update_rule);
				if (!rule) return;
				Object.assign(doc, rule, { type: 'html', source_type: 1, url: info.web_url, size: 2048, char_count: 1800 });
			} else if (info.source_file_id !== undefined) {
				methods.add('source_file_id');
				if (info.document_source !== 5) return ctx.error(4000, 'source_file_id needs document_source 5');
				if (d.format_type !== 2)
					return ctx.error(4000, 'a text knowledge base takes local files (file_base64) or web pages (web_url), not source_file_id');
				// docs/create_knowledge_files.md ChunkStrategy.caption_type: "在空的知识库中首次上传图片时，需要手工设置 caption_type
				// 参数的值，否则会报错" (the first image uploaded into an empty knowledge base must set caption_type).
				if (docsIn(d.dataset_id).length === 0 && created.length === 0 && chunk.caption_type === undefined) {
					return ctx.error(
						4000,
						'chunk_strategy.caption_type is required for the first image of an empty image knowledge base (0: automatic caption, 1: manual)',
					);
				}
				const file = filesOf(sim).get(String(info.source_file_id));
				if (!file) return ctx.error(4200, `file ${String(info.source_file_id)} not found (upload it with /v1/files/upload first)`);
				const type = (file.file_name.split('.').pop() ?? '').toLowerCase();
				const caption = typeof base.caption === 'string' ? base.caption : chunk.caption_type === 1 ? '' : `An image named ${base.name}`;
				Object.assign(doc, { type, source_type: 5, size: file.bytes, caption });
				if (!IMAGE_TYPES.includes(type)) doc.failed = `${file.file_name} is not an image (${IMAGE_TYPES.join(', ')})`;
			} else {
				return ctx.error(4000, 'source_info needs file_base64 + file_type, web_url + document_source 1, or source_file_id + document_source 5');
			}
			created.push(doc);
		}
		if (methods.size > 1) return ctx.error(4000, 'use one upload method per request');
		for (const doc of created) state().docs.set(doc.document_id, doc);
		ctx.json(undefined, { document_infos: created.map(documentObject) }); // top level, no `data`
	});

	sim.route('POST', '/open_api/knowledge/document/update', (ctx) => {
		if (!withHeader(ctx)) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const doc = state().docs.get(String(body.document_id ?? ''));
		if (!doc) return ctx.error(4200, `document ${String(body.document_id)} not found`);
		if (body.document_name !== undefined && (typeof body.document_name !== 'string' || !body.document_name))
			return ctx.error(4000, 'document_name must be a non-empty string');
		let rule: { update_type: number; update_interval: number } | undefined;
		if (body.update_rule !== undefined) {
			if (doc.source_type !== 1) return ctx.error(4000, 'update_rule applies to web pages only');
			rule = updateRule(ctx, body.update_rule);
			if (!rule) return;
		}
		Object.assign(doc, body.document_name ? { name: body.document_name } : {}, rule ?? {}, { update_time: now() });
		ctx.json(undefined);
	});

	sim.route('POST', '/open_api/knowledge/document/delete', (ctx) => {
		if (!withHeader(ctx)) return;
		const ids = (ctx.req.body as Record<string, unknown> | undefined)?.document_ids;
		if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) return ctx.error(4000, 'document_ids must hold 1-100 IDs');
		const missing = ids.find((id) => !state().docs.has(String(id)));
		if (missing !== undefined) return ctx.error(4200, `document ${String(missing)} not found`);
		for (const id of ids) state().docs.delete(String(id));
		ctx.json(undefined);
	});

	sim.route('POST', '/open_api/knowledge/document/list', (ctx) => {
		if (!withHeader(ctx)) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const d = find(ctx, body.dataset_id);
		if (!d) return;
		// docs/list_knowledge_files.md and the spec: `size` (default 10); coze-py and coze-go send size. coze-js
		// (src/resources/datasets/documents/documents.ts list) sends `page_size`, which no source documents: like any
		// unknown field it is ignored (the contract check flags it).
		const size = Number(body.size ?? 10);
		const page = Math.max(1, Number(body.page ?? 1)); // the docs' example sends page 0
		if (!Number.isInteger(size) || size < 1 || !Number.isInteger(page)) return ctx.error(4000, 'page and size must be positive integers');
		const docs = docsIn(d.dataset_id);
		ctx.json(undefined, { document_infos: docs.slice((page - 1) * size, page * size).map(documentObject), total: docs.length });
	});

	sim.route('GET', '/v1/datasets/{dataset_id}/images', (ctx) => {
		const d = find(ctx, ctx.params.dataset_id);
		if (!d) return;
		const { keyword, has_caption: hasCaption } = ctx.req.query;
		const size = Number(ctx.req.query.page_size || 10);
		const page = Number(ctx.req.query.page_num || 1);
		if (!Number.isInteger(size) || size < 1 || size > 299) return ctx.error(4000, 'page_size must be 1-299');
		if (!Number.isInteger(page) || page < 1) return ctx.error(4000, 'page_num must be at least 1');
		if (hasCaption !== undefined && hasCaption !== 'true' && hasCaption !== 'false') return ctx.error(4000, 'has_caption must be true or false');
		const photos = docsIn(d.dataset_id).filter(
			(doc) =>
				doc.format_type === 2 &&
				(!keyword || (doc.caption ?? '').toLowerCase().includes(keyword.toLowerCase())) &&
				(hasCaption === undefined || (hasCaption === 'true') === Boolean(doc.caption)),
		);
		ctx.json({
			photo_infos: photos.slice((page - 1) * size, page * size).map((doc) => ({
				document_id: doc.document_id,
				url: photoUrl(doc),
				name: doc.name,
				size: doc.size,
				type: doc.type,
				status: statusOf(doc, state().processingMs).status,
				caption: doc.caption ?? '',
				creator_id: '2150000000000000001',
				source_type: doc.source_type,
				create_time: Math.floor(doc.createdMs / 1000),
				update_time: doc.update_time,
			})),
			total_count: photos.length,
		});
	});

	sim.route('PUT', '/v1/datasets/{dataset_id}/images/{document_id}', (ctx) => {
		const d = find(ctx, ctx.params.dataset_id);
		if (!d) return;
		const doc = state().docs.get(ctx.params.document_id);
		if (!doc || doc.dataset_id !== d.dataset_id || doc.format_type !== 2)
			return ctx.error(4200, `image ${ctx.params.document_id} not found in dataset ${d.dataset_id}`);
		const caption = (ctx.req.body as Record<string, unknown> | undefined)?.caption;
		if (typeof caption !== 'string') return ctx.error(4000, 'caption is required');
		Object.assign(doc, { caption, update_time: now() });
		ctx.json(undefined);
	});
}
