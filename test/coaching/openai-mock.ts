// nock helpers for the OpenAI chat completions API: JSON and SSE replies, captured request bodies.
import nock from 'nock';

export const BASE_URL = 'https://llm.test/v1';

export interface CapturedBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  response_format?: { type: string; json_schema?: { name: string; schema: Record<string, unknown> } };
  tools?: unknown;
  [key: string]: unknown;
}

export function completion(content: string, usage = { prompt_tokens: 900, completion_tokens: 100, total_tokens: 1000 }) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage,
  };
}

/** An SSE body streaming `pieces` as deltas, then usage, then [DONE]. */
export function sse(pieces: string[], usage = { prompt_tokens: 900, completion_tokens: 50, total_tokens: 950 }): string {
  const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
  return [
    chunk({ role: 'assistant', content: '' }),
    ...pieces.map((p) => chunk({ content: p })),
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [], usage })}\n\n`,
    'data: [DONE]\n\n',
  ].join('');
}

/** Intercepts one chat completion on `base`; the parsed request body lands in `bodies`. */
export function interceptChat(
  bodies: CapturedBody[],
  reply: { status?: number; json?: unknown; sse?: string; delayMs?: number; headers?: Record<string, string> },
  base = BASE_URL,
): nock.Scope {
  const url = new URL(base);
  let interceptor = nock(url.origin).post(`${url.pathname.replace(/\/$/, '')}/chat/completions`, (body: CapturedBody) => {
    bodies.push(body);
    return true;
  });
  if (reply.delayMs) interceptor = interceptor.delay(reply.delayMs);
  if (reply.sse !== undefined) return interceptor.reply(reply.status ?? 200, reply.sse, { 'Content-Type': 'text/event-stream', ...reply.headers });
  return interceptor.reply(reply.status ?? 200, (reply.json ?? {}) as nock.Body, { 'Content-Type': 'application/json', ...reply.headers });
}

/** Everything a request body carries, as one string, for "is X absent" checks. */
export const bodyText = (b: CapturedBody): string => JSON.stringify(b);
