import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { currentParameter } from './params';
import { isCozeStudio, studioPickerResult } from './studio';
import { cozeApiData } from './transport';

// Every resource locator "From List" method below is made by picker(): one place for the Studio answer, the
// "select X first" hint, the filter and the paging. Coze Studio has none of these list endpoints except
// GET /v1/datasets: those pickers say so (studio.ts).

/**
 * How a Coze list endpoint pages. `total`: page_num / page_size, more while page × size < data[total]; `hasMore`:
 * page_num / page_size, more while data.has_more; `token`: page_size and page_token = the previous answer's
 * next_page_token, more while data.has_more and a token came. The token n8n hands back is the page number (or Coze's
 * page token).
 */
export type Paging = { pageSize: number } & ({ total: string } | { hasMore: true } | { token: true });

function pageOf(paginationToken?: string): number {
	const page = Number(paginationToken);
	return Number.isInteger(page) && page > 0 ? page : 1;
}

/** The paging part of the query for the page n8n asks for (paginationToken undefined = the first page). */
export function pageQuery(paging: Paging, paginationToken?: string): IDataObject {
	if ('token' in paging) return paginationToken ? { page_size: paging.pageSize, page_token: paginationToken } : { page_size: paging.pageSize };
	return { page_num: pageOf(paginationToken), page_size: paging.pageSize };
}

/** The paginationToken of the next page after this answer, undefined on the last page. */
export function nextPageToken(paging: Paging, paginationToken: string | undefined, data: IDataObject | undefined): string | undefined {
	if ('token' in paging) return data?.has_more === true && data?.next_page_token ? String(data.next_page_token) : undefined;
	const page = pageOf(paginationToken);
	const more = 'total' in paging ? page * paging.pageSize < Number(data?.[paging.total] ?? 0) : data?.has_more === true;
	return more ? String(page + 1) : undefined;
}

/** True when the filter is empty or one of the texts contains it (case-insensitive). */
export function matchesFilter(filter: string | undefined, ...texts: unknown[]): boolean {
	return (
		!filter ||
		texts.some((text) =>
			String(text ?? '')
				.toLowerCase()
				.includes(filter.toLowerCase()),
		)
	);
}

export interface PickerSpec {
	/** Endpoint path; a function of the required parameter's value when it is part of the path. */
	path: string | ((required: string) => string);
	/** The parameter the list depends on (e.g. the workspace) and the entry shown while it is empty or invalid. */
	requires?: { parameter: string; hint: string; pattern?: RegExp };
	/** Query besides paging and the server-side filter. */
	qs?: (required: string, context: ILoadOptionsFunctions) => IDataObject;
	paging: Paging;
	/** The key of the answer's list. */
	items: string;
	/** Client-side filter: the texts of an item the filter is looked for in. */
	filterOn?: (item: IDataObject) => unknown[];
	/** Server-side filter: the query parameter the filter is sent in. */
	filterParam?: string;
	result: (item: IDataObject) => INodeListSearchItems;
	/** False when Coze Studio has this endpoint (default: answer studioPickerResult() there). */
	studio?: false;
}

/** "Select a Workspace First (or Enter the … ID)" while no workspace is chosen. */
function workspace(what: string): PickerSpec['requires'] {
	return { parameter: 'workspaceId', hint: `Select a Workspace First (or Enter the ${what} ID)` };
}

/** A resource locator list-search method from a description of the Coze list endpoint. */
export function picker(spec: PickerSpec) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		if (spec.studio !== false && (await isCozeStudio(this))) return studioPickerResult();
		let required = '';
		if (spec.requires) {
			const raw = currentParameter(this, spec.requires.parameter) as string | undefined;
			const ok = spec.requires.pattern ? spec.requires.pattern.test(String(raw ?? '').trim()) : !!raw;
			if (!ok) return { results: [{ name: spec.requires.hint, value: '' }] };
			required = spec.requires.pattern ? String(raw ?? '').trim() : (raw as string);
		}
		const qs: IDataObject = { ...spec.qs?.(required, this), ...pageQuery(spec.paging, paginationToken) };
		if (spec.filterParam && filter) qs[spec.filterParam] = filter;
		const path = typeof spec.path === 'function' ? spec.path(required) : spec.path;
		const data = await cozeApiData.call(this, { method: 'GET', path, qs });
		const items = ((data?.[spec.items] as IDataObject[]) ?? []).filter((item) => !spec.filterOn || matchesFilter(filter, ...spec.filterOn(item)));
		return { results: items.map(spec.result), paginationToken: nextPageToken(spec.paging, paginationToken, data) };
	};
}

/** Workspaces the credential can see (GET /v1/workspaces). */
export const searchWorkspaces = picker({
	path: '/v1/workspaces',
	paging: { pageSize: 50, total: 'total_count' },
	items: 'workspaces',
	filterOn: (w) => [w.name],
	result: (w) => ({ name: String(w.name ?? w.id), value: String(w.id), url: undefined }),
});

/** Bots of the selected workspace in one publish state (GET /v1/bots, publish_status), each named by `name`. */
function botPicker(publishStatus: string, name: (bot: IDataObject) => string) {
	return picker({
		path: '/v1/bots',
		requires: workspace('Bot'),
		qs: (workspaceId) => ({ workspace_id: workspaceId, publish_status: publishStatus }),
		paging: { pageSize: 50, total: 'total' },
		items: 'items',
		filterOn: (b) => [b.name],
		result: (b) => ({ name: name(b), value: String(b.id) }),
	});
}

/** Bots of the selected workspace that are published to the API channel. */
export const searchBots = botPicker('published_online', (b) => String(b.name ?? b.id));

/**
 * Bots of the selected workspace in every publish state (publish_status=all), marked "(draft)" when they are not
 * live. searchBots lists only bots published to the API channel, which is right for chatting but hides the drafts the
 * Bot node creates, updates and publishes.
 */
export const searchBotsAnyStatus = botPicker('all', (b) => `${String(b.name ?? b.id)}${b.is_published === true ? '' : ' (draft)'}`);

/** Published workflows or chat flows (`workflow_mode`) of the selected workspace (GET /v1/workflows). */
function workflowPicker(mode: 'workflow' | 'chatflow') {
	return picker({
		path: '/v1/workflows',
		requires: workspace(mode === 'chatflow' ? 'Chat Flow' : 'Workflow'),
		qs: (workspaceId) => ({ workspace_id: workspaceId, workflow_mode: mode, publish_status: 'published_online' }),
		paging: { pageSize: 30, hasMore: true }, // Coze allows 1-30 here
		items: 'items',
		filterOn: (w) => [w.workflow_name],
		result: (w) => ({ name: String(w.workflow_name ?? w.workflow_id), value: String(w.workflow_id) }),
	});
}

/** Published workflows of the selected workspace. */
export const searchWorkflows = workflowPicker('workflow');

/** Published chat flows of the selected workspace (the chat-flow operations' picker). */
export const searchChatFlows = workflowPicker('chatflow');

/** Knowledge bases of the selected workspace (GET /v1/datasets), filtered by name on Coze's side; Studio has it. */
export const searchDatasets = picker({
	studio: false,
	path: '/v1/datasets',
	requires: workspace('Knowledge Base'),
	qs: (workspaceId) => ({ space_id: workspaceId }),
	paging: { pageSize: 50, total: 'total_count' },
	filterParam: 'name',
	items: 'dataset_list',
	result: (d) => ({ name: `${String(d.name ?? d.dataset_id)}${d.format_type === 2 ? ' (images)' : ''}`, value: String(d.dataset_id) }),
});

/**
 * Apps (projects) of the selected workspace published to the API channel (GET /v1/apps, docs published_apps_list.md:
 * workspace_id required, publish_status published_online by default, connector_id 1024 by default, page_num /
 * page_size, answer `data.items` + `data.total`).
 */
export const searchApps = picker({
	path: '/v1/apps',
	requires: workspace('App'),
	qs: (workspaceId) => ({ workspace_id: workspaceId, publish_status: 'published_online' }),
	paging: { pageSize: 50, total: 'total' },
	items: 'items',
	filterOn: (a) => [a.name],
	result: (a) => ({ name: String(a.name ?? a.id), value: String(a.id) }),
});

/**
 * Published versions of the selected workflow, newest first (GET /v1/workflows/:workflow_id/versions, docs
 * list_workflow_version.md: page_size 1–30, next page asked with page_token = the answer's next_page_token while
 * has_more).
 */
export const searchWorkflowVersions = picker({
	path: (workflowId) => `/v1/workflows/${workflowId}/versions`,
	requires: { parameter: 'workflowId', hint: 'Choose the Workflow First (or Enter the Version)', pattern: /^\d+$/ },
	qs: () => ({ publish_status: 'published_online' }),
	paging: { pageSize: 30, token: true },
	items: 'items',
	filterOn: (v) => [v.version, v.description],
	result: (v) => ({ name: `${String(v.version)}${v.description ? ` — ${String(v.description)}` : ''}`, value: String(v.version) }),
});

/** Voices usable for speech (GET /v1/audio/voices, cloned system and custom voices), 100 per page, filtered by name. */
export const searchVoices = picker({
	path: '/v1/audio/voices',
	paging: { pageSize: 100, hasMore: true },
	items: 'voice_list',
	filterOn: (v) => [v.name],
	result: (v) => {
		const details = [v.is_system_voice ? 'system' : 'custom', v.model_type, v.language_name].filter(Boolean).join(', ');
		return {
			name: `${String(v.name ?? v.voice_id)}${details ? ` (${details})` : ''}`,
			value: String(v.voice_id),
			url: (v.preview_audio as string) || undefined,
		};
	},
});

/** Store plugins (GET /v1/stores/plugins, docs/list_plugin.md), searched by keyword on Coze's side, 20 per page. */
export const searchPlugins = picker({
	path: '/v1/stores/plugins',
	paging: { pageSize: 20, hasMore: true },
	filterParam: 'keyword',
	items: 'items',
	result: (item) => {
		const meta = (item.metainfo ?? {}) as IDataObject;
		const info = (item.plugin_info ?? {}) as IDataObject;
		const unavailable = info.is_call_available === false ? ' — not callable' : '';
		return {
			name: `${String(meta.name ?? meta.entity_id)}${meta.is_official ? ' (official)' : ''}${unavailable}`,
			value: String(meta.entity_id ?? ''),
		};
	},
});
