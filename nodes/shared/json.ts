import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A JSON parameter that may arrive as text or as an already-parsed value (expressions); empty → fallback. */
export function parseJsonParameter<T>(
	ctx: IExecuteFunctions,
	value: unknown,
	name: string,
	itemIndex: number,
	fallback: T,
): T {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value !== 'string') return value as T;
	try {
		return JSON.parse(value) as T;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `${name} is not valid JSON: ${(error as Error).message}`, { itemIndex });
	}
}
