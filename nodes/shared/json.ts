import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Anything that knows its node: execute, single-item (declarative hooks) and poll contexts. */
type NodeContext = { getNode(): INode };

/** A JSON parameter that may arrive as text or as an already-parsed value (expressions); empty → fallback. */
export function parseJsonParameter<T>(ctx: NodeContext, value: unknown, name: string, itemIndex: number | undefined, fallback: T): T {
	if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) return fallback;
	if (typeof value !== 'string') return value as T;
	try {
		return JSON.parse(value) as T;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `${name} is not valid JSON: ${(error as Error).message}`, { itemIndex });
	}
}

/** The same, and it must be a JSON object (or array): a clear error otherwise. Empty → {} (or []). */
export function parseJsonShape<S extends 'object' | 'array'>(
	ctx: NodeContext,
	value: unknown,
	name: string,
	itemIndex: number | undefined,
	shape: S,
	hint = '',
): S extends 'array' ? IDataObject[] : IDataObject {
	const parsed = parseJsonParameter<unknown>(ctx, value, name, itemIndex, shape === 'array' ? [] : {});
	const fits = shape === 'array' ? Array.isArray(parsed) : parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
	if (!fits) throw new NodeOperationError(ctx.getNode(), `${name} must be a JSON ${shape}${hint}`, { itemIndex });
	return parsed as S extends 'array' ? IDataObject[] : IDataObject;
}
