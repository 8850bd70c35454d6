// The provider's configuration, as `configure` set it on the run, and the log that never
// repeats a secret of it.
import { rawSetting, secretValues, type RawConfig, type Settings } from "../config";
import { redact } from "../errors";
import { currentRun } from "./run";

export function configure(config: RawConfig | undefined): void {
  currentRun().configure(config);
}

/** The run's settings as of now. */
export function settings(): Settings {
  return currentRun().settings();
}

/** `lineworks:domainId` alone: check needs it before credentials are known to be complete. */
export function defaultDomainId(): number | undefined {
  const v = Number(rawSetting(currentRun().config, "domainId"));
  return Number.isInteger(v) && v > 0 ? v : undefined;
}

export function log(message: string): void {
  let secrets: string[] = [];
  try {
    secrets = secretValues(settings());
  } catch {
    /* not configured: nothing to scrub */
  }
  console.error(redact(`[lineworks] ${message}`, secrets));
}
