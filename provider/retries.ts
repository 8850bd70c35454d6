// Who hears about retries. The provider retries silently (Pulumi shows its own progress); the CLI
// registers a listener so an unreachable or failing endpoint prints a line per retry instead of
// minutes of silence. Keyed by the settings object a client or token request runs with.
import type { Settings } from "./config";
import { secretValues } from "./config";
import { redact } from "./errors";

const listeners = new WeakMap<Settings, (line: string) => void>();

/** Calls `listener` with one line per retry of requests made with these settings. */
export function onRetry(settings: Settings, listener: (line: string) => void): void {
  listeners.set(settings, listener);
}

/** `retrying in 2 s (1/3): connect ECONNREFUSED 127.0.0.1:9`, to the listener of these settings, if any. */
export function announceRetry(settings: Settings, delayMs: number, attempt: number, limit: number, error: { message: string }): void {
  const listener = listeners.get(settings);
  if (!listener) return;
  const wait = delayMs >= 1000 ? `${Math.round(delayMs / 1000)} s` : delayMs >= 100 ? `${(delayMs / 1000).toFixed(1)} s` : `${Math.round(delayMs)} ms`;
  listener(redact(`retrying in ${wait} (${attempt}/${limit}): ${error.message}`, secretValues(settings)));
}
