// Typed errors for LINE WORKS API failures. Each carries the HTTP status, LINE WORKS' `code` and
// `description`, the API operation (method + path template, never a token or query secret) and a
// hint saying what the user can do. Resource code branches on the class.

export type ErrorKind =
  | "invalid"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "rate_limited"
  | "server"
  | "network";

export interface ApiErrorInit {
  status?: number;
  code?: string;
  description?: string;
  api: string;
  cause?: string;
  /** The setting of the URL the request went to: a network failure names it. Default `apiUrl`. */
  urlSetting?: "apiUrl" | "authUrl";
}

const HINTS: Record<ErrorKind, string> = {
  invalid: "Fix the field named in the description; `pulumi preview` checks the documented rules before calling the API.",
  unauthorized:
    "Check lineworks:clientId, clientSecret, serviceAccount and privateKey (the key must belong to that service account and app).",
  forbidden:
    "Check that the app has the `directory` scope ticked in the Developer Console (and lineworks:scope requests it), that the feature the API belongs to (positions, levels, user types) is enabled, and that the tenant is not on the Free plan, which cannot write the directory.",
  not_found: "The object does not exist (any more). Run `pulumi refresh` to bring the state up to date.",
  conflict: "Another object already has this name or external key: choose another value, or change that object first.",
  gone: "The object was deleted. Run `pulumi refresh`.",
  rate_limited:
    "The API rate limit was still exceeded after retries. Lower lineworks:requestsPerMinute or run with a smaller --parallel.",
  server: "LINE WORKS reported a temporary server error that persisted through the retries. Run the same command again later.",
  network: "The API could not be reached or the connection dropped. Check lineworks:apiUrl (LINEWORKS_API_URL) and the network, then run again.",
};

const TOKEN_NETWORK_HINT =
  "The token endpoint could not be reached or the connection dropped. Check lineworks:authUrl (LINEWORKS_AUTH_URL) and the network, then run again.";

/** What a refusal means, from LINE WORKS' answer, or undefined when it is not the one explained. */
export type Explanation = (answer: { code?: string; description?: string }) => string | undefined;
const explanations: Explanation[] = [];

/**
 * Adds an explanation of 403 answers, tried before the generic ones in the order added. The
 * kinds hand theirs in (a feature switched off), so this module needs nothing of them.
 */
export function registerExplanation(explain: Explanation): void {
  if (!explanations.includes(explain)) explanations.push(explain);
}

/** A 403's hint from what LINE WORKS said, or undefined when it names no specific cause. */
function forbiddenHint(code: string | undefined, description: string | undefined): string | undefined {
  const text = description ?? "";
  for (const explain of explanations) {
    const hint = explain({ code, description });
    if (hint) return hint;
  }
  if (/scope/i.test(text)) {
    return "The access token lacks the scope this API needs: tick `directory` for the app in the Developer Console and request it in lineworks:scope (LINEWORKS_SCOPE); `directory.read` can only read. The Free plan cannot use the `directory` scope.";
  }
  if (code === "LIMIT_EXCEEDED" || code === "OUT_OF_RANGE") {
    return "LINE WORKS refused the request as beyond a limit of the tenant or its plan: check the limits of the plan, or remove objects no longer used.";
  }
  return undefined;
}

function hintFor(kind: ErrorKind, init: ApiErrorInit): string {
  if (kind === "network" && init.urlSetting === "authUrl") return TOKEN_NETWORK_HINT;
  if (kind === "forbidden") return forbiddenHint(init.code, init.description) ?? HINTS.forbidden;
  return HINTS[kind];
}

/** A text as a sentence: a full stop added unless it already ends in one (or ! ? 。). */
export function sentence(text: string): string {
  const t = text.trimEnd();
  return /[.!?。！？]$/.test(t) ? t : `${t}.`;
}

/** `403 FORBIDDEN: description`, as LINE WORKS answered, without a closing full stop (callers add their own). */
export function answerText(e: { status?: number; code?: string; description?: string }): string {
  const description = e.description?.trim().replace(/\.+$/, "");
  return `${e.status} ${e.code ?? "(no code)"}${description ? `: ${description}` : ""}`;
}

export function kindOfStatus(status: number): ErrorKind {
  if (status === 400 || status === 413 || status === 415 || status === 422) return "invalid";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 410) return "gone";
  if (status === 429) return "rate_limited";
  return status >= 500 ? "server" : "invalid";
}

export class LineWorksError extends Error {
  readonly kind: ErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly description?: string;
  readonly api: string;
  readonly hint: string;
  /** The message without the hint: what failed and what LINE WORKS answered. */
  readonly summary: string;

  constructor(kind: ErrorKind, init: ApiErrorInit) {
    const what = init.status ? answerText(init) : `${init.cause ?? "request failed"}`;
    const summary = sentence(`LINE WORKS ${init.api} failed: ${what}`);
    const hint = hintFor(kind, init);
    super(`${summary} ${hint}`);
    this.summary = summary;
    this.name = "LineWorksError";
    this.kind = kind;
    this.status = init.status;
    this.code = init.code;
    this.description = init.description;
    this.api = init.api;
    this.hint = hint;
  }
}

export class InvalidError extends LineWorksError {}
export class UnauthorizedError extends LineWorksError {}
export class ForbiddenError extends LineWorksError {}
export class NotFoundError extends LineWorksError {}
export class ConflictError extends LineWorksError {}
export class RateLimitedError extends LineWorksError {}
export class ServerError extends LineWorksError {}
export class NetworkError extends LineWorksError {}

const CLASSES: Record<ErrorKind, new (kind: ErrorKind, init: ApiErrorInit) => LineWorksError> = {
  invalid: InvalidError,
  unauthorized: UnauthorizedError,
  forbidden: ForbiddenError,
  not_found: NotFoundError,
  gone: NotFoundError,
  conflict: ConflictError,
  rate_limited: RateLimitedError,
  server: ServerError,
  network: NetworkError,
};

export function apiError(init: ApiErrorInit): LineWorksError {
  const kind = init.status ? kindOfStatus(init.status) : "network";
  return new CLASSES[kind](kind, init);
}

/** Reads `{code, description}` (or an OAuth `{error, error_description}`) from a response body. */
export function parseErrorBody(body: unknown): { code?: string; description?: string } {
  let obj: any = body;
  if (typeof body === "string") {
    try {
      obj = JSON.parse(body);
    } catch {
      return body.trim() ? { description: body.trim().slice(0, 300) } : {};
    }
  }
  if (!obj || typeof obj !== "object") return {};
  const code = obj.code ?? obj.error;
  const description = obj.description ?? obj.error_description ?? obj.message;
  return {
    code: typeof code === "string" ? code : undefined,
    description: typeof description === "string" ? description : undefined,
  };
}

/**
 * Replaces every secret value in a text; used on every log line and error message we emit.
 * Values shorter than `minLength` are left (a short config value would mask ordinary words).
 */
export function redact(text: string, secrets: Iterable<string>, minLength = 8): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= minLength) out = out.split(s).join("[redacted]");
  return out;
}
