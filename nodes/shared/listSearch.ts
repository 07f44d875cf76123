import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { cozeApiData } from './transport';

const PAGE_SIZE = 50;

function matches(name: string, filter?: string): boolean {
	return !filter || name.toLowerCase().includes(filter.toLowerCase());
}

function pageOf(paginationToken?: string): number {
	const page = Number(paginationToken);
	return Number.isInteger(page) && page > 0 ? page : 1;
}

/** Workspaces the credential can see (GET /v1/workspaces). */
export async function searchWorkspaces(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
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
export async function searchBots(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
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
export async function searchWorkflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
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
export async function searchDatasets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
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
		results: datasets.map((d) => ({ name: `${String(d.name ?? d.dataset_id)}${d.format_type === 2 ? ' (images)' : ''}`, value: String(d.dataset_id) })),
		paginationToken: page * PAGE_SIZE < Number(data?.total_count ?? 0) ? String(page + 1) : undefined,
	};
}
