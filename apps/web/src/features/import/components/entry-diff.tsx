// The diff of an update: the stored text against the imported one, line by line (node-diff3's
// LCS, the library the editor's merge uses), loaded when the row is opened.
import { useQuery } from '@tanstack/react-query';
import { diffComm } from 'node-diff3';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { entryTexts } from '../api/import-api.ts';

type Line = { sign: ' ' | '-' | '+'; text: string };

export function diffLines(before: string, after: string): Line[] {
  const out: Line[] = [];
  for (const part of diffComm(before.split('\n'), after.split('\n'))) {
    if (part.common) for (const text of part.common) out.push({ sign: ' ', text });
    else {
      for (const text of part.buffer1) out.push({ sign: '-', text });
      for (const text of part.buffer2) out.push({ sign: '+', text });
    }
  }
  return out;
}

export function EntryDiff({ previewId, entryKey }: { previewId: string; entryKey: string }) {
  const texts = useQuery({
    queryKey: ['import', previewId, entryKey],
    queryFn: () => entryTexts(previewId, entryKey),
    staleTime: Infinity,
  });
  if (texts.isPending) return <LoadingState label="Loading the diff" />;
  if (texts.isError) return <ErrorState title="Cannot load the texts" error={texts.error} />;
  const { text, existingText } = texts.data;
  const lines = existingText === null ? diffLines('', text) : diffLines(existingText, text);
  return (
    <pre className="import-diff mono" aria-label="Diff against the stored resource">
      {lines.map((l, i) => (
        <div key={i} className={l.sign === '+' ? 'diff-add' : l.sign === '-' ? 'diff-del' : ''}>
          {`${l.sign} ${l.text}`}
        </div>
      ))}
    </pre>
  );
}
