// LLM client over the `openai` SDK (OpenAI, Azure OpenAI v1 and OpenAI-compatible servers via baseURL):
// chat with optional SSE streaming, structured JSON output validated with zod, and one forced tool choice
// (understanding's layer 4: which intent an unsure message is; the tools take no numbers).
import OpenAI from 'openai';
import { zodFunction } from 'openai/helpers/zod';
import { z } from 'zod';
import { llmLatency, llmTokens } from '../metrics';
import { redact } from './redact';
import { countTokens } from './tokens';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmUsage {
  prompt: number;
  completion: number;
  total: number;
}

export interface LlmResult<T> {
  value: T;
  usage: LlmUsage;
}

/** Receives the answer so far (cumulative text), as it streams. */
export type PartialSink = (partialText: string) => void | Promise<void>;

export interface ChatOptions {
  stream?: PartialSink;
  maxTokens?: number;
  temperature?: number;
}

export interface StructuredOptions {
  /** Schema name sent with response_format (a-z, 0-9, _ and -). */
  name: string;
  maxTokens?: number;
}

export interface ToolSpec {
  name: string;
  description: string;
  parameters: z.ZodObject;
}

export interface ToolChoice {
  name: string;
  arguments: Record<string, unknown>;
}

export interface LlmClient {
  readonly model: string;
  chat(messages: ChatMessage[], opts?: ChatOptions): Promise<LlmResult<string>>;
  structured<S extends z.ZodType>(messages: ChatMessage[], schema: S, opts: StructuredOptions): Promise<LlmResult<z.infer<S>>>;
  /** Embeddings of `texts`, in order (only when an embedding model is configured). */
  embed?(texts: readonly string[], opts: { timeoutMs: number }): Promise<number[][]>;
  /** One call that must pick exactly one of `tools`; its arguments are validated by the tool's schema. */
  pickTool?(messages: ChatMessage[], tools: readonly ToolSpec[], opts: { timeoutMs: number }): Promise<LlmResult<ToolChoice>>;
}

/**
 * The last step before the SDK: every message content is redacted here, whoever built it and whatever
 * path it took (coaching, role-play, huddle, understanding, embeddings). OpenAiLlmClient is the only
 * code that imports the `openai` package (test/coaching/llm-gateway.test.ts checks both).
 */
export function outgoing(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((m) => ({ role: m.role, content: redact(m.content) }));
}

/** The model answered, but not with what was asked (empty text, JSON that fails the schema). */
export class LlmOutputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LlmOutputError';
  }
}

export interface OpenAiLlmOptions {
  apiKey: string;
  /** OpenAI-compatible endpoint; Azure OpenAI: https://<resource>.openai.azure.com/openai/v1/ */
  baseURL?: string;
  model: string;
  /** Per attempt (the SDK's own default is 10 minutes). */
  timeoutMs: number;
  /** SDK retries with backoff on connection errors, 408/409/429 and 5xx (default 2). */
  maxRetries?: number;
  /** `json_schema` (Structured Outputs) or `json_object` for servers without schema support. */
  responseFormat?: 'json_schema' | 'json_object';
  /** OPENAI_EMBEDDING_MODEL: turns on embedding-based retrieval against the same endpoint. */
  embeddingModel?: string;
}

const DEFAULT_MAX_TOKENS = 800;

/** Counts what a server that reports no usage would have billed, with the same tokenizer as the budget. */
function estimateUsage(messages: ChatMessage[], output: string): LlmUsage {
  const prompt = messages.reduce((sum, m) => sum + countTokens(m.content) + 4, 3);
  const completion = countTokens(output);
  return { prompt, completion, total: prompt + completion };
}

function usageOf(
  reported: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null | undefined,
  messages: ChatMessage[],
  output: string,
): LlmUsage {
  if (!reported || typeof reported.prompt_tokens !== 'number') return estimateUsage(messages, output);
  const prompt = reported.prompt_tokens;
  const completion = reported.completion_tokens ?? countTokens(output);
  return { prompt, completion, total: reported.total_tokens ?? prompt + completion };
}

/** JSON Schema for response_format; `$schema` is dropped (some servers reject unknown keywords). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

/** The JSON object in a reply, tolerating ```json fences that local models add. */
export function extractJson(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = (fenced ? fenced[1] : text).trim();
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end <= start) throw new LlmOutputError('no JSON object in the answer');
  try {
    return JSON.parse(body.slice(start, end + 1));
  } catch (error) {
    throw new LlmOutputError('the answer is not valid JSON', { cause: error });
  }
}

export class OpenAiLlmClient implements LlmClient {
  readonly model: string;
  readonly embed?: (texts: readonly string[], opts: { timeoutMs: number }) => Promise<number[][]>;
  private readonly client: OpenAI;
  private readonly timeoutMs: number;
  private readonly responseFormat: 'json_schema' | 'json_object';

  constructor(options: OpenAiLlmOptions) {
    this.model = options.model;
    this.timeoutMs = options.timeoutMs;
    this.responseFormat = options.responseFormat ?? 'json_schema';
    if (options.embeddingModel) {
      const model = options.embeddingModel;
      this.embed = async (texts, opts) => {
        const response = await this.client.embeddings.create({ model, input: texts.map((text) => redact(text)), encoding_format: 'float' }, { timeout: opts.timeoutMs, maxRetries: 0 });
        const vectors = [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
        if (vectors.length !== texts.length) throw new LlmOutputError(`expected ${texts.length} embeddings, got ${vectors.length}`);
        return vectors;
      };
    }
    this.client = new OpenAI({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries ?? 2,
    });
  }

  async chat(original: ChatMessage[], opts: ChatOptions = {}): Promise<LlmResult<string>> {
    const messages = outgoing(original);
    return this.timed(async () => {
      const base = {
        model: this.model,
        messages,
        max_tokens: opts.maxTokens ?? DEFAULT_MAX_TOKENS,
        ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
      };
      if (!opts.stream) {
        const completion = await this.client.chat.completions.create(base);
        const text = completion.choices[0]?.message?.content ?? '';
        if (!text.trim()) throw new LlmOutputError('empty answer');
        return { value: text, usage: usageOf(completion.usage, messages, text) };
      }
      return this.streamChat(base, messages, opts.stream);
    });
  }

  async structured<S extends z.ZodType>(
    original: ChatMessage[],
    schema: S,
    opts: StructuredOptions,
  ): Promise<LlmResult<z.infer<S>>> {
    const messages = outgoing(original);
    return this.timed(async () => {
      const response_format =
        this.responseFormat === 'json_schema'
          ? { type: 'json_schema' as const, json_schema: { name: opts.name, schema: jsonSchemaOf(schema), strict: false } }
          : { type: 'json_object' as const };
      const completion = await this.client.chat.completions.create({
        model: this.model,
        messages,
        max_tokens: opts.maxTokens ?? DEFAULT_MAX_TOKENS,
        temperature: 0,
        response_format,
      });
      const text = completion.choices[0]?.message?.content ?? '';
      const parsed = schema.safeParse(extractJson(text));
      if (!parsed.success) throw new LlmOutputError(`the answer does not match ${opts.name}: ${parsed.error.issues[0]?.message ?? ''}`);
      return { value: parsed.data as z.infer<S>, usage: usageOf(completion.usage, messages, text) };
    });
  }

  async pickTool(original: ChatMessage[], tools: readonly ToolSpec[], opts: { timeoutMs: number }): Promise<LlmResult<ToolChoice>> {
    const messages = outgoing(original);
    return this.timed(async () => {
      // No retries: the person is waiting, and an offline decision is ready.
      const completion = await this.client.chat.completions.create(
        {
          model: this.model,
          messages,
          max_tokens: 60,
          temperature: 0,
          tools: tools.map((tool) => zodFunction({ name: tool.name, description: tool.description, parameters: tool.parameters })),
          tool_choice: 'required',
          parallel_tool_calls: false,
        },
        { timeout: opts.timeoutMs, maxRetries: 0 },
      );
      const call = completion.choices[0]?.message?.tool_calls?.[0];
      const tool = call && call.type === 'function' ? tools.find((t) => t.name === call.function.name) : undefined;
      if (!call || call.type !== 'function' || !tool) throw new LlmOutputError('no valid tool call');
      let raw: unknown;
      try {
        raw = JSON.parse(call.function.arguments || '{}');
      } catch (error) {
        throw new LlmOutputError('tool arguments are not JSON', { cause: error });
      }
      const parsed = tool.parameters.safeParse(raw);
      if (!parsed.success) throw new LlmOutputError(`the arguments do not match ${tool.name}`);
      return { value: { name: tool.name, arguments: parsed.data as Record<string, unknown> }, usage: usageOf(completion.usage, messages, call.function.arguments) };
    });
  }

  // The SDK timeout covers each attempt until the response starts; a stream that stalls afterwards is
  // aborted when no chunk arrives for the same interval.
  private async streamChat(
    base: { model: string; messages: ChatMessage[]; max_tokens: number; temperature?: number },
    messages: ChatMessage[],
    sink: PartialSink,
  ): Promise<LlmResult<string>> {
    const idle = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(new Error('stream stalled')), this.timeoutMs);
    };
    try {
      const stream = await this.client.chat.completions.create(
        { ...base, stream: true, stream_options: { include_usage: true } },
        { signal: idle.signal },
      );
      arm();
      let text = '';
      let reported: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) {
        arm();
        if (chunk.usage) reported = chunk.usage;
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) {
          text += delta;
          try {
            await sink(text);
          } catch {
            // A channel that cannot show partial text still gets the final reply.
          }
        }
      }
      if (!text.trim()) throw new LlmOutputError('empty answer');
      return { value: text, usage: usageOf(reported, messages, text) };
    } finally {
      clearTimeout(timer);
    }
  }

  private async timed<T>(work: () => Promise<LlmResult<T>>): Promise<LlmResult<T>> {
    const started = performance.now();
    try {
      const result = await work();
      llmLatency.observe({ outcome: 'ok' }, (performance.now() - started) / 1000);
      llmTokens.inc({ kind: 'prompt' }, result.usage.prompt);
      llmTokens.inc({ kind: 'completion' }, result.usage.completion);
      return result;
    } catch (error) {
      const outcome = error instanceof LlmOutputError ? 'invalid' : error instanceof OpenAI.APIConnectionTimeoutError ? 'timeout' : 'error';
      llmLatency.observe({ outcome }, (performance.now() - started) / 1000);
      throw error;
    }
  }
}

export interface LlmEnv {
  OPENAI_API_KEY?: string | undefined;
  OPENAI_BASE_URL?: string | undefined;
  OPENAI_MODEL: string;
  OPENAI_TIMEOUT_MS: number;
  OPENAI_EMBEDDING_MODEL?: string | undefined;
}

/** The client the environment configures, or null (offline coach) without an API key. */
export function createLlmClient(env: LlmEnv): LlmClient | null {
  if (!env.OPENAI_API_KEY) return null;
  return new OpenAiLlmClient({
    apiKey: env.OPENAI_API_KEY,
    ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
    model: env.OPENAI_MODEL,
    timeoutMs: env.OPENAI_TIMEOUT_MS,
    ...(env.OPENAI_EMBEDDING_MODEL ? { embeddingModel: env.OPENAI_EMBEDDING_MODEL } : {}),
    // One retry: with the default 8 s per attempt a person waits at most ~17 s before the offline answer.
    maxRetries: 1,
  });
}
