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
}

const HINTS: Record<ErrorKind, string> = {
  invalid: "Fix the field named in the description; `pulumi preview` checks the documented rules before calling the API.",
  unauthorized:
    "Check lineworks:clientId, clientSecret, serviceAccount and privateKey (the key must belong to that service account and app).",
  forbidden:
    "The app needs the `directory` scope ticked in the Developer Console (and lineworks:scope must request it); a disabled feature (positions, levels, user types) must be enabled first; the Free plan cannot write the directory.",
  not_found: "The object does not exist (any more). Run `pulumi refresh` to bring the state up to date.",
  conflict: "Another object already has this name or external key: choose another value, or change that object first.",
  gone: "The object was deleted. Run `pulumi refresh`.",
  rate_limited:
    "The API rate limit was still exceeded after retries. Lower lineworks:requestsPerMinute or run with a smaller --parallel.",
  server: "LINE WORKS reported a temporary server error that persisted through the retries. Run the same command again later.",
  network: "The API could not be reached or the connection dropped. Check lineworks:apiUrl and the network, then run again.",
};

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

  constructor(kind: ErrorKind, init: ApiErrorInit) {
    const what = init.status
      ? `${init.status} ${init.code ?? "(no code)"}${init.description ? `: ${init.description}` : ""}`
      : `${init.cause ?? "request failed"}`;
    super(`LINE WORKS ${init.api} failed: ${what}. ${HINTS[kind]}`);
    this.name = "LineWorksError";
    this.kind = kind;
    this.status = init.status;
    this.code = init.code;
    this.description = init.description;
    this.api = init.api;
    this.hint = HINTS[kind];
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

/** Replaces every secret value in a text; used on every log line and error message we emit. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join("[redacted]");
  return out;
}
