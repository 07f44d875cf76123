import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { CozeAudio } from '../../nodes/CozeAudio/CozeAudio.node';
import { CozeBot } from '../../nodes/CozeBot/CozeBot.node';
import { CozeCallbackTrigger } from '../../nodes/CozeCallbackTrigger/CozeCallbackTrigger.node';
import { CozeChat } from '../../nodes/CozeChat/CozeChat.node';
import { CozeConversation } from '../../nodes/CozeConversation/CozeConversation.node';
import { CozeDataset } from '../../nodes/CozeDataset/CozeDataset.node';
import { CozeFile } from '../../nodes/CozeFile/CozeFile.node';
import { CozePlugin } from '../../nodes/CozePlugin/CozePlugin.node';
import { CozeVariable } from '../../nodes/CozeVariable/CozeVariable.node';
import { CozeWorkflow } from '../../nodes/CozeWorkflow/CozeWorkflow.node';
import { CozeWorkflowTrigger } from '../../nodes/CozeWorkflowTrigger/CozeWorkflowTrigger.node';
import { CozeWorkspace } from '../../nodes/CozeWorkspace/CozeWorkspace.node';

/**
 * What stored workflows depend on, per node version and per resource / operation: which parameters exist, their
 * types, defaults and choices, and when they show. n8n saves only the parameters that differ from their defaults, so
 * a changed default, a renamed value or a field that no longer shows changes what a stored workflow does. Moving
 * code between files must leave this surface exactly as it is (test/compat/parameters.json; after an intended
 * change: UPDATE_SURFACE=1 npx jest test/unit/parameter-surface.test.ts, and say why in the commit).
 */
const ROOT = join(__dirname, '..', '..');
const SNAPSHOT = join(ROOT, 'test', 'compat', 'parameters.json');
const NODES: Record<string, new () => INodeType | CozeWorkflow> = {
	CozeAudio,
	CozeBot,
	CozeCallbackTrigger,
	CozeChat,
	CozeConversation,
	CozeDataset,
	CozeFile,
	CozePlugin,
	CozeVariable,
	CozeWorkflow,
	CozeWorkflowTrigger,
	CozeWorkspace,
};

type Show = Record<string, unknown[]>;
type Surface = Record<string, unknown>;

function descriptionsOf(folder: string): INodeTypeDescription[] {
	const node = new NODES[folder]() as unknown as INodeType & { nodeVersions?: Record<string, INodeType> };
	return node.nodeVersions ? Object.values(node.nodeVersions).map((version) => version.description) : [node.description];
}

const sorted = (values: unknown[]) => [...values].map((value) => JSON.stringify(value)).sort();

/** Whether a field shows for this resource / operation (other conditions are kept as part of the field). */
function showsFor(property: INodeProperties, resource: string | undefined, operation: string | undefined): boolean {
	const show = (property.displayOptions?.show ?? {}) as Show;
	const hide = (property.displayOptions?.hide ?? {}) as Show;
	if (resource !== undefined && show.resource && !show.resource.includes(resource)) return false;
	if (operation !== undefined && show.operation && !show.operation.includes(operation)) return false;
	if (resource !== undefined && hide.resource?.includes(resource)) return false;
	if (operation !== undefined && hide.operation?.includes(operation)) return false;
	return true;
}

function otherConditions(conditions: Show | undefined): Record<string, string[]> | undefined {
	if (!conditions) return undefined;
	const rest = Object.entries(conditions).filter(([key]) => key !== 'resource' && key !== 'operation');
	return rest.length
		? Object.fromEntries(rest.map(([key, values]) => [key, sorted(values)]).sort(([a], [b]) => String(a).localeCompare(String(b))))
		: undefined;
}

/** One field as a stored workflow sees it: name, type, default, choices (and their nested fields), extra conditions. */
function fieldSurface(property: INodeProperties | INodePropertyCollection): Surface {
	if (!('type' in property)) {
		// A fixed collection's group.
		return { name: property.name, values: property.values.map(fieldSurface) };
	}
	const surface: Surface = { name: property.name, type: property.type, default: property.default };
	if (property.required) surface.required = true;
	const show = otherConditions(property.displayOptions?.show as Show | undefined);
	const hide = otherConditions(property.displayOptions?.hide as Show | undefined);
	if (show) surface.show = show;
	if (hide) surface.hide = hide;
	if (property.options) {
		surface.options = property.options
			.map((option) =>
				'value' in option ? { value: (option as INodePropertyOptions).value } : fieldSurface(option as INodeProperties | INodePropertyCollection),
			)
			.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
	}
	if (property.type === 'resourceLocator') surface.modes = (property.modes ?? []).map((mode) => mode.name).sort();
	return surface;
}

function surfaceOf(description: INodeTypeDescription): Surface {
	const properties = description.properties;
	const resourceField = properties.find((property) => property.name === 'resource');
	const resources = resourceField ? (resourceField.options as INodePropertyOptions[]).map((option) => String(option.value)) : [undefined];
	const byOperation: Surface = {};
	for (const resource of resources) {
		const operationField = properties.find((property) => property.name === 'operation' && showsFor(property, resource, undefined));
		const operations = operationField ? (operationField.options as INodePropertyOptions[]).map((option) => String(option.value)) : [undefined];
		for (const operation of operations) {
			const fields = properties
				.filter((property) => property.name !== 'resource' && property.name !== 'operation' && showsFor(property, resource, operation))
				.map(fieldSurface)
				.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
			byOperation[[resource, operation].filter((part) => part !== undefined).join('.') || '(node)'] = fields;
		}
	}
	const operationDefaults = Object.fromEntries(
		resources.map((resource) => [
			resource ?? '(node)',
			properties.find((property) => property.name === 'operation' && showsFor(property, resource, undefined))?.default,
		]),
	);
	return {
		name: description.name,
		version: description.version,
		resourceDefault: resourceField?.default,
		operationDefaults,
		credentials: (description.credentials ?? []).map((credential) => credential.name),
		byOperation,
	};
}

describe('parameter surface (what stored workflows depend on)', () => {
	const surfaces = Object.fromEntries(Object.keys(NODES).map((folder) => [folder, descriptionsOf(folder).map(surfaceOf)]));

	it('is unchanged for every node and version', () => {
		if (process.env.UPDATE_SURFACE === '1' || !existsSync(SNAPSHOT)) writeFileSync(SNAPSHOT, `${JSON.stringify(surfaces, null, '\t')}\n`);
		expect(surfaces).toEqual(JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
	});

	it('names an operation value once per resource (no two operations answer to the same pair)', () => {
		for (const folder of Object.keys(NODES)) {
			for (const description of descriptionsOf(folder)) {
				for (const operationField of description.properties.filter((property) => property.name === 'operation')) {
					const values = (operationField.options as INodePropertyOptions[]).map((option) => option.value);
					expect({ node: folder, values: new Set(values).size }).toEqual({ node: folder, values: values.length });
				}
			}
		}
	});
});
