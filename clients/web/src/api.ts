// The HTTP side of OpenPlay: every call sends the player's Firebase ID token, answers are JSON,
// and errors arrive in Google's error shape (docs/api.md, "Errors").

/** An OpenPlay call that failed: the HTTP status and the message, which names the field and rule. */
export class OpenPlayError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The field or rule the server blamed (Google's `errors[0].location`), when it named one. */
    readonly location?: string,
    /** How long the server asked the caller to wait before trying again (its Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "OpenPlayError";
  }

  /** Whether the same call may succeed later: the server or the network was unavailable. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 503 || this.status === 429;
  }
}

export type TokenSource = () => Promise<string>;

/**
 * The longest a call waits before sending itself again. A server that asks for longer (a 429's
 * window) gets the error back at once: the game, not the call, decides whether to wait that long.
 */
const MAX_RETRY_WAIT_MS = 5000;

export interface CallOptions {
  /** How many times to send a call again after a retryable failure (for idempotent calls). */
  retries?: number;
}

/** Api calls one OpenPlay deployment (the dev server or the API Gateway) as the signed-in player. */
export class Api {
  /** The newest token seen (the last call's, or rememberToken's), for send: a page going away cannot wait for one. */
  private lastToken?: string;

  constructor(
    private readonly base: string,
    private readonly token: TokenSource,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async call<T>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<T> {
    const retries = options.retries ?? 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(method, path, body);
      } catch (err) {
        if (!(err instanceof OpenPlayError) || !err.retryable || attempt >= retries) throw err;
        const wait = Math.max(err.retryAfterMs ?? 0, Math.min(2000, 100 * 2 ** attempt));
        if (wait > MAX_RETRY_WAIT_MS) throw err;
        await this.sleep(wait);
      }
    }
  }

  /** Keeps a token Firebase Auth just refreshed, so that send has one that has not expired. */
  rememberToken(token: string): void {
    this.lastToken = token;
  }

  /**
   * Sends a call now, as the page is going away (pagehide): at once, with the newest token seen,
   * and as a keepalive request, which the browser finishes even after the page is gone. Its
   * answer is not waited for; false if it could not be sent (no token seen yet).
   */
  send(method: string, path: string, body: unknown): boolean {
    if (!this.lastToken) return false;
    this.fetchImpl(this.url(path), { ...this.init(method, this.lastToken, body), keepalive: true }).catch(() => undefined);
    return true;
  }

  private url(path: string): string {
    return `${this.base}${path}${path.includes("?") ? "&" : "?"}prettyPrint=false`;
  }

  private init(method: string, token: string, body: unknown): RequestInit {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  }

  private async once<T>(method: string, path: string, body: unknown): Promise<T> {
    const token = await this.token();
    this.lastToken = token;
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(path), this.init(method, token, body));
    } catch (err) {
      throw new OpenPlayError(0, `${method} ${path}: ${String(err)}`);
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      let location: string | undefined;
      try {
        const e = JSON.parse(text).error;
        message = e.message;
        location = e.errors?.[0]?.location || undefined;
      } catch {
        // not Google's error shape: keep the body as the message
      }
      const retryAfter = Number(res.headers.get("Retry-After") ?? NaN); // seconds; an HTTP date is not sent
      throw new OpenPlayError(res.status, `${method} ${path}: ${res.status} ${message}`, location,
        Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined);
    }
    return JSON.parse(text) as T;
  }
}
