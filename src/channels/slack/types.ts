// Shared shapes of the Slack channel: its configuration, the logger it writes to, and its dependencies.
import type { Engine } from '../../core/engine';
import type { Store } from '../../store/store';
import type { AdmissionOptions } from './admission';

/** A structured logger (pino-compatible: an object of fields, then a message). */
export interface SlackLogger {
  debug(fields: object, msg?: string): void;
  info(fields: object, msg?: string): void;
  warn(fields: object, msg?: string): void;
  error(fields: object, msg?: string): void;
}

export interface SlackConfig {
  signingSecret: string;
  /** Single-workspace bot token (`xoxb-…`). */
  botToken?: string;
  /** OAuth (multi-workspace) credentials; all three enable `/slack/install` and `/slack/oauth_redirect`. */
  clientId?: string;
  clientSecret?: string;
  stateSecret?: string;
  /** INSTALLATION_ENCRYPTION_KEY (32 bytes, base64): OAuth installations' tokens are stored encrypted. */
  installationKey?: string;
  /** App-level token (`xapp-…`): Socket Mode instead of HTTP. */
  appToken?: string;
  /** Web API base URL (SLACK_API_URL), e.g. GovSlack or a test double. Must end with `/api/`. */
  apiUrl?: string;
  /** Proactive posts per second to one channel (SLACK_POSTS_PER_SECOND; default 1). */
  postsPerSecond?: number;
  /** Web API retries of the interactive client (default 3). */
  retries?: number;
  /** Minimum interval between streamed `chat.update`s of one message (default 1000 ms). */
  streamIntervalMs?: number;
  /** An answer not ready after this long gets a "took too long" reply (default 45 s). */
  answerTimeoutMs?: number;
  /** `/coach`: answers ready within this long are returned in the ack itself (default 1,500 ms). */
  ackAnswerMs?: number;
  /** Limits of the queue of answers after `/coach` acks (defaults and their reasons in admission.ts). */
  admission?: AdmissionOptions;
}

export interface SlackDeps {
  engine: Engine;
  store: Store;
  logger: SlackLogger;
  /** The instant a message is answered at (the engine's "now"); tests pass a fixed or shifted clock. */
  clock: () => Date;
}

export const silentLogger: SlackLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
