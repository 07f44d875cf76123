export * as getAll from './getAll.operation';
export * as updateCaption from './updateCaption.operation';
