import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { cozeApiData } from '../../shared/transport';

/** Voices usable for speech (GET /v1/audio/voices, cloned system and custom voices), 100 per page, filtered by name. */
export async function searchVoices(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) > 0 ? Number(paginationToken) : 1;
	const data = await cozeApiData.call(this, { method: 'GET', path: '/v1/audio/voices', qs: { page_num: page, page_size: 100 } });
	const needle = (filter ?? '').toLowerCase();
	const voices = ((data?.voice_list as IDataObject[]) ?? []).filter((v) => !needle || String(v.name ?? '').toLowerCase().includes(needle));
	return {
		results: voices.map((v) => {
			const details = [v.is_system_voice ? 'system' : 'custom', v.model_type, v.language_name].filter(Boolean).join(', ');
			return { name: `${String(v.name ?? v.voice_id)}${details ? ` (${details})` : ''}`, value: String(v.voice_id), url: (v.preview_audio as string) || undefined };
		}),
		paginationToken: data?.has_more === true ? String(page + 1) : undefined,
	};
}
