/**
 * One message of the engine's progress stream (`api/types/jsonstream`), Podman's compat stream, or
 * Podman's libpod pull stream (`stream` / `error` / `images` + `id`).
 */
export interface StreamMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  errorDetail?: { code?: number; message?: string };
  error?: string;
  aux?: Record<string, unknown>;
  /** Text lines (builds; Podman's libpod pull). */
  stream?: string;
  /** Podman's libpod pull: the pulled image IDs. */
  images?: string[];
}

/** The largest single message accepted; progress messages are a few hundred bytes. */
const MAX_MESSAGE = 1024 * 1024;

/**
 * Splits concatenated JSON values. Docker separates them with `\r\n`, Podman with `\n`, and nothing
 * promises either, so values are found by tracking brace depth outside strings.
 */
export class JsonValueSplitter {
  private buffer = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private scanned = 0;

  /** Feeds text; returns every complete value it closed. */
  push(text: string): unknown[] {
    this.buffer += text;
    const values: unknown[] = [];
    for (let index = this.scanned; index < this.buffer.length; index++) {
      const char = this.buffer[index];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (char === '\\') this.escaped = true;
        else if (char === '"') this.inString = false;
        continue;
      }
      if (char === '"') this.inString = true;
      else if (char === '{' || char === '[') {
        if (this.depth === 0) this.start = index;
        this.depth++;
      } else if ((char === '}' || char === ']') && this.depth > 0) {
        this.depth--;
        if (this.depth === 0 && this.start >= 0) {
          values.push(JSON.parse(this.buffer.slice(this.start, index + 1)));
          this.start = -1;
        }
      }
    }
    if (this.depth === 0) {
      this.buffer = '';
      this.scanned = 0;
    } else {
      // Keep only the unfinished value.
      this.buffer = this.buffer.slice(this.start);
      this.start = 0;
      this.scanned = this.buffer.length;
      if (this.buffer.length > MAX_MESSAGE) throw new Error('the engine sent a message over 1 MiB');
    }
    return values;
  }

  /** Text left over that never became a value (a truncated stream). */
  get pending(): string {
    return this.depth === 0 ? '' : this.buffer;
  }
}

/** Yields each JSON value of a byte stream as it arrives. */
export async function* readJsonStream(body: AsyncIterable<Uint8Array>): AsyncGenerator<StreamMessage> {
  const decoder = new TextDecoder();
  const splitter = new JsonValueSplitter();
  for await (const chunk of body) {
    for (const value of splitter.push(decoder.decode(chunk, { stream: true })))
      if (value && typeof value === 'object') yield value as StreamMessage;
  }
  for (const value of splitter.push(decoder.decode()))
    if (value && typeof value === 'object') yield value as StreamMessage;
  if (splitter.pending) throw new Error('the engine’s progress stream ended in the middle of a message');
}

/** The failure an engine reports inside a 200 stream (`errorDetail`, or Podman's bare `error`). */
export function streamFailure(message: StreamMessage): string | undefined {
  if (message.errorDetail) return message.errorDetail.message || message.error || 'unknown error';
  if (typeof message.error === 'string' && message.error) return message.error;
  return undefined;
}
