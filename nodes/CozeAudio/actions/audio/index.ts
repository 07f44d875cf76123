export * as cloneVoice from './cloneVoice.operation';
export * as listVoices from './listVoices.operation';
export * as speechToText from './speechToText.operation';
export * as textToSpeech from './textToSpeech.operation';
