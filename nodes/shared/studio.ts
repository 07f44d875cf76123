import type { ICredentialDataDecryptedObject, INode, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CozeContext } from './transport';
import { CREDENTIAL_TYPE_BY_AUTHENTICATION, authenticationOf } from './transport';

/**
 * Self-hosted Coze Studio (coze-dev/coze-studio) serves only part of Coze's OpenAPI: its router
 * (backend/api/router/coze/api.go at 4f786d6a9) has chat, conversations, knowledge bases and documents, file upload,
 * bot and workflow lookup by ID, workflow runs and chat flows, and reads background runs at
 * GET /v1/workflow/get_run_history. The credential says when it points at Studio (Region → Custom, Server → Coze
 * Studio): the nodes then refuse what Studio lacks before sending anything, pickers ask for IDs, and runs are read
 * through Studio's history path. Which operations Studio serves is each operation's `meta.studio` (its node's registry).
 */

const studioByContext = new WeakMap<object, boolean>();

/** Whether the node's credential points at a self-hosted Coze Studio (read once per node run, no request). */
export async function isCozeStudio(ctx: CozeContext): Promise<boolean> {
	const known = studioByContext.get(ctx);
	if (known !== undefined) return known;
	let studio = false;
	try {
		const credentials = (await ctx.getCredentials(CREDENTIAL_TYPE_BY_AUTHENTICATION[authenticationOf(ctx)], 0)) as ICredentialDataDecryptedObject;
		studio = credentials.region === 'custom' && credentials.server === 'studio';
	} catch {
		studio = false;
	}
	studioByContext.set(ctx, studio);
	return studio;
}

/** The error for an operation Studio does not have (`what`: as the menus name it), raised before any request. */
export function studioUnavailableError(node: INode, what: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, `${what} is not available on Coze Studio`, {
		itemIndex,
		description:
			"The credential's Server is Coze Studio, whose OpenAPI has no endpoint for this. Nothing was sent. Use a coze.cn or coze.com credential, or set the credential's Server to Coze-Compatible API if your server offers the full Coze OpenAPI.",
	});
}

/** A picker whose list endpoint Studio lacks: one entry saying so, so the user switches to ID entry. */
export function studioPickerResult(): INodeListSearchResult {
	return { results: [{ name: 'Not Available on Coze Studio — Enter the ID', value: '' }] };
}
