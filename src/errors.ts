// The small set of typed errors every layer throws; src/core/errorReply.ts maps them to localized replies in one place.

/** Bad input from a person (a malformed number, an impossible target). `key` is an i18n message key. */
export class UserInputError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'UserInputError';
  }
}

/** The actor's role or tenant does not allow this read or write. */
export class NotAllowedError extends Error {
  constructor(
    readonly key: string = 'error.not_allowed',
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'NotAllowedError';
  }
}

/** A dependency (Redis, the LLM, Slack, Teams) failed or timed out. */
export class UpstreamError extends Error {
  /**
   * True when the request may have reached the service before the failure (a timeout, a connection that
   * dropped mid-flight): a write may have landed. False when it certainly did not (never sent, or the
   * service answered with an error).
   */
  readonly maybeApplied: boolean;

  constructor(
    readonly service: 'redis' | 'llm' | 'slack' | 'teams',
    readonly key: string = 'error.upstream',
    options?: { cause?: unknown; maybeApplied?: boolean },
  ) {
    super(`${service}: ${key}`, options);
    this.name = 'UpstreamError';
    this.maybeApplied = options?.maybeApplied ?? false;
  }
}
