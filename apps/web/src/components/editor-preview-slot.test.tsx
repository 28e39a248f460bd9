import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import {
  EditorPreviewContext,
  EditorWithPreview,
  type EditorPreviewProps,
  type PreviewFor,
} from './editor-preview-slot.tsx';

function Preview({ text }: EditorPreviewProps) {
  return <p>preview of {text}</p>;
}
const previewFor: PreviewFor = (kind) => (kind === 'Dashboard' ? Preview : null);

function show(kind: string) {
  render(
    <EditorPreviewContext value={previewFor}>
      <EditorWithPreview
        kind={kind}
        text="abc"
        format="json"
        readOnly={false}
        editor={{ current: null }}
      >
        <p>the editor</p>
      </EditorWithPreview>
    </EditorPreviewContext>,
  );
}

function narrowScreen(matches: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches,
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

describe('EditorWithPreview', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('is the editor alone for a kind without a preview', () => {
    show('Project');
    expect(screen.getByText('the editor')).toBeTruthy();
    expect(screen.queryByText(/preview of/)).toBeNull();
    expect(screen.queryByRole('tablist')).toBeNull();
  });

  it('puts the preview beside the editor on a wide screen', async () => {
    narrowScreen(false);
    show('Dashboard');
    expect(await screen.findByText('preview of abc')).toBeTruthy();
    expect(screen.getByText('the editor')).toBeTruthy();
    expect(screen.queryByRole('tablist')).toBeNull();
  });

  it('makes them two tabs on a narrow screen, both kept mounted', async () => {
    narrowScreen(true);
    show('Dashboard');
    const editorPanel = screen.getByRole('tabpanel', { name: 'Editor' });
    expect(screen.getByRole('tab', { name: 'Editor' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByRole('tab', { name: 'Preview' }));
    expect(await screen.findByRole('tabpanel', { name: 'Preview' })).toBeTruthy();
    expect(editorPanel.hidden).toBe(true);
    expect(editorPanel.textContent).toBe('the editor');
  });
});
