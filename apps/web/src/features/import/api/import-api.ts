// The import routes: previews (an uploaded file or archive, the live Perses, a Grafana
// dashboard), an entry's two texts for its diff, and the apply read line by line as it streams.
import {
  API,
  CSRF_HEADER,
  ErrorBody,
  ImportEntryTexts,
  ImportPreview,
  ImportProgressLine,
  type ImportApplyRequest,
  type ImportPreviewRequestInput,
  type ImportReport,
} from '@perses-cm/api';
import { ApiError, request } from '../../../lib/api-client.ts';

export interface Placement {
  namespace?: string | undefined;
  project?: string | undefined;
}

export function previewUpload(file: File, at: Placement): Promise<ImportPreview> {
  return request(API.importUpload, ImportPreview, {
    method: 'POST',
    raw: file,
    query: { filename: file.name, namespace: at.namespace, project: at.project },
  });
}

export function previewSource(body: ImportPreviewRequestInput): Promise<ImportPreview> {
  return request(API.importPreviews, ImportPreview, { method: 'POST', body });
}

export function entryTexts(id: string, key: string): Promise<ImportEntryTexts> {
  return request(API.importEntry(id, key), ImportEntryTexts);
}

export type ProgressLine = Extract<ImportProgressLine, { type: 'progress' }>;

/** Applies the picked entries; `onLine` sees each progress line; resolves with the report. */
export async function applyImport(
  id: string,
  body: ImportApplyRequest,
  onLine: (line: ProgressLine) => void,
): Promise<ImportReport> {
  const res = await fetch(API.importApply(id), {
    method: 'POST',
    headers: { [CSRF_HEADER]: '1', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok || !res.body) {
    const env = ErrorBody.safeParse(await res.json().catch(() => null));
    if (env.success) {
      const e = env.data.error;
      throw new ApiError(res.status, e.code, e.message, e.details);
    }
    throw new ApiError(res.status, 'internal', `apply answered ${res.status}`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffered += value ?? '';
    const lines = buffered.split('\n');
    buffered = done ? '' : (lines.pop() ?? '');
    for (const text of lines) {
      if (text.trim() === '') continue;
      const line = ImportProgressLine.parse(JSON.parse(text));
      if (line.type === 'progress') onLine(line);
      else if (line.type === 'report') return line.report;
      else throw new ApiError(500, 'internal', line.message);
    }
    if (done) throw new ApiError(500, 'internal', 'the apply ended without a report');
  }
}
