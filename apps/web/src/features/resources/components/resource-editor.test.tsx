// The editor's save and conflict flow against a fake API (Monaco is replaced by a textarea in
// jsdom; e2e drives the real one): review then save against the base version, a 409 that keeps
// the user's text, take theirs / keep mine, a version arriving while editing, a refused save.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { API, type ResourceDetail } from '@perses-cm/api';
import { resourceKeys } from '../api/keys.ts';
import { fakeApi, type FakeRequest, type FakeResponse } from '../../../test/fake-api.ts';
import { DIRECTORY_TARGET, detail, whoami } from '../../../test/fixtures.ts';
import { replacedTexts } from '../../../test/fake-monaco.tsx';
import { renderEditorAt } from '../../../test/render-editor.tsx';

vi.mock('../../../lib/monaco/code-editor.tsx', async () => ({
  CodeEditor: (await import('../../../test/fake-monaco.tsx')).FakeCodeEditor,
}));
vi.mock('../../../lib/monaco/diff-editor.tsx', async () => ({
  DiffEditor: (await import('../../../test/fake-monaco.tsx')).FakeDiffEditor,
}));

const BASE = '{\n  "kind": "Dashboard",\n  "title": "base"\n}\n';
const MINE = BASE.replace('"base"', '"mine"');
const THEIRS = BASE.replace('"base"', '"theirs"');
const ID = 'id-demo';
const v1 = detail({ name: 'demo', text: BASE, version: '1' });
const v2 = detail({ name: 'demo', text: THEIRS, version: '2' });

/** The server: GET answers `stored.current`; PUT answers with `put` in turn. */
function serve(put: ((req: FakeRequest) => FakeResponse)[] = []) {
  const stored = { current: v1 };
  const requests = fakeApi({
    [`GET ${API.whoami}`]: { body: whoami(DIRECTORY_TARGET, ['']) },
    [`GET ${API.resource(ID)}`]: () => ({ body: stored.current }),
    [`PUT ${API.resource(ID)}`]: (req) => {
      const next = put.shift();
      if (!next) throw new Error('unexpected PUT');
      return next(req);
    },
    [`POST ${API.validate}`]: { body: { findings: [], perses: { checked: false, skipped: 'x' } } },
    [`GET ${API.applyNow}`]: {
      body: { available: false, reason: 'no Perses is configured', perses: null },
    },
  });
  const puts = () => requests.filter((r) => r.method === 'PUT').map((r) => r.body);
  return { stored, puts };
}

const savedAs = (version: string) => (req: FakeRequest) => {
  const text = (req.body as { text: string }).text;
  return { body: detail({ name: 'demo', text, version }) };
};
const conflict = (current: ResourceDetail) => () => ({
  status: 409,
  body: { error: { code: 'conflict', message: 'changed meanwhile', details: { current } } },
});

const editorBox = () => screen.findByRole('textbox', { name: 'Dashboard demo (JSON)' });
const dialog = (name: string | RegExp) => screen.findByRole('dialog', { name });

async function edit(text: string) {
  fireEvent.change(await editorBox(), { target: { value: text } });
  await screen.findByText('Unsaved changes');
}

async function reviewAndSave() {
  const review = await dialog('Review changes');
  fireEvent.click(within(review).getByRole('button', { name: 'Confirm and save' }));
}

beforeEach(() => {
  replacedTexts.length = 0;
});

describe('ResourceEditor save', () => {
  it('shows the review, then saves the text against the version the edit started from', async () => {
    const server = serve([savedAs('2')]);
    renderEditorAt(ID);
    await edit(MINE);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const review = await dialog('Review changes');
    expect(within(review).getByTestId('original').textContent).toBe(BASE);
    expect(within(review).getByTestId('modified').textContent).toBe(MINE);
    await reviewAndSave();
    await waitFor(() => expect(screen.queryByText('Unsaved changes')).toBeNull());
    expect(server.puts()).toEqual([{ text: MINE, format: 'json', version: '1' }]);
    expect((await editorBox()) as HTMLTextAreaElement).toHaveProperty('value', MINE);
    // The saved text is already in the editor: nothing is loaded over it.
    expect(replacedTexts).toEqual([]);
    expect(window.localStorage.getItem(`perses-cm:draft:${ID}`)).toBeNull();
  });

  it('answers a 409 with the conflict view and keeps my text; keep mine saves over theirs', async () => {
    const server = serve([conflict(v2), savedAs('3')]);
    renderEditorAt(ID);
    await edit(MINE);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await reviewAndSave();
    const resolve = await dialog('Changed by someone else');
    const panes = within(resolve)
      .getAllByTestId('modified')
      .map((p) => p.textContent);
    expect(panes).toEqual([THEIRS, MINE, MINE]);
    expect(await editorBox()).toHaveProperty('value', MINE);
    expect(replacedTexts).toEqual([]);

    fireEvent.click(within(resolve).getByRole('button', { name: /Keep mine/ }));
    const review = await dialog('Review changes');
    expect(within(review).getByTestId('original').textContent).toBe(THEIRS);
    await reviewAndSave();
    await waitFor(() => expect(screen.queryByText('Unsaved changes')).toBeNull());
    expect(server.puts().map((b) => (b as { version: string }).version)).toEqual(['1', '2']);
    expect(server.puts()[1]).toMatchObject({ text: MINE });
  });

  it('take theirs loads the stored version into the editor and saves nothing', async () => {
    const server = serve([conflict(v2)]);
    renderEditorAt(ID);
    await edit(MINE);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await reviewAndSave();
    const resolve = await dialog('Changed by someone else');
    fireEvent.click(within(resolve).getByRole('button', { name: /Take theirs/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await editorBox()).toHaveProperty('value', THEIRS);
    expect(replacedTexts).toEqual([THEIRS]);
    expect(screen.queryByText('Unsaved changes')).toBeNull();
    expect(server.puts()).toHaveLength(1);
  });

  it('shows a version stored meanwhile and sends Save to the conflict view, not to the server', async () => {
    const server = serve();
    const { queryClient } = renderEditorAt(ID);
    await edit(MINE);
    server.stored.current = v2;
    // What a live `modified` event does: the detail is fetched again.
    await act(() => queryClient.invalidateQueries({ queryKey: resourceKeys.detail(ID) }));
    await screen.findByText('Changed by someone else.');
    expect(await editorBox()).toHaveProperty('value', MINE);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const resolve = await dialog('Changed by someone else');
    expect(within(resolve).getAllByTestId('modified')[0]?.textContent).toBe(THEIRS);
    expect(server.puts()).toEqual([]);
  });

  it('follows a version stored meanwhile when there is no edit of mine', async () => {
    const server = serve();
    const { queryClient } = renderEditorAt(ID);
    await editorBox();
    server.stored.current = v2;
    await act(() => queryClient.invalidateQueries({ queryKey: resourceKeys.detail(ID) }));
    await waitFor(() => expect(replacedTexts).toEqual([THEIRS]));
    expect(screen.queryByText('Changed by someone else.')).toBeNull();
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('shows the findings of a save the server refused and keeps the text', async () => {
    const finding = { severity: 'error', rule: 'invalid-name', message: 'bad name', line: 3 };
    const server = serve([
      () => ({
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'invalid',
            details: { findings: [finding] },
          },
        },
      }),
    ]);
    renderEditorAt(ID);
    await edit(MINE);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await reviewAndSave();
    const refused = await screen.findByText(/The server refused the document/);
    expect(refused.textContent).toContain('line 3: bad name');
    expect(await editorBox()).toHaveProperty('value', MINE);
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    expect(server.puts()).toHaveLength(1);
  });
});
