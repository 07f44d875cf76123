import type { Simulator } from '../index';
import { cozeId } from '../ids';
import type { MultipartBody } from '../multipart';

export interface StoredFile {
	id: string;
	file_name: string;
	bytes: number;
	created_at: number;
	contentType: string;
	sha256: string;
}

export const filesOf = (sim: Simulator) => sim.state('files', () => new Map<string, StoredFile>());

const MAX_BYTES = 512 * 1024 * 1024;

/** POST /v1/files/upload (multipart part `file`), GET /v1/files/retrieve (docs/upload_files.md, retrieve_files.md). */
export function registerFileRoutes(sim: Simulator) {
	sim.route('POST', '/v1/files/upload', (ctx) => {
		const body = ctx.req.body as MultipartBody | undefined;
		const file = body?.files?.find((f) => f.field === 'file');
		if (!file) return ctx.error(4000, 'file is required (multipart/form-data part "file")');
		if (file.size > MAX_BYTES) return ctx.error(4000, 'file exceeds 512 MB');
		const stored: StoredFile = {
			id: cozeId(),
			file_name: file.filename,
			bytes: file.size,
			created_at: Math.floor(Date.now() / 1000),
			contentType: file.contentType,
			sha256: file.sha256,
		};
		filesOf(sim).set(stored.id, stored);
		ctx.json({ id: stored.id, bytes: stored.bytes, file_name: stored.file_name, created_at: stored.created_at });
	});

	sim.route('GET', '/v1/files/retrieve', (ctx) => {
		const stored = filesOf(sim).get(ctx.req.query.file_id ?? '');
		if (!stored) return ctx.error(4200, 'file not found');
		ctx.json({ id: stored.id, bytes: stored.bytes, file_name: stored.file_name, created_at: stored.created_at });
	});
}
