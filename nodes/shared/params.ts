import type { IDataObject, IExecuteFunctions, IGetNodeParameterOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Validated parameter reads, so every node refuses bad input the same way, naming the field and the item, instead of
 * sending something Coze would misread: a 19-digit ID given as a number (rounded by JavaScript), an object where text
 * is expected (`[object Object]`), an empty expression (`undefined`), a negative timeout, a zero limit.
 */

type Ctx = Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'>;
/** What pure value checks need: only the node, for the error (pollers and execute contexts alike). */
type NodeCtx = { getNode(): INode };

function fail(ctx: NodeCtx, itemIndex: number, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** Per node run (one context per run, shared by its items): the node, and the parameters that cannot vary per item. */
const perRun = new WeakMap<object, { node: INode; values: Map<string, unknown> }>();

function runOf(ctx: NodeCtx): { node: INode; values: Map<string, unknown> } {
	let run = perRun.get(ctx);
	if (!run) perRun.set(ctx, (run = { node: ctx.getNode(), values: new Map() }));
	return run;
}

/** The node of this run, copied once (n8n's getNode() is a deep copy on every call); callers must not change it. */
export function nodeOf(ctx: NodeCtx): INode {
	return runOf(ctx).node;
}

/** A parameter as stored in the workflow (expressions unresolved). */
function storedParameter(node: INode, name: string): unknown {
	let stored: unknown = node.parameters;
	for (const key of name.split('.')) stored = (stored as IDataObject | undefined)?.[key];
	return stored;
}

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * `getNodeParameter`, read once per node run when the stored value holds no expression anywhere (it is then the same
 * for every item; n8n resolves, copies and cleans it on every call), per item otherwise. The value is shared by the
 * items: callers must not change it. A read that throws is not kept.
 */
export function parameterOf(ctx: Ctx, name: string, itemIndex: number, fallback: unknown, options?: IGetNodeParameterOptions): unknown {
	const run = runOf(ctx);
	if (holdsExpression(storedParameter(run.node, name))) return ctx.getNodeParameter(name, itemIndex, fallback, options);
	const key = `${name}\u0000${options?.extractValue === true}`;
	if (run.values.has(key)) return run.values.get(key);
	const value = ctx.getNodeParameter(name, itemIndex, fallback, options) as unknown;
	run.values.set(key, value);
	return value;
}

/** The text of an ID-like value (plain, or a resource locator's value), or '' when empty. */
export function idText(ctx: NodeCtx, value: unknown, label: string, itemIndex: number): string {
	if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) value = (value as IDataObject).value;
	if (value === undefined || value === null) return '';
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value)) {
			throw fail(
				ctx,
				itemIndex,
				`${label} was given as a number and lost precision (${String(value)})`,
				`Coze IDs are longer than JavaScript numbers can hold exactly. Pass the ID as text, e.g. {{ String($json.id) }} or "${String(value)}" in quotes from the source.`,
			);
		}
		return String(value);
	}
	if (typeof value === 'object') throw fail(ctx, itemIndex, `${label} must be text, not ${Array.isArray(value) ? 'a list' : 'an object'}`);
	const text = String(value).trim();
	if (text === 'undefined' || text === 'null' || text === '[object Object]') {
		throw fail(ctx, itemIndex, `${label} is "${text}"`, 'The expression for it produced no value. Check the field it reads from the input item.');
	}
	return text;
}

/** A parameter's value with a resource locator's extraction applied; the raw value where there is none to apply. */
function locatorValue(ctx: Ctx, name: string, itemIndex: number): unknown {
	if (typeof storedParameter(nodeOf(ctx), name) !== 'object') {
		// Text or an expression (e.g. an ID from $json): extraction (resource locator modes) changes only a locator
		// object, and n8n's costs a search through the node's properties on every read, so it is asked for only when
		// the value turns out to be one.
		const value = parameterOf(ctx, name, itemIndex, '');
		if (value === null || typeof value !== 'object') return value;
	}
	try {
		return parameterOf(ctx, name, itemIndex, '', { extractValue: true });
	} catch {
		// n8n cannot extract a value for parameters it has no description of (e.g. fields older versions stored).
		return parameterOf(ctx, name, itemIndex, '');
	}
}

/**
 * A required ID: text, a safe number, or a resource locator's value — with the mode's extraction applied (a pasted
 * URL gives its ID), so every picker and every plain ID field reads the same way.
 */
export function requiredId(ctx: Ctx, name: string, itemIndex: number, label: string): string {
	const text = idText(ctx, locatorValue(ctx, name, itemIndex), label, itemIndex);
	if (!text) throw fail(ctx, itemIndex, `${label} is required`, `It is empty for this item (an expression may have produced no value).`);
	return text;
}

/** An optional ID (as requiredId): '' when left empty. */
export function optionalId(ctx: Ctx, name: string, itemIndex: number, label: string): string {
	return idText(ctx, locatorValue(ctx, name, itemIndex), label, itemIndex);
}

/**
 * Text for Coze. An object or list where text is expected is sent as its JSON text when `objectsAsJson` (a message's
 * content, a variable's value: what a user who maps a whole object means); otherwise it is refused.
 */
export function textValue(
	ctx: NodeCtx,
	value: unknown,
	label: string,
	itemIndex: number,
	options: { required?: boolean; objectsAsJson?: boolean } = {},
): string {
	let text: string;
	if (value === undefined || value === null) text = '';
	else if (typeof value === 'object') {
		if (!options.objectsAsJson) throw fail(ctx, itemIndex, `${label} must be text, not ${Array.isArray(value) ? 'a list' : 'an object'}`);
		text = JSON.stringify(value);
	} else text = String(value);
	if (options.required && !text.trim())
		throw fail(ctx, itemIndex, `${label} is required`, `It is empty for this item (an expression may have produced no value).`);
	return text;
}

export function textParameter(
	ctx: Ctx,
	name: string,
	itemIndex: number,
	label: string,
	options: { required?: boolean; objectsAsJson?: boolean } = {},
): string {
	return textValue(ctx, parameterOf(ctx, name, itemIndex, ''), label, itemIndex, options);
}

/** A number within bounds (integers only unless `fractional`), with a clear error otherwise. */
export function numberValue(
	ctx: NodeCtx,
	value: unknown,
	label: string,
	itemIndex: number,
	bounds: { min?: number; max?: number; fractional?: boolean },
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || (!bounds.fractional && !Number.isInteger(number))) {
		throw fail(ctx, itemIndex, `${label} must be ${bounds.fractional ? 'a number' : 'a whole number'}, got ${JSON.stringify(value)}`);
	}
	if ((bounds.min !== undefined && number < bounds.min) || (bounds.max !== undefined && number > bounds.max)) {
		const allowed =
			bounds.max === undefined
				? `at least ${bounds.min}`
				: bounds.min === undefined
					? `at most ${bounds.max}`
					: `between ${bounds.min} and ${bounds.max}`;
		throw fail(ctx, itemIndex, `${label} must be ${allowed}, got ${number}`);
	}
	return number;
}

export function numberParameter(
	ctx: Ctx,
	name: string,
	itemIndex: number,
	label: string,
	fallback: number,
	bounds: { min?: number; max?: number; fractional?: boolean },
): number {
	return numberValue(ctx, parameterOf(ctx, name, itemIndex, fallback), label, itemIndex, bounds);
}

/** A list parameter: splits "a, b\nc" (or an array from an expression) into trimmed non-empty strings. */
export function idList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(/[,\n]/);
	return parts.map((part) => String(part ?? '').trim()).filter((part) => part !== '');
}

/** The Limit to page up to, or undefined for Return All. */
export function limitOf(ctx: Ctx, itemIndex: number): number | undefined {
	if (parameterOf(ctx, 'returnAll', itemIndex, false) === true) return undefined;
	return numberParameter(ctx, 'limit', itemIndex, 'Limit', 50, { min: 1 });
}

/** A choice of an options parameter, checked against the values the field offers (an expression can give anything). */
export function optionParameter<T extends string>(ctx: Ctx, name: string, itemIndex: number, label: string, allowed: readonly T[], fallback: T): T {
	const value = parameterOf(ctx, name, itemIndex, fallback);
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw fail(ctx, itemIndex, `${label} must be one of ${allowed.map((choice) => `"${choice}"`).join(', ')}, got ${JSON.stringify(value)}`);
}

/** A boolean parameter; "true" / "false" from an expression count, anything else is refused. */
export function booleanParameter(ctx: Ctx, name: string, itemIndex: number, label: string, fallback: boolean): boolean {
	const value = parameterOf(ctx, name, itemIndex, fallback);
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw fail(ctx, itemIndex, `${label} must be true or false, got ${JSON.stringify(value)}`);
}

/** A collection (Options, Filters, Update Fields, a fixed collection): an object, {} when unset. Shared: do not change it. */
export function collectionParameter(ctx: Ctx, name: string, itemIndex: number): IDataObject {
	const value = parameterOf(ctx, name, itemIndex, {});
	if (value === undefined || value === null || value === '') return {};
	if (typeof value !== 'object' || Array.isArray(value))
		throw fail(ctx, itemIndex, `${name} must be a collection of fields, got ${JSON.stringify(value)}`);
	return value as IDataObject;
}

/** The contexts without items (poll, webhook, trigger, load options): `getNodeParameter(name, fallback, options)`. */
type NoItemCtx = { getNode(): INode; getNodeParameter(name: string, fallback?: unknown, options?: IGetNodeParameterOptions): unknown };

/** A parameter of a context without items (a trigger's poll or webhook): as stored, expressions resolved. */
export function nodeParameter(ctx: NoItemCtx, name: string, fallback: unknown, options?: IGetNodeParameterOptions): unknown {
	return ctx.getNodeParameter(name, fallback, options);
}

/** An ID of a context without items (a picker's value with its mode's extraction applied), '' when empty. */
export function nodeId(ctx: NoItemCtx, name: string, label: string): string {
	return idText(ctx, nodeParameter(ctx, name, '', { extractValue: true }), label, 0);
}

/**
 * A parameter that is the same for the whole node (the authentication choice) in any context: item 0 where the
 * context has items, the context's own read where it has none (poll, webhook, trigger, load options, and n8n's
 * single-item context, which has getItemIndex instead).
 */
export function nodeLevelParameter(ctx: Ctx | NoItemCtx, name: string, fallback: unknown): unknown {
	const perItem = 'getInputData' in ctx && !('getItemIndex' in ctx);
	return perItem ? (ctx as Ctx).getNodeParameter(name, 0, fallback) : (ctx as NoItemCtx).getNodeParameter(name, fallback);
}

/**
 * A required ID Coze takes as digits only (a bot, a template, a custom channel): read as requiredId, and refused
 * before any request when it is not a number. `noun` as it reads inside a sentence, e.g. 'bot ID'.
 */
export function numericId(ctx: Ctx, name: string, itemIndex: number, noun: string): string {
	const id = requiredId(ctx, name, itemIndex, `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`);
	if (!/^\d+$/.test(id)) throw fail(ctx, itemIndex, `"${id}" is not a ${noun} (${noun}s are numbers)`);
	return id;
}

/** The editor's contexts (resource mappers, list searches): the parameters as the editor holds them now, unsaved. */
type EditorCtx = { getNode(): INode; getCurrentNodeParameter(name: string, options?: IGetNodeParameterOptions): unknown };

/**
 * A parameter as the editor holds it now. `extract` applies a picker's mode (a pasted URL gives its ID); n8n's
 * extraction fails for a parameter the node does not have, so only pickers ask for it.
 */
export function currentParameter(ctx: EditorCtx, name: string, extract = true): unknown {
	return ctx.getCurrentNodeParameter(name, extract ? { extractValue: true } : undefined);
}

/** An ID as the editor holds it now (as nodeId), '' when empty. */
export function currentId(ctx: EditorCtx, name: string, label: string): string {
	return idText(ctx, currentParameter(ctx, name), label, 0);
}
