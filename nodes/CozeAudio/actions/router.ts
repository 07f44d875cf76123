import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as cloneVoice from './cloneVoice.operation';
import * as listVoices from './listVoices.operation';
import * as speechToText from './speechToText.operation';
import * as textToSpeech from './textToSpeech.operation';

export const operations: Record<string, Operation> = { textToSpeech, speechToText, listVoices, cloneVoice };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, operations);
}
