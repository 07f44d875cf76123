import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialSecrets } from './errors';
import { DEFAULT_CONCURRENCY, runItems } from './items';
import { nodeOf, parameterOf } from './params';
import { isCozeStudio, studioUnavailableError } from './studio';
import { CREDENTIAL_TYPE_BY_AUTHENTICATION, authenticationOf } from './transport';

/** One operation of a node: its parameters and what it does for one input item. */
export type Operation = {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
};

/** The credential's secret values, read only when an error has to be cleaned before it leaves the node. */
async function secretsOf(ctx: IExecuteFunctions): Promise<string[]> {
	try {
		return credentialSecrets((await ctx.getCredentials(CREDENTIAL_TYPE_BY_AUTHENTICATION[authenticationOf(ctx)], 0)) as IDataObject);
	} catch {
		return [];
	}
}

/**
 * Runs the selected operation for every input item: bounded concurrency (Options → Concurrency), order and
 * pairedItem kept, continueOnFail items with code and log id, and no credential secret in any error or item; on a Coze
 * Studio credential, operations Studio lacks (no `meta.studio`) fail at once, before any request.
 * `operations` is a node's registry (shared/registry.ts), keyed by `resource.operation`; a node without a Resource
 * picker is read as its `defaultResource`. An unknown pair is an error, never a fallback.
 */
export async function routeOperation(
	this: IExecuteFunctions,
	operations: Record<string, Operation & { meta: { studio?: boolean }; label: string }>,
	defaultResource: string,
): Promise<INodeExecutionData[][]> {
	const key = `${parameterOf(this, 'resource', 0, defaultResource) as string}.${parameterOf(this, 'operation', 0, '') as string}`;
	const handler = operations[key];
	if (!handler) throw new NodeOperationError(nodeOf(this), `The operation "${key}" is not supported`);
	// Coze Studio lacks most of Coze's OpenAPI: refuse what it does not serve before any request (each item, so that
	// continueOnFail still yields one error item per input).
	const unavailable = handler.meta.studio !== true && (await isCozeStudio(this));
	const raw = parameterOf(this, 'options.concurrency', 0, DEFAULT_CONCURRENCY);
	const concurrency = Number.isInteger(raw) && (raw as number) >= 1 ? (raw as number) : DEFAULT_CONCURRENCY;
	return [
		await runItems(
			this,
			async (itemIndex) => {
				if (unavailable) throw studioUnavailableError(nodeOf(this), `"${handler.label}"`, itemIndex);
				return await handler.execute.call(this, itemIndex);
			},
			concurrency,
			async () => await secretsOf(this),
		),
	];
}
