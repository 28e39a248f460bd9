import { useMemo } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';

// Links in a panel open in a new tab: the preview never navigates away from the editor.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/**
 * A Markdown panel's text as Perses's Markdown plugin renders it (marked, GitHub flavoured), and
 * sanitised the same way (DOMPurify): scripts, event handlers and javascript: URLs are removed.
 */
export function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(marked.parse(text, { gfm: true, async: false }));
}

export function MarkdownView({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="dp-markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
