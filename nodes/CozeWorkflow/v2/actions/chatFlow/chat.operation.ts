/** Version 1's Chat With Chat Flow under version 2's resources: the same fields and execution (display options come from the registry). */
export { description, execute } from '../../../actions/chat.operation';

export const meta = {
	name: 'Chat With Chat Flow',
	action: 'Chat with a chat flow',
	description: 'Send a message to a published chat flow and get its answer',
};
