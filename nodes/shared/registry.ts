import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { authenticationProperty } from './descriptions';
import type { Operation } from './router';
import { routeOperation } from './router';

/**
 * The typed operation registry every node is moving to (issue 17; Coze Workflow v2 first): a node declares its
 * resources, each with the operations of its folder's index.ts (`export * as <op> from './<op>.operation'`), and the
 * resource and operation pickers, the subtitle, every field's display options and the router keys all come from that
 * one declaration. An operation file without `meta`, `description` or `execute` is a type error where it is declared.
 */

/**
 * One operation: its fields, what it does per item, and how the operation picker names it. `studio: true` when a
 * self-hosted Coze Studio serves it (coze-studio's router); everything else is refused on Studio before any request.
 */
export interface RegisteredOperation extends Operation {
	meta: { name: string; action: string; description?: string; studio?: boolean };
}

/** A registered operation with the label its errors use (set by fromRegistry). */
export type RoutedOperation = RegisteredOperation & { label: string };

export interface RegisteredResource {
	name: string;
	description: string;
	/** The resource's operations by value (its folder's index.ts). */
	operations: Record<string, RegisteredOperation>;
}

/** Every valid resource / operation pair of a registry, e.g. { resource: 'workflow'; operation: 'getAll' }. */
export type OperationOf<R extends Record<string, RegisteredResource>> = {
	[K in keyof R & string]: { resource: K; operation: keyof R[K]['operations'] & string };
}[keyof R & string];

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The show condition of a resource (none where the node has no Resource picker). */
const resourceShown = (resource: string | undefined) => (resource === undefined ? {} : { resource: [resource] });

/** An operation's fields, shown only for its resource and operation (other show conditions kept). */
function fieldsOf(resource: string | undefined, operation: string, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => ({
		...field,
		displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, ...resourceShown(resource), operation: [operation] } },
	}));
}

/** A resource's operation picker, its operations sorted by name; `defaultOperation` or the first one registered is the default. */
function operationPicker(resource: string | undefined, operations: Record<string, RegisteredOperation>, defaultOperation?: string): INodeProperties {
	const options = Object.entries(operations).map(([value, { meta }]): INodePropertyOptions => {
		const option: INodePropertyOptions = { name: meta.name, value, action: meta.action };
		if (meta.description) option.description = meta.description;
		return option;
	});
	const first = defaultOperation ?? Object.keys(operations)[0];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		...(resource === undefined ? {} : { displayOptions: { show: { resource: [resource] } } }),
		options: options.sort(byName),
		default: first,
	};
}

/** A registry read by a node: its parameters, subtitle, router keys and the execute that routes each item. */
export interface NodeRegistry {
	/** The Authentication picker, the Resource picker (unless the node has none), the operation pickers, every field. */
	properties: INodeProperties[];
	subtitle: string;
	/** `resource.operation` → operation. */
	operationsByKey: Record<string, RoutedOperation>;
	defaultResource: string;
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

export interface RegistryOptions {
	/**
	 * false for a node with one resource whose stored workflows have no `resource` parameter (it was built without
	 * one): no Resource picker; the router reads the resource as the default.
	 */
	resourcePicker?: boolean;
	/** A resource's default operation where it is not the first registered (the stored default stays the default). */
	defaultOperations?: Record<string, string>;
}

/**
 * What a node needs from its registry: `properties` (Authentication, the Resource picker, one operation picker per
 * resource, then every operation's fields), `subtitle` (the picked operation's name), `operationsByKey`
 * (`resource.operation` → handler) and `execute` (the shared router over those keys: an unknown pair is an error,
 * never a fallback).
 */
export function fromRegistry<R extends Record<string, RegisteredResource>>(
	resources: R,
	defaultResource: keyof R & string,
	options: RegistryOptions = {},
): NodeRegistry {
	const entries = Object.entries(resources) as Array<[string, RegisteredResource]>;
	const picker = options.resourcePicker !== false;
	if (!picker && entries.length !== 1) throw new Error('A node without a Resource picker registers exactly one resource');
	const shownFor = (resource: string) => (picker ? resource : undefined);
	// Each operation with the label its errors use: "Message → Get Many", or "Send Message" without a Resource picker.
	const operationsByKey: Record<string, RoutedOperation> = Object.fromEntries(
		entries.flatMap(([resource, { name, operations }]) =>
			Object.entries(operations).map(([operation, handler]) => [
				`${resource}.${operation}`,
				{ ...handler, label: picker ? `${name} → ${handler.meta.name}` : handler.meta.name },
			]),
		),
	);
	const names = Object.fromEntries(
		entries.flatMap(([resource, { operations }]) =>
			Object.entries(operations).map(([operation, { meta }]) => [picker ? `${resource}.${operation}` : operation, meta.name]),
		),
	);
	const subtitle = picker
		? `={{ ${JSON.stringify(names)}[$parameter["resource"] + "." + $parameter["operation"]] }}`
		: `={{ ${JSON.stringify(names)}[$parameter["operation"]] }}`;
	const resourcePicker: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: entries.map(([value, { name, description }]): INodePropertyOptions => ({ name, value, description })).sort(byName),
		default: defaultResource,
	};
	const properties: INodeProperties[] = [
		authenticationProperty,
		...(picker ? [resourcePicker] : []),
		...entries.map(([resource, { operations }]) => operationPicker(shownFor(resource), operations, options.defaultOperations?.[resource])),
		...entries.flatMap(([resource, { operations }]) =>
			Object.entries(operations).flatMap(([operation, { description }]) => fieldsOf(shownFor(resource), operation, description)),
		),
	];
	async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperation.call(this, operationsByKey, defaultResource);
	}
	return { properties, subtitle, operationsByKey, defaultResource, execute };
}
