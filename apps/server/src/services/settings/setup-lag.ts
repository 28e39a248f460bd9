// What the setup makes people wait for, and what it cannot do yet: the worst-case lag from the
// sidecar's method and Perses's interval, and the features only a Perses newer than v0.54.0 has
// (never suggested to a v0.54.0 user).
import type { ConsoleSettings, DiscoveredSetup } from '@perses-cm/api';
import semver from 'semver';
import { durationMs } from '../../domain/model.ts';
import { humanDuration, SIDECAR_DELAY_MS } from '../status/cycle.ts';

/** The last Perses release without `provisioning.enable_watch` and multi-document YAML. */
export const LAST_WITHOUT_WATCH = '0.54.0';
/** Perses's own default interval (the chart sets 10m). */
const PERSES_DEFAULT_INTERVAL_MS = 3_600_000;

/** Sidecar delay plus one provisioning interval; null when changes never arrive (METHOD=LIST). */
export function worstCaseLag(
  s: ConsoleSettings,
  d: DiscoveredSetup,
): { worstCaseMs: number | null; message: string } {
  const method = (d.sidecar?.method ?? 'WATCH').toUpperCase();
  if (method === 'LIST')
    return { worstCaseMs: null, message: 'never: the sidecar lists once at start (METHOD=LIST)' };
  const sleepMs =
    method === 'SLEEP'
      ? (Number(d.sidecar?.env.SLEEP_TIME ?? '60') || 60) * 1000
      : SIDECAR_DELAY_MS;
  const intervalMs =
    d.perses?.intervalMs ?? durationMs(s.provisioningInterval) ?? PERSES_DEFAULT_INTERVAL_MS;
  const from =
    d.perses?.intervalMs !== null && d.perses?.intervalMs !== undefined
      ? `Perses's interval ${d.perses.interval}`
      : `the chosen interval ${s.provisioningInterval}`;
  const sidecar =
    method === 'SLEEP' ? `the sidecar's ${sleepMs / 1000} s sleep` : 'about 2 s of the sidecar';
  const worst = intervalMs + sleepMs;
  return {
    worstCaseMs: worst,
    message: `a change reaches Perses within about ${humanDuration(worst)} (${sidecar}, then ${from})`,
  };
}

/** What a v0.54.0 user must not be told to use; said as what it needs. */
export function newerFeatures(version: string | null): { name: string; message: string }[] {
  const v = version ? semver.coerce(version) : null;
  const has = v !== null && semver.gt(v, LAST_WITHOUT_WATCH);
  const what = has
    ? `this Perses (${version}) has it, but the perses chart's values schema rejects it: set it outside the chart's config`
    : `needs a Perses newer than v${LAST_WITHOUT_WATCH}${version ? ` (this one is ${version})` : ''}`;
  return [
    {
      name: 'provisioning.enable_watch',
      message: `reload on file change instead of every interval: ${what}`,
    },
    {
      name: 'multi-document YAML',
      message: `several resources in one file separated by ---: ${has ? `this Perses (${version}) reads them` : `needs a Perses newer than v${LAST_WITHOUT_WATCH}`}`,
    },
  ];
}
