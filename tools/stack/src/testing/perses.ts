// Helpers for integration tests: the Perses HTTP API of the stack.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixturePath } from '../shared.ts';

export interface Resource {
  kind: string;
  metadata: { name: string; project?: string; version?: number; updatedAt?: string };
  spec: Record<string, unknown>;
}

/**
 * A GET of the Perses API, as the console's Perses client reads: an answer of 500 is asked again
 * after 10, 50 and 200 ms, since Perses's file database rewrites a document in place (provisioning
 * does, every cycle) and a read in between finds it cut ("unexpected end of JSON input").
 */
export async function persesGet(
  baseUrl: string,
  path: string,
): Promise<{ status: number; body: unknown }> {
  let res = await fetch(`${baseUrl}${path}`);
  for (const pause of [10, 50, 200]) {
    if (res.status !== 500) break;
    await res.text();
    await sleep(pause);
    res = await fetch(`${baseUrl}${path}`);
  }
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export async function validateDashboard(
  baseUrl: string,
  dashboard: Resource,
): Promise<{ status: number; message: string }> {
  const res = await fetch(`${baseUrl}/api/validate/dashboards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(dashboard),
  });
  const text = await res.text();
  return {
    status: res.status,
    message: text ? ((JSON.parse(text) as { message?: string }).message ?? text) : '',
  };
}

/** The Perses project's own development dashboards (the shared fixtures). */
export function fixtureDashboards(): Resource[] {
  return fixtureResources('9-dashboard.json');
}

/** The resources of one file of the shared fixtures (a list, or one object). */
export function fixtureResources(fileName: string): Resource[] {
  const data = JSON.parse(readFileSync(fixturePath(fileName), 'utf8')) as Resource | Resource[];
  return Array.isArray(data) ? data : [data];
}
