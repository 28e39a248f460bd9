import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { DocFormat, ResourceSummary } from '@perses-cm/api';
import { configMapNameFor } from '@perses-cm/resources';
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
import { configMapNameProblem, identityClash } from '../hooks/create-checks.ts';
import { clearDraft, draftKey, loadDraft, saveDraft } from '../hooks/drafts.ts';
import {
  convertFormat,
  detectFormat,
  readIdentity,
  withIdentityField,
  type IdentityField,
} from '../hooks/identity-edit.ts';
import { useDocumentBytes } from '../hooks/use-document-bytes.ts';
import { useEditorFindings } from '../hooks/use-editor-findings.ts';
import { useSaveShortcut } from '../hooks/use-save-shortcut.ts';
import { blockingErrors } from '../hooks/use-save-flow.ts';
import { identityOfText, plannedPlace } from '../hooks/planned-place.ts';
import { TEMPLATES, templateText } from '../hooks/templates.ts';
import { EditorBar } from './editor-bar.tsx';
import { IdentityForm } from './identity-form.tsx';
import { PlacementBanner } from './placement-banner.tsx';
import { SidePanel } from './side-panel.tsx';

const NO_MARKERS: MarkerSummary = { errors: 0, warnings: 0, list: [] };

/**
 * Route /new?kind=…&namespace=…&project=…: pick a kind, edit its template (JSON or YAML, pasted or
 * typed), see where it will be stored. `project` is the list filter's, when there was one.
 */
export default function CreateResourcePage() {
  const who = useWhoAmI();
  const list = useResources();
  const [params] = useSearchParams();
  // Templates name an existing project: wait for the list (or its failure) first.
  if (list.isPending || who.isPending) return <LoadingState label="Loading" />;
  const items = list.data?.items ?? [];
  const projects = [
    ...new Set(items.filter((i) => i.kind === 'Project').map((i) => i.name)),
  ].sort();
  const project = params.get('project') || projects[0] || 'default';
  return <CreateResourceForm project={project} projects={projects} items={items} />;
}

interface FormProps {
  project: string;
  projects: string[];
  items: ResourceSummary[];
}

function CreateResourceForm({ project, projects, items }: FormProps) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const who = useWhoAmI();
  const kind = TEMPLATES.find((t) => t.kind === params.get('kind')) ?? TEMPLATES[0];
  const key = draftKey(`new:${kind?.kind ?? ''}`);
  const [initialText] = useState(
    () => loadDraft(key)?.text ?? (kind ? templateText(kind, project) : '{}\n'),
  );
  const [text, setText] = useState(initialText);
  const [chosenName, setChosenName] = useState('');
  const [markers, setMarkers] = useState<MarkerSummary>(NO_MARKERS);
  const editor = useRef<CodeEditorHandle>(null);
  const create = useCreateResource();

  const format: DocFormat = detectFormat(text);
  const isDirectory = who.data?.target.type === 'directory';
  const namespaces = creatableNamespaces(who.data);
  const namespace = params.get('namespace') ?? namespaces[0] ?? '';
  const perm = permission(who.data, 'create', isDirectory ? null : namespace || null);
  const bytes = useDocumentBytes(text);
  const { findings, perses } = useEditorFindings(text, format, bytes);

  const identity = useMemo(() => readIdentity(text, format), [text, format]);
  const id = useMemo(() => identityOfText(text, format), [text, format]);
  const place = useMemo(
    () => plannedPlace(text, isDirectory, namespace, format, chosenName),
    [text, isDirectory, namespace, format, chosenName],
  );
  const clash = identityClash(id, items);
  const cmName = place.type === 'configmap' ? place.configMapName : null;
  const cmProblem = cmName ? configMapNameProblem(cmName, namespace, items) : null;
  const placed = place.type === 'file' ? place.path !== null : place.key !== null;

  const edit = (next: string | undefined) => {
    if (next === undefined)
      return showToast({
        tone: 'error',
        title: 'Cannot change the field',
        message: 'Fix the document errors first.',
      });
    editor.current?.replaceText(next);
  };
  const onChange = (t: string) => {
    setText(t);
    const f = detectFormat(t);
    saveDraft(key, { text: t, format: f, baseText: '', baseVersion: '', savedAt: Date.now() });
  };
  const pickKind = (k: string) => {
    const t = TEMPLATES.find((x) => x.kind === k);
    if (!t) return;
    const next = new URLSearchParams(params);
    next.set('kind', k);
    setParams(next, { replace: true });
    const draft = loadDraft(draftKey(`new:${k}`));
    editor.current?.replaceText(
      draft?.text ?? templateText(t, identity.project || project, format),
    );
  };

  const reason = !perm.allowed
    ? perm.reason
    : blockingErrors(markers).length > 0
      ? `Fix ${blockingErrors(markers).length} error(s) first`
      : clash
        ? clash
        : cmProblem
          ? cmProblem
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
      {
        text,
        format,
        ...(isDirectory ? {} : { namespace }),
        ...(chosenName && !isDirectory ? { configMapName: chosenName } : {}),
      },
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
  useSaveShortcut(submit);

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
        <span title={reason ?? (isDirectory ? 'Create the file' : 'Create the ConfigMap')}>
          <button
            type="button"
            className="btn btn-primary"
            onClick={submit}
            disabled={Boolean(reason) || create.isPending}
            aria-label={reason ? `Create (disabled: ${reason})` : 'Create'}
          >
            {create.isPending ? 'Creating…' : 'Create'}
          </button>
        </span>
      </div>
      <IdentityForm
        identity={identity}
        format={format}
        projects={projects}
        onKind={pickKind}
        onField={(field: IdentityField, value) =>
          edit(withIdentityField(text, format, field, value))
        }
        onFormat={(to) => edit(convertFormat(text, to))}
        {...(isDirectory
          ? {}
          : {
              configMap: {
                value: chosenName,
                derived: id ? configMapNameFor(id) : null,
                problem: cmProblem,
              },
              onConfigMapName: setChosenName,
            })}
      />
      {clash && (
        <div className="banner banner-error" role="alert">
          {clash}
        </div>
      )}
      <PlacementBanner place={place} />
      <div className="editor-layout">
        <div className="editor-frame">
          <EditorBar where="new resource" bytes={bytes} validating={false} format={format} />
          <ErrorBoundary section="Editor">
            <EditorWithPreview
              kind={identity.kind || (kind?.kind ?? '')}
              text={text}
              format={format}
              readOnly={false}
              editor={editor}
            >
              <CodeEditor
                ref={editor}
                path="new-resource"
                initialText={initialText}
                format={format}
                findings={findings}
                onChange={onChange}
                onMarkers={setMarkers}
                onSave={submit}
                label={`New ${kind?.kind ?? 'resource'} (${format.toUpperCase()})`}
              />
            </EditorWithPreview>
          </ErrorBoundary>
        </div>
        <SidePanel
          pending={place}
          bytes={bytes}
          markers={markers}
          perses={perses}
          onReveal={(l, c) => editor.current?.reveal(l, c)}
        />
      </div>
    </section>
  );
}
