// A Grafana dashboard JSON as a Perses Dashboard, converted by Perses itself (`POST /api/migrate`
// uses the migration schemas of the plugins Perses loaded), named and placed in the chosen project.
// What Perses could not convert it leaves as a placeholder panel: those are named in the notes.
import { AppError } from '../../domain/errors.ts';
import { parse } from '../../domain/model.ts';
import type { PersesClient } from '../../perses/perses-client.ts';
import {
  emptyRead,
  refusedCandidate,
  withoutServerMetadata,
  type SourceRead,
} from './candidate.ts';

export interface GrafanaRequest {
  text: string;
  project: string;
  name?: string | undefined;
  input?: Record<string, string> | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The dashboard of Grafana's export, or of its API's `{dashboard, meta}` answer. */
function dashboardOf(doc: unknown): Record<string, unknown> | null {
  if (!isRecord(doc)) return null;
  if (isRecord(doc.dashboard) && isRecord(doc.meta)) return doc.dashboard;
  return doc;
}

/** A Perses name from the uid (or the title): letters, digits, `_`, `-`, `.`, at most 75. */
export function persesNameOf(dashboard: Record<string, unknown>): string | null {
  for (const v of [dashboard.uid, dashboard.title]) {
    if (typeof v !== 'string') continue;
    const name = v
      .replace(/[^a-zA-Z0-9_.-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 75);
    if (name) return name;
  }
  return null;
}

/** Panels Perses left as placeholders: their titles and why, as notes. */
export function unmigratedPanels(dashboard: unknown): string[] {
  const panels = isRecord(dashboard) && isRecord(dashboard.spec) ? dashboard.spec.panels : null;
  if (!isRecord(panels)) return [];
  const notes: string[] = [];
  for (const [key, panel] of Object.entries(panels)) {
    const spec = isRecord(panel) && isRecord(panel.spec) ? panel.spec : {};
    const plugin = isRecord(spec.plugin) ? spec.plugin : {};
    const text =
      isRecord(plugin.spec) && typeof plugin.spec.text === 'string' ? plugin.spec.text : '';
    if (plugin.kind === 'Markdown' && /not supported|migration/i.test(text)) {
      const title =
        isRecord(spec.display) && typeof spec.display.name === 'string' ? spec.display.name : key;
      notes.push(`panel "${title}" was not migrated by Perses: ${text.trim().slice(0, 200)}`);
    }
  }
  return notes;
}

export async function readGrafana(
  client: PersesClient | null,
  req: GrafanaRequest,
): Promise<SourceRead> {
  const read = emptyRead();
  const origin = 'Grafana dashboard';
  if (!client) {
    read.errors.push({
      source: origin,
      code: 'unavailable',
      message:
        'converting a Grafana dashboard needs Perses (its /api/migrate): start the console with --perses-url',
    });
    return read;
  }
  const parsed = parse(req.text, 'grafana.json', 'json');
  const error = parsed.findings.find((f) => f.severity === 'error');
  const dashboard = dashboardOf(parsed.documents[0]);
  if (error || !dashboard) {
    read.candidates.push(
      refusedCandidate(
        origin,
        `not a Grafana dashboard JSON: ${error?.message ?? 'not an object'}`,
        parsed.findings,
      ),
    );
    return read;
  }
  const name = req.name ?? persesNameOf(dashboard);
  if (!name) {
    read.candidates.push(
      refusedCandidate(origin, 'the dashboard has no uid or title to name it by: give a name'),
    );
    return read;
  }
  try {
    const migrated = await client.migrate(dashboard, req.input);
    const bare = withoutServerMetadata(migrated as Record<string, unknown>);
    const metadata = { ...(bare.metadata as Record<string, unknown>), name, project: req.project };
    const document = { ...bare, metadata };
    const title = typeof dashboard.title === 'string' ? ` "${dashboard.title}"` : '';
    read.candidates.push({
      origin: `${origin}${title}`,
      document,
      text: null,
      format: 'json',
      refused: null,
      findings: [],
      notes: unmigratedPanels(document),
    });
  } catch (err) {
    const message = err instanceof AppError ? err.message : String(err);
    read.candidates.push(refusedCandidate(origin, `Perses could not migrate it: ${message}`));
  }
  return read;
}
