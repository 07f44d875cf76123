import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, cozeCredentials } from '../shared/descriptions';
import { operations, router } from './actions/router';
import { searchVoices } from '../shared/listSearch';

export class CozeAudio implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Coze Audio',
		name: 'cozeAudio',
		icon: { light: 'file:../../icons/coze.svg', dark: 'file:../../icons/coze.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { textToSpeech: "Text to Speech", speechToText: "Speech to Text", listVoices: "List Voices", cloneVoice: "Clone Voice" }[$parameter["operation"]] }}',
		description: 'Turn text into speech and speech into text with Coze, list voices and clone a voice from a recording',
		defaults: { name: 'Coze Audio' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: cozeCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Clone Voice',
						value: 'cloneVoice',
						action: 'Clone a voice',
						description: 'Create (or retrain) a custom voice from a recording of one speaker',
					},
					{ name: 'List Voices', value: 'listVoices', action: 'List voices', description: 'List system voices and cloned voices' },
					{
						name: 'Speech to Text',
						value: 'speechToText',
						action: 'Transcribe speech to text',
						description: 'Transcribe an audio file (up to 10 MB) to text',
					},
					{
						name: 'Text to Speech',
						value: 'textToSpeech',
						action: 'Convert text to speech',
						description: 'Speak a text with a Coze voice and get the audio file',
					},
				],
				default: 'textToSpeech',
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { listSearch: { searchVoices } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
