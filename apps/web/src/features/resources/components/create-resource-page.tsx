import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { showToast } from '../../../lib/toast-store.ts';
import { ErrorBoundary } from '../../../components/error-boundary.tsx';
import { EditorWithPreview } from '../../../components/editor-preview-slot.tsx';
import { LoadingState } from '../../../components/states.tsx';
import { CodeEditor, type CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import type { MarkerSummary } from '../../../lib/monaco/markers.ts';
import { useWhoAmI } from '../../../lib/session/get-whoami.ts';
import { creatableNamespaces, permission } from '../../../lib/session/capabilities.ts';
import { useCreateResource } from '../api/create-resource.ts';
import { useResources } from '../api/list-resources.ts';
import { clearDraft, draftKey, loadDraft, saveDraft } from '../hooks/drafts.ts';
import { useEditorFindings } from '../hooks/use-editor-findings.ts';
import { plannedPlace } from '../hooks/planned-place.ts';
import { TEMPLATES, templateText } from '../hooks/templates.ts';
import { SidePanel } from './side-panel.tsx';

const NO_MARKERS: MarkerSummary = { errors: 0, warnings: 0, list: [] };

/** Route /new?kind=…&namespace=…: pick a kind, edit its template, see where it will be stored. */
export default function CreateResourcePage() {
  const who = useWhoAmI();
  const list = useResources();
  // Templates name an existing project: wait for the list (or its failure) first.
  if (list.isPending || who.isPending) return <LoadingState label="Loading" />;
  const project = list.data?.items.find((i) => i.kind === 'Project')?.name ?? 'default';
  return <CreateResourceForm project={project} />;
}

function CreateResourceForm({ project }: { project: string }) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const who = useWhoAmI();
  const kind = TEMPLATES.find((t) => t.kind === params.get('kind')) ?? TEMPLATES[0];
  const key = draftKey(`new:${kind?.kind ?? ''}`);
  const [initialText] = useState(
    () => loadDraft(key)?.text ?? (kind ? templateText(kind, project) : '{}\n'),
  );
  const [text, setText] = useState(initialText);
  const [markers, setMarkers] = useState<MarkerSummary>(NO_MARKERS);
  const editor = useRef<CodeEditorHandle>(null);
  const create = useCreateResource();

  const isDirectory = who.data?.target.type === 'directory';
  const namespaces = creatableNamespaces(who.data);
  const namespace = params.get('namespace') ?? namespaces[0] ?? '';
  const perm = permission(who.data, 'create', isDirectory ? null : namespace || null);
  const { findings, perses } = useEditorFindings(text, 'json');

  const place = useMemo(
    () => plannedPlace(text, isDirectory, namespace),
    [text, isDirectory, namespace],
  );
  const placed = place.type === 'file' ? place.path !== null : place.key !== null;

  const onChange = (t: string) => {
    setText(t);
    saveDraft(key, { text: t, format: 'json', baseText: '', baseVersion: '', savedAt: Date.now() });
  };

  const pickKind = (k: string) => {
    const t = TEMPLATES.find((x) => x.kind === k);
    if (!t) return;
    const next = new URLSearchParams(params);
    next.set('kind', k);
    setParams(next, { replace: true });
    const draft = loadDraft(draftKey(`new:${k}`));
    editor.current?.replaceText(draft?.text ?? templateText(t, project));
  };

  const reason = !perm.allowed
    ? perm.reason
    : markers.errors > 0
      ? `Fix ${markers.errors} error(s) first`
      : place.type === 'file' && place.problem
        ? place.problem
        : !placed
          ? 'The document has no valid kind and name'
          : null;

  const submit = () => {
    if (reason) {
      showToast({ tone: 'error', title: 'Cannot create', message: reason });
      return;
    }
    create.mutate(
      { text, format: 'json', ...(isDirectory ? {} : { namespace }) },
      {
        onSuccess: (created) => {
          clearDraft(key);
          showToast({
            tone: 'success',
            title: 'Created',
            message: `${created.kind} ${created.name}`,
          });
          void navigate(`/resources/${encodeURIComponent(created.id)}`);
        },
      },
    );
  };

  return (
    <section className="page page-editor" aria-label="Create resource">
      <div className="page-head">
        <div className="title-block">
          <div className="crumbs">
            <Link to="/">Resources</Link>
            <span aria-hidden="true">/</span>
            <span>New</span>
          </div>
          <h1>New {kind?.title.toLowerCase() ?? 'resource'}</h1>
        </div>
        <span className="spacer" />
        {!isDirectory && (
          <label className="field-inline">
            <span>Namespace</span>
            <select
              className="input"
              aria-label="Namespace"
              value={namespace}
              onChange={(e) => {
                const next = new URLSearchParams(params);
                next.set('namespace', e.target.value);
                setParams(next, { replace: true });
              }}
            >
              {namespaces.length === 0 && <option value="">No namespace allows create</option>}
              {namespaces.map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          className="btn btn-primary"
          onClick={submit}
          disabled={Boolean(reason) || create.isPending}
          title={reason ?? (isDirectory ? 'Create the file' : 'Create the ConfigMap')}
        >
          {create.isPending ? 'Creating…' : 'Create'}
        </button>
      </div>
      <div className="kind-picker" role="group" aria-label="Kind">
        {TEMPLATES.map((t) => (
          <button
            key={t.kind}
            type="button"
            className="kind-option"
            aria-pressed={t.kind === kind?.kind}
            onClick={() => pickKind(t.kind)}
          >
            <strong>{t.title}</strong>
            <small>{t.hint}</small>
          </button>
        ))}
      </div>
      <div className="banner banner-info" role="status" aria-label="Placement">
        Will be stored as{' '}
        {place.type === 'file' && place.path !== null ? (
          <>
            file <code data-testid="placement-file">{place.path}</code> of the chart
          </>
        ) : place.type === 'configmap' && place.key !== null ? (
          <>
            ConfigMap{' '}
            <code data-testid="placement-configmap">
              {place.namespace}/{place.configMapName}
            </code>{' '}
            key <code data-testid="placement-key">{place.key}</code>
          </>
        ) : (
          <span className="muted">
            — {(place.type === 'file' && place.problem) || 'set a valid kind and metadata.name'}
          </span>
        )}
      </div>
      <div className="editor-layout">
        <div className="editor-frame">
          <ErrorBoundary section="Editor">
            <EditorWithPreview
              kind={kind?.kind ?? ''}
              text={text}
              format="json"
              readOnly={false}
              editor={editor}
            >
              <CodeEditor
                ref={editor}
                path="new-resource"
                initialText={initialText}
                format="json"
                findings={findings}
                onChange={onChange}
                onMarkers={setMarkers}
                onSave={submit}
                label={`New ${kind?.kind ?? 'resource'} (JSON)`}
              />
            </EditorWithPreview>
          </ErrorBoundary>
        </div>
        <SidePanel
          pending={place}
          markers={markers}
          perses={perses}
          onReveal={(l, c) => editor.current?.reveal(l, c)}
        />
      </div>
    </section>
  );
}
