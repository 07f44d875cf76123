import type { IDataObject, INodeType, INodeTypeDescription, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** Start node of every harness workflow: passes the items put on the execution stack through. */
export class HarnessStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Start',
		name: 'harnessStart',
		group: ['trigger'],
		version: 1,
		description: 'Emits the test input items',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'] as never,
		properties: [],
	};

	async execute(this: import('n8n-workflow').IExecuteFunctions) {
		return [this.getInputData()];
	}
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(nodeTypes: Array<INodeType | IVersionedNodeType>) {
		this.register(new HarnessStart(), 'harness.start');
		// Stand-ins for the node types n8n's CLI uses around credentials (mock node, credential-test noOp).
		this.register(new HarnessStart(), 'mock');
		this.register(new HarnessStart(), 'n8n-nodes-base.noOp');
		for (const nodeType of nodeTypes) this.register(nodeType);
	}

	register(nodeType: INodeType | IVersionedNodeType, typeName?: string) {
		const name = typeName ?? `n8n-nodes-coze-api.${nodeType.description.name}`;
		this.types.set(name, nodeType);
	}

	getByName(nodeType: string) {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
