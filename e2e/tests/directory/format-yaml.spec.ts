// Format on a hand-written YAML dashboard whose panel keys look like numbers: the keys stay quoted,
// the review diff shows the re-indentation and says that only whitespace changed, and the file
// saved is the formatted text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatYamlText } from '@perses-cm/resources';
import { createText, deleteResource, getResource } from '../../fixtures/api.ts';
import { expect, test } from '../../fixtures/test.ts';
import { EditorPage } from '../../pages/editor-page.ts';

const panel = (key: string) => [
  `        "${key}":`,
  '            kind: Panel',
  '            spec:',
  '                display:',
  `                    name: Panel ${key}`,
  '                plugin:',
  '                    kind: Markdown',
  '                    spec:',
  '                        text: hello',
];

const handWritten = (name: string) =>
  [
    'kind: Dashboard',
    'metadata:',
    `    name: ${name}`,
    '    project: perses',
    'spec:',
    '    duration: 1h',
    '    panels:',
    ...panel('0_0'),
    ...panel('1_0'),
    '',
  ].join('\n');

test('Format keeps 0_0 and 1_0 quoted, and the review says only whitespace changed', async ({
  page,
  env,
  shot,
}) => {
  const text = handWritten(`formatkeys-${env.runId}`);
  const created = await createText(env.directory.url, text, 'yaml');
  try {
    await page.goto(`${env.directory.url}/resources/${encodeURIComponent(created.id)}`);
    const editor = new EditorPage(page);
    await editor.waitReady();
    await page.getByRole('button', { name: 'Format', exact: true }).click();
    await expect(page.getByText('Unsaved changes')).toBeVisible();
    const formatted = formatYamlText(text);
    expect(formatted).toContain('\n    "1_0":\n');
    // Monaco renders spaces as no-break spaces.
    const shown = async () => (await editor.text()).replace(/\u00a0/g, ' ');
    await expect.poll(shown).toContain('    "0_0":\n      kind: Panel');
    await editor.pressSave();
    await expect(editor.diffDialog).toBeVisible();
    // Beside the review's other notes (e.g. that Perses did not check the text).
    await expect(
      editor.diffDialog.getByRole('status').filter({ hasText: /^Only whitespace changed/ }),
    ).toBeVisible();
    // The re-indented lines are marked as changed, not hidden as "no change".
    const diff = editor.diffDialog.getByTestId('diff-editor');
    await expect(diff.locator('.line-insert').first()).toBeVisible();
    await shot('format-whitespace-diff');
    await editor.confirmSave();
    await expect(editor.toast('Saved')).toBeVisible();
    const path = created.origin.type === 'file' ? join(env.directory.dir, created.origin.path) : '';
    expect(readFileSync(path, 'utf8')).toBe(formatted);
  } finally {
    // The directory server is shared: leave the list as the other scenarios expect it.
    const now = await getResource(env.directory.url, created.id);
    await deleteResource(env.directory.url, created.id, now.version);
  }
});
