import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cozeNode } from '../shared/descriptions';
import { searchVoices } from '../shared/listSearch';
import { execute, properties, subtitle } from './actions/node.type';

/** What the node does, as n8n's node panel shows it. */
const DESCRIPTION = 'Turn text into speech and speech into text with Coze, list voices and clone a voice from a recording';

export class CozeAudio implements INodeType {
	description: INodeTypeDescription = {
		...cozeNode('Coze Audio', 'cozeAudio', DESCRIPTION),
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		subtitle,
		usableAsTool: true,
		properties,
	};

	methods = { listSearch: { searchVoices } };

	execute = execute;
}
