// Test helper: the import routes as the web app calls them, every answer read with the contract
// (@perses-cm/api): previews, an archive sent as the body, entry texts, and the apply's NDJSON.
import {
  API,
  CSRF_HEADER,
  ErrorBody,
  ImportEntryTexts,
  ImportPreview,
  ImportProgressLine,
  ImportReport,
  type ImportApplyRequest,
  type ImportPreviewRequestInput,
} from '@perses-cm/api';
import { Reply, type ApiClient } from './api-client.ts';

export function importApi(base: string, api: ApiClient) {
  return {
    preview: (body: ImportPreviewRequestInput) =>
      api.call('POST', API.importPreviews, { schema: ImportPreview, body }),
    /** Sends `bytes` as the body, as the web app uploads an archive. */
    upload: async (bytes: Buffer, query: Record<string, string>) => {
      const qs = new URLSearchParams(query).toString();
      const res = await fetch(`${base}${API.importUpload}?${qs}`, {
        method: 'POST',
        headers: { [CSRF_HEADER]: '1', 'content-type': 'application/octet-stream' },
        body: bytes,
      });
      const value: unknown = await res.json();
      if (res.ok) return new Reply(res.status, res.headers, { body: ImportPreview.parse(value) });
      return new Reply<ImportPreview>(res.status, res.headers, {
        error: ErrorBody.parse(value).error,
      });
    },
    texts: (id: string, key: string) =>
      api.call('GET', API.importEntry(id, key), { schema: ImportEntryTexts }),
    report: (id: string) => api.call('GET', API.importReport(id), { schema: ImportReport }),
    /** The apply's lines, each read with the contract; the last is the report. */
    apply: async (id: string, body: ImportApplyRequest) => {
      const res = await fetch(`${base}${API.importApply(id)}`, {
        method: 'POST',
        headers: { [CSRF_HEADER]: '1', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`apply answered ${res.status}: ${text}`);
      const lines = text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => ImportProgressLine.parse(JSON.parse(l)));
      const last = lines.at(-1);
      if (last?.type !== 'report') throw new Error(`apply ended without a report: ${text}`);
      return { lines, report: last.report };
    },
  };
}
