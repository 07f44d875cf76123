import type { RouteContext, Simulator } from '../index';
import { cozeId } from '../ids';
import { WORKSPACES } from '../seed';
import { filesOf } from './files';

/**
 * Knowledge bases (docs/create_dataset.md, list_dataset.md, update_dataset, delete_dataset.md, get_dataset_progress.md,
 * create_knowledge_files.md, list_knowledge_files.md, delete_knowdge_files.md, get_images.md). Document routes
 * require `Agw-Js-Conv: str`. New documents are processing (status 0) for `processingMs`, then done (1); a file
 * that is empty or not valid base64 ends failed (9).
 */
interface Doc {
	document_id: string;
	dataset_id: string;
	name: string;
	type: string;
	size: number;
	char_count: number;
	format_type: number;
	source_type: number;
	created: number;
	failed?: string;
	url?: string;
	caption?: string;
}
interface Dataset {
	dataset_id: string;
	name: string;
	description: string;
	space_id: string;
	format_type: number;
	create_time: number;
	update_time: number;
}

const now = () => Math.floor(Date.now() / 1000);

export const datasetsOf = (sim: Simulator) =>
	sim.state('datasets', () => {
		const textId = '7600000000000000001';
		const imageId = '7600000000000000002';
		const datasets = new Map<string, Dataset>([
			[textId, { dataset_id: textId, name: 'Support FAQ', description: 'Answers to common tickets', space_id: WORKSPACES[0].id, format_type: 0, create_time: 1718000000, update_time: 1718000000 }],
			[imageId, { dataset_id: imageId, name: 'Product Photos', description: '', space_id: WORKSPACES[0].id, format_type: 2, create_time: 1718000000, update_time: 1718000000 }],
		]);
		const docs = new Map<string, Doc>();
		return { datasets, docs, processingMs: 300 };
	});

export const DATASETS = { text: '7600000000000000001', image: '7600000000000000002' };

function status(doc: Doc, processingMs: number) {
	if (doc.failed) return 9;
	return Date.now() - doc.created >= processingMs ? 1 : 0;
}

export function registerDatasetRoutes(sim: Simulator) {
	const state = () => datasetsOf(sim);
	const datasetObject = (d: Dataset) => {
		const docs = [...state().docs.values()].filter((doc) => doc.dataset_id === d.dataset_id);
		return { ...d, status: 1, can_edit: true, icon_url: '', doc_count: docs.length, slice_count: docs.length, hit_count: 0, bot_used_count: 0, all_file_size: docs.reduce((n, doc) => n + doc.size, 0), file_list: docs.map((doc) => doc.name) };
	};
	const documentObject = (doc: Doc) => ({
		document_id: doc.document_id,
		name: doc.name,
		char_count: doc.char_count,
		size: doc.size,
		type: doc.type,
		format_type: doc.format_type,
		hit_count: 0,
		slice_count: status(doc, state().processingMs) === 1 ? 1 : 0,
		source_type: doc.source_type,
		status: status(doc, state().processingMs),
		update_type: 0,
		update_interval: 0,
		create_time: Math.floor(doc.created / 1000),
		update_time: Math.floor(doc.created / 1000),
		chunk_strategy: { chunk_type: 0 },
	});
	const needsHeader = (ctx: RouteContext) => {
		if (ctx.req.headers['agw-js-conv'] !== 'str') {
			ctx.error(4000, 'missing header Agw-Js-Conv: str (IDs would lose precision)');
			return false;
		}
		return true;
	};
	const find = (ctx: RouteContext, id: unknown) => {
		const d = state().datasets.get(String(id ?? ''));
		if (!d) ctx.error(4200, `dataset ${String(id)} not found`);
		return d;
	};

	sim.route('POST', '/v1/datasets', (ctx) => {
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		if (typeof body.name !== 'string' || !body.name || body.name.length > 100) return ctx.error(4000, 'name is required (at most 100 characters)');
		if (!WORKSPACES.some((w) => w.id === body.space_id)) return ctx.error(4000, `space_id ${String(body.space_id)} not found`);
		if (![0, 2].includes(Number(body.format_type))) return ctx.error(4000, 'format_type must be 0 (text) or 2 (image)');
		const d: Dataset = { dataset_id: cozeId(), name: body.name, description: String(body.description ?? ''), space_id: String(body.space_id), format_type: Number(body.format_type), create_time: now(), update_time: now() };
		state().datasets.set(d.dataset_id, d);
		ctx.json({ dataset_id: d.dataset_id });
	});

	sim.route('GET', '/v1/datasets', (ctx) => {
		const { space_id: spaceId, name, format_type: formatType } = ctx.req.query;
		if (!spaceId) return ctx.error(4000, 'space_id is required');
		const size = Math.min(300, Math.max(1, Number(ctx.req.query.page_size ?? 10) || 10));
		const page = Math.max(1, Number(ctx.req.query.page_num ?? 1) || 1);
		const list = [...state().datasets.values()].filter(
			(d) => d.space_id === spaceId && (!name || d.name.toLowerCase().includes(name.toLowerCase())) && (formatType === undefined || String(d.format_type) === formatType),
		);
		ctx.json({ dataset_list: list.slice((page - 1) * size, page * size).map(datasetObject), total_count: list.length });
	});

	sim.route('PUT', '/v1/datasets/{dataset_id}', (ctx) => {
		const d = find(ctx, ctx.params.dataset_id);
		if (!d) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		if (typeof body.name !== 'string' || !body.name) return ctx.error(4000, 'name is required');
		Object.assign(d, { name: body.name, description: String(body.description ?? ''), update_time: now() }); // full overwrite
		ctx.json({});
	});

	sim.route('DELETE', '/v1/datasets/{dataset_id}', (ctx) => {
		if (!find(ctx, ctx.params.dataset_id)) return;
		state().datasets.delete(ctx.params.dataset_id);
		for (const [id, doc] of state().docs) if (doc.dataset_id === ctx.params.dataset_id) state().docs.delete(id);
		ctx.json({});
	});

	sim.route('POST', '/v1/datasets/{dataset_id}/process', (ctx) => {
		if (!find(ctx, ctx.params.dataset_id)) return;
		const ids = ((ctx.req.body as Record<string, unknown> | undefined)?.document_ids as string[] | undefined) ?? [];
		const data = ids.map((id) => state().docs.get(id)).filter((doc): doc is Doc => doc?.dataset_id === ctx.params.dataset_id).map((doc) => {
			const s = status(doc, state().processingMs);
			return { document_id: doc.document_id, document_name: doc.name, url: doc.url ?? '', size: doc.size, type: doc.type, status: s, progress: s === 1 ? 100 : s === 9 ? 0 : 50, remaining_time: s === 0 ? 1 : 0, status_descript: doc.failed ?? '', update_type: 0, update_interval: 0 };
		});
		ctx.json({ data });
	});

	sim.route('POST', '/open_api/knowledge/document/create', (ctx) => {
		if (!needsHeader(ctx)) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const d = find(ctx, body.dataset_id);
		if (!d) return;
		const bases = (body.document_bases as Array<Record<string, unknown>> | undefined) ?? [];
		if (bases.length === 0 || bases.length > 10) return ctx.error(4000, 'document_bases must hold 1-10 documents');
		const created: Doc[] = [];
		for (const base of bases) {
			const info = (base.source_info ?? {}) as Record<string, unknown>;
			const doc: Doc = { document_id: cozeId(), dataset_id: d.dataset_id, name: String(base.name ?? ''), type: '', size: 0, char_count: 0, format_type: d.format_type, source_type: 0, created: Date.now() };
			if (info.file_base64 !== undefined) {
				if (d.format_type !== 0) return ctx.error(4000, 'an image knowledge base takes files by source_file_id only');
				if (!['pdf', 'txt', 'doc', 'docx', 'md'].includes(String(info.file_type))) return ctx.error(4000, `file_type ${String(info.file_type)} is not supported`);
				const text = String(info.file_base64);
				const bytes = Buffer.from(text, 'base64');
				doc.type = String(info.file_type);
				doc.size = bytes.length;
				doc.char_count = info.file_type === 'txt' || info.file_type === 'md' ? bytes.toString('utf8').length : bytes.length;
				if (!bytes.length || bytes.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')) doc.failed = 'the file is empty or not valid base64';
			} else if (info.web_url !== undefined) {
				if (Number(info.document_source) !== 1) return ctx.error(4000, 'web_url needs document_source 1');
				Object.assign(doc, { type: 'html', source_type: 1, url: String(info.web_url), size: 2048, char_count: 1800 });
			} else if (info.source_file_id !== undefined) {
				if (Number(info.document_source) !== 5 || d.format_type !== 2) return ctx.error(4000, 'source_file_id needs document_source 5 and an image knowledge base');
				const file = filesOf(sim).get(String(info.source_file_id));
				if (!file) return ctx.error(4000, `file ${String(info.source_file_id)} not found`);
				Object.assign(doc, { type: file.file_name.split('.').pop() ?? '', source_type: 5, size: file.bytes, caption: String(base.caption ?? '') });
			} else {
				return ctx.error(4000, 'source_info needs file_base64, web_url or source_file_id');
			}
			created.push(doc);
		}
		for (const doc of created) state().docs.set(doc.document_id, doc);
		ctx.raw(200, { code: 0, msg: '', document_infos: created.map(documentObject) });
	});

	sim.route('POST', '/open_api/knowledge/document/list', (ctx) => {
		if (!needsHeader(ctx)) return;
		const body = (ctx.req.body ?? {}) as Record<string, unknown>;
		const d = find(ctx, body.dataset_id);
		if (!d) return;
		const size = Math.max(1, Number(body.size ?? 10) || 10);
		const page = Math.max(1, Number(body.page ?? 1) || 1);
		const docs = [...state().docs.values()].filter((doc) => doc.dataset_id === d.dataset_id);
		ctx.raw(200, { code: 0, msg: '', document_infos: docs.slice((page - 1) * size, page * size).map(documentObject), total: docs.length });
	});

	sim.route('POST', '/open_api/knowledge/document/delete', (ctx) => {
		if (!needsHeader(ctx)) return;
		const ids = ((ctx.req.body as Record<string, unknown> | undefined)?.document_ids as string[] | undefined) ?? [];
		if (!ids.length) return ctx.error(4000, 'document_ids is required');
		for (const id of ids) state().docs.delete(id);
		ctx.raw(200, { code: 0, msg: '' });
	});

	sim.route('GET', '/v1/datasets/{dataset_id}/images', (ctx) => {
		const d = find(ctx, ctx.params.dataset_id);
		if (!d) return;
		const size = Math.min(299, Math.max(1, Number(ctx.req.query.page_size ?? 10) || 10));
		const page = Math.max(1, Number(ctx.req.query.page_num ?? 1) || 1);
		const photos = [...state().docs.values()].filter((doc) => doc.dataset_id === d.dataset_id && (!ctx.req.query.keyword || (doc.caption ?? '').includes(ctx.req.query.keyword)));
		ctx.json({
			photo_infos: photos.slice((page - 1) * size, page * size).map((doc) => ({ document_id: doc.document_id, url: `https://example.invalid/${doc.document_id}`, name: doc.name, size: doc.size, type: doc.type, status: status(doc, state().processingMs), caption: doc.caption ?? '', creator_id: '2150000000000000001', source_type: 5, create_time: Math.floor(doc.created / 1000), update_time: Math.floor(doc.created / 1000) })),
			total_count: photos.length,
		});
	});
}
