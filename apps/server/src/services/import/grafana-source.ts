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

// What Perses v0.54 writes where a plugin has no migration for a Grafana panel, query or variable.
const PANEL_PLACEHOLDER = 'Migration from Grafana not supported';
const QUERY_PLACEHOLDER = /migration_from_grafana_not_supported|MigrationFromGrafanaNotSupported/;
const VARIABLE_PLACEHOLDER = '["grafana","migration","not","supported"]';

/** What Perses left as placeholders (panels and their queries by title, other queries, variables). */
export function unmigratedParts(dashboard: unknown): string[] {
  const notes: string[] = [];
  const spec = isRecord(dashboard) && isRecord(dashboard.spec) ? dashboard.spec : {};
  const panels = isRecord(spec.panels) ? spec.panels : {};
  for (const [key, panel] of Object.entries(panels)) {
    const p = isRecord(panel) && isRecord(panel.spec) ? panel.spec : {};
    const title = isRecord(p.display) && typeof p.display.name === 'string' ? p.display.name : key;
    const plugin = isRecord(p.plugin) ? p.plugin : {};
    const text = isRecord(plugin.spec) ? plugin.spec.text : undefined;
    if (typeof text === 'string' && text.includes(PANEL_PLACEHOLDER))
      notes.push(
        `panel "${title}" was not migrated: Perses has no migration for its Grafana panel type`,
      );
    if (QUERY_PLACEHOLDER.test(JSON.stringify(p.queries ?? null)))
      notes.push(`queries of panel "${title}" were not migrated: Perses left placeholder queries`);
  }
  const json = JSON.stringify(dashboard);
  const inPanels = notes.some((n) => n.startsWith('queries of panel'));
  if (!inPanels && QUERY_PLACEHOLDER.test(json))
    notes.push('some queries were not migrated: Perses left placeholder queries');
  if (json.includes(VARIABLE_PLACEHOLDER))
    notes.push('some variables were not migrated: Perses left placeholder variables');
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
      notes: unmigratedParts(document),
    });
  } catch (err) {
    const message = err instanceof AppError ? err.message : String(err);
    read.candidates.push(refusedCandidate(origin, `Perses could not migrate it: ${message}`));
  }
  return read;
}
