import type { INodeProperties } from 'n8n-workflow';
import { listMode } from '../../shared/descriptions';

/** Voice picker: voices from List Voices (GET /v1/audio/voices), or a voice ID. */
export const voiceLocator: INodeProperties = {
	displayName: 'Voice',
	name: 'voiceId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'Voice to speak with (system voices and voices cloned in your workspaces)',
	modes: [
		listMode('searchVoices'),
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 7426720361733046281',
			validation: [{ type: 'regex', properties: { regex: '^\\S+$', errorMessage: 'A voice ID has no spaces' } }],
		},
	],
};
