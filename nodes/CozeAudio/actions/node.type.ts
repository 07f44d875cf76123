import type { OperationOf, RegisteredResource } from '../../shared/registry';
import { fromRegistry } from '../../shared/registry';
import * as audio from './audio';

/** The one registry of Coze Audio: one resource, no Resource picker (stored workflows have none). */
export const resources = {
	audio: { name: 'Audio', description: 'Speech, transcription and voices', operations: audio },
} satisfies Record<string, RegisteredResource>;

export type CozeAudioType = OperationOf<typeof resources>;

export const { properties, subtitle, execute } = fromRegistry(resources, 'audio', {
	resourcePicker: false,
	defaultOperations: { audio: 'textToSpeech' },
});
