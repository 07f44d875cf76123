import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isCozeStudio, studioPickerResult } from './studio';
import { cozeApiData } from './transport';

const PAGE_SIZE = 50;

// Coze Studio has none of the list endpoints below except GET /v1/datasets: those pickers say so (studio.ts).

function matches(name: string, filter?: string): boolean {
	return !filter || name.toLowerCase().includes(filter.toLowerCase());
}

function pageOf(paginationToken?: string): number {
	const page = Number(paginationToken);
	return Number.isInteger(page) && page > 0 ? page : 1;
}

/** Workspaces the credential can see (GET /v1/workspaces). */
export async function searchWorkspaces(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	if (await isCozeStudio(this)) return studioPickerResult();
	const page = pageOf(paginationToken);
	const data = await cozeApiData.call(this, {
		method: 'GET',
		path: '/v1/workspaces',
		qs: { page_num: page, page_size: PAGE_SIZE },
	});
	const workspaces = ((data?.workspaces as IDataObject[]) ?? []).filter((w) => matches(String(w.name ?? ''), filter));
	const total = Number(data?.total_count ?? 0);
	return {
		results: workspaces.map((w) => ({ name: String(w.name ?? w.id), value: String(w.id), url: undefined })),
		paginationToken: page * PAGE_SIZE < total ? String(page + 1) : undefined,
	};
}

/** Bots of the selected workspace that are published to the API channel (GET /v1/bots). */
export async function searchBots(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	if (await isCozeStudio(this)) return studioPickerResult();
	const workspaceId = this.getCurrentNodeParameter('workspaceId', { extractValue: true }) as string | undefined;
	if (!workspaceId) {
		return { results: [{ name: 'Select a Workspace First (or Enter the Bot ID)', value: '' }] };
	}
	const page = pageOf(paginationToken);
	const data = await cozeApiData.call(this, {
		method: 'GET',
		path: '/v1/bots',
		qs: { workspace_id: workspaceId, publish_status: 'published_online', page_num: page, page_size: PAGE_SIZE },
	});
	const bots = ((data?.items as IDataObject[]) ?? []).filter((b) => matches(String(b.name ?? ''), filter));
	const total = Number(data?.total ?? 0);
	return {
		results: bots.map((b) => ({ name: String(b.name ?? b.id), value: String(b.id) })),
		paginationToken: page * PAGE_SIZE < total ? String(page + 1) : undefined,
	};
}

/** Published workflows of the selected workspace (GET /v1/workflows); chat flows only for the chat-flow operation. */
export async function searchWorkflows(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	if (await isCozeStudio(this)) return studioPickerResult();
	const workspaceId = this.getCurrentNodeParameter('workspaceId', { extractValue: true }) as string | undefined;
	if (!workspaceId) {
		return { results: [{ name: 'Select a Workspace First (or Enter the Workflow ID)', value: '' }] };
	}
	const operation = this.getCurrentNodeParameter('operation') as string | undefined;
	const page = pageOf(paginationToken);
	const data = await cozeApiData.call(this, {
		method: 'GET',
		path: '/v1/workflows',
		qs: {
			workspace_id: workspaceId,
			workflow_mode: operation === 'chat' ? 'chatflow' : 'workflow',
			publish_status: 'published_online',
			page_num: page,
			page_size: 30, // Coze allows 1-30 here
		},
	});
	const workflows = ((data?.items as IDataObject[]) ?? []).filter((w) => matches(String(w.workflow_name ?? ''), filter));
	return {
		results: workflows.map((w) => ({ name: String(w.workflow_name ?? w.workflow_id), value: String(w.workflow_id) })),
		paginationToken: data?.has_more === true ? String(page + 1) : undefined,
	};
}

/** Knowledge bases of the selected workspace (GET /v1/datasets). */
export async function searchDatasets(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const workspaceId = this.getCurrentNodeParameter('workspaceId', { extractValue: true }) as string | undefined;
	if (!workspaceId) {
		return { results: [{ name: 'Select a Workspace First (or Enter the Knowledge Base ID)', value: '' }] };
	}
	const page = pageOf(paginationToken);
	const qs: IDataObject = { space_id: workspaceId, page_num: page, page_size: PAGE_SIZE };
	if (filter) qs.name = filter;
	const data = await cozeApiData.call(this, { method: 'GET', path: '/v1/datasets', qs });
	const datasets = (data?.dataset_list as IDataObject[]) ?? [];
	return {
		results: datasets.map((d) => ({
			name: `${String(d.name ?? d.dataset_id)}${d.format_type === 2 ? ' (images)' : ''}`,
			value: String(d.dataset_id),
		})),
		paginationToken: page * PAGE_SIZE < Number(data?.total_count ?? 0) ? String(page + 1) : undefined,
	};
}

/**
 * Apps (projects) of the selected workspace published to the API channel (GET /v1/apps, docs published_apps_list.md:
 * workspace_id required, publish_status published_online by default, connector_id 1024 by default, page_num /
 * page_size, answer `data.items` + `data.total`).
 */
export async function searchApps(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	if (await isCozeStudio(this)) return studioPickerResult();
	const workspaceId = this.getCurrentNodeParameter('workspaceId', { extractValue: true }) as string | undefined;
	if (!workspaceId) {
		return { results: [{ name: 'Select a Workspace First (or Enter the App ID)', value: '' }] };
	}
	const page = pageOf(paginationToken);
	const data = await cozeApiData.call(this, {
		method: 'GET',
		path: '/v1/apps',
		qs: { workspace_id: workspaceId, publish_status: 'published_online', page_num: page, page_size: PAGE_SIZE },
	});
	const apps = ((data?.items as IDataObject[]) ?? []).filter((a) => matches(String(a.name ?? ''), filter));
	return {
		results: apps.map((a) => ({ name: String(a.name ?? a.id), value: String(a.id) })),
		paginationToken: page * PAGE_SIZE < Number(data?.total ?? 0) ? String(page + 1) : undefined,
	};
}

/**
 * Published versions of the selected workflow, newest first (GET /v1/workflows/:workflow_id/versions, docs
 * list_workflow_version.md: page_size 1–30, next page asked with page_token = the answer's next_page_token while
 * has_more).
 */
export async function searchWorkflowVersions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	if (await isCozeStudio(this)) return studioPickerResult();
	const workflowId = String(this.getCurrentNodeParameter('workflowId', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(workflowId)) {
		return { results: [{ name: 'Choose the Workflow First (or Enter the Version)', value: '' }] };
	}
	const qs: IDataObject = { publish_status: 'published_online', page_size: 30 };
	if (paginationToken) qs.page_token = paginationToken;
	const data = await cozeApiData.call(this, { method: 'GET', path: `/v1/workflows/${workflowId}/versions`, qs });
	const versions = ((data?.items as IDataObject[]) ?? []).filter(
		(v) => matches(String(v.version ?? ''), filter) || matches(String(v.description ?? ''), filter),
	);
	const next = data?.has_more === true && data?.next_page_token ? String(data.next_page_token) : undefined;
	return {
		results: versions.map((v) => ({ name: `${String(v.version)}${v.description ? ` — ${String(v.description)}` : ''}`, value: String(v.version) })),
		paginationToken: next,
	};
}

/** Voices usable for speech (GET /v1/audio/voices, cloned system and custom voices), 100 per page, filtered by name. */
export async function searchVoices(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	if (await isCozeStudio(this)) return studioPickerResult();
	const page = pageOf(paginationToken);
	const data = await cozeApiData.call(this, { method: 'GET', path: '/v1/audio/voices', qs: { page_num: page, page_size: 100 } });
	const voices = ((data?.voice_list as IDataObject[]) ?? []).filter((v) => matches(String(v.name ?? ''), filter));
	return {
		results: voices.map((v) => {
			const details = [v.is_system_voice ? 'system' : 'custom', v.model_type, v.language_name].filter(Boolean).join(', ');
			return {
				name: `${String(v.name ?? v.voice_id)}${details ? ` (${details})` : ''}`,
				value: String(v.voice_id),
				url: (v.preview_audio as string) || undefined,
			};
		}),
		paginationToken: data?.has_more === true ? String(page + 1) : undefined,
	};
}

/** Store plugins (GET /v1/stores/plugins, docs/list_plugin.md), searched by keyword on Coze's side, 20 per page. */
export async function searchPlugins(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	if (await isCozeStudio(this)) return studioPickerResult();
	const page = pageOf(paginationToken);
	const qs: IDataObject = { page_num: page, page_size: 20 };
	if (filter) qs.keyword = filter;
	const data = await cozeApiData.call(this, { method: 'GET', path: '/v1/stores/plugins', qs });
	return {
		results: ((data?.items as IDataObject[]) ?? []).map((item) => {
			const meta = (item.metainfo ?? {}) as IDataObject;
			const info = (item.plugin_info ?? {}) as IDataObject;
			const unavailable = info.is_call_available === false ? ' — not callable' : '';
			return {
				name: `${String(meta.name ?? meta.entity_id)}${meta.is_official ? ' (official)' : ''}${unavailable}`,
				value: String(meta.entity_id ?? ''),
			};
		}),
		paginationToken: data?.has_more === true ? String(page + 1) : undefined,
	};
}
