import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown-view.tsx';

describe('renderMarkdown', () => {
  it('renders GitHub-flavoured Markdown as Perses does', () => {
    const html = renderMarkdown(
      '# Title\n\n**bold** and `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |',
    );
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<td>1</td>');
  });

  it('removes scripts, event handlers and javascript: links; links open in a new tab', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><img src="x" onerror="alert(2)">\n\n[click](javascript:alert(3)) [ok](https://perses.dev)',
    );
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
    expect(html).toContain('<img src="x">');
    expect(html).toContain(
      '<a href="https://perses.dev" target="_blank" rel="noopener noreferrer">ok</a>',
    );
  });
});
