// The Slack channel's public surface: the Bolt app factory, the renderer, and the proactive channel.
export { createSlackApp, normalizeApiUrl, SLACK_EVENTS_PATH, SLACK_INSTALL_PATH, SLACK_OAUTH_REDIRECT_PATH } from './app';
export type { CreateSlackAppOptions, SlackAppHandle } from './app';
export { SlackRenderer } from './blocks';
export type { RenderedMessage, RenderOptions } from './blocks';
export { checkBlockLimits, LIMITS } from './limits';
export { SlackProactiveChannel } from './proactive';
export type { SlackProactiveOptions } from './proactive';
export { StoreInstallationStore } from './installation-store';
export { BOT_SCOPES } from './scopes';
export { buildModal } from './modals';
export type { SlackConfig, SlackLogger } from './types';
