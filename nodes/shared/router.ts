import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialSecrets } from './errors';
import { DEFAULT_CONCURRENCY, runItems } from './items';
import { isCozeStudio, nodeTypeName, studioServes, studioUnavailableError } from './studio';
import { CREDENTIAL_TYPE_BY_AUTHENTICATION, authenticationOf } from './transport';

/** One operation of a node: its parameters and what it does for one input item. */
export type Operation = {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;
};

/**
 * The Concurrency entry every operation's Options collection carries (n8n users look for batching under Options).
 * The router reads `options.concurrency`.
 */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many input items are sent to Coze at the same time (order and pairing are kept)',
};

/** An Options collection holding only Concurrency, for operations that have no other options. */
export function concurrencyOptions(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [concurrencyOption],
	};
}

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
 * Studio credential, operations Studio lacks fail at once (studio.ts).
 * `operations` is keyed by operation, or by `resource.operation` for nodes with resources.
 */
export async function routeOperation(this: IExecuteFunctions, operations: Record<string, Operation>): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const resource = this.getNodeParameter('resource', 0, '') as string;
	const key = resource && operations[`${resource}.${operation}`] ? `${resource}.${operation}` : operation;
	const handler = operations[key];
	if (!handler) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	// Coze Studio lacks most of Coze's OpenAPI: refuse what it does not serve before any request (each item, so that
	// continueOnFail still yields one error item per input).
	const unavailable = !studioServes(nodeTypeName(this.getNode()), key) && (await isCozeStudio(this));
	const raw = this.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as unknown;
	const concurrency = Number.isInteger(raw) && (raw as number) >= 1 ? (raw as number) : DEFAULT_CONCURRENCY;
	return [
		await runItems(
			this,
			async (itemIndex) => {
				if (unavailable) throw studioUnavailableError(this.getNode(), key, itemIndex);
				return await handler.execute.call(this, itemIndex);
			},
			concurrency,
			async () => await secretsOf(this),
		),
	];
}
