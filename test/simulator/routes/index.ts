import type { Simulator } from '../index';
import { registerAppRoutes } from './apps';
import { registerAudioRoutes } from './audio';
import { registerBotRoutes } from './bots';
import { registerCallbackRoutes } from './callbacks';
import { registerChatRoutes } from './chat';
import { registerConversationRoutes } from './conversations';
import { registerDatasetRoutes } from './datasets';
import { registerFileRoutes } from './files';
import { registerPluginRoutes } from './plugins';
import { registerVariableRoutes } from './variables';
import { registerWorkflowRoutes } from './workflows';
import { registerWorkspaceRoutes } from './workspaces';

/** Every API area of the simulator registers its routes here (one module per area). */
export function registerRoutes(sim: Simulator) {
	registerWorkspaceRoutes(sim);
	registerBotRoutes(sim);
	registerFileRoutes(sim);
	registerChatRoutes(sim);
	registerWorkflowRoutes(sim);
	registerVariableRoutes(sim);
	registerConversationRoutes(sim);
	registerDatasetRoutes(sim);
	registerAudioRoutes(sim);
	registerPluginRoutes(sim);
	registerAppRoutes(sim);
	registerCallbackRoutes(sim);
}
