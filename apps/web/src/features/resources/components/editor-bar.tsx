import type { DocFormat } from '@perses-cm/api';
import { formatBytes } from '../../../components/badges.tsx';
import { SIZE_LIMIT, sizeLevel } from '../hooks/document-size.ts';

interface Props {
  where: string;
  bytes: number;
  validating: boolean;
  format: DocFormat;
}

/** Above the text: where it is stored, its live size against the 1 MiB ConfigMap limit, its format. */
export function EditorBar({ where, bytes, validating, format }: Props) {
  const level = sizeLevel(bytes);
  const percent = Math.floor((bytes / SIZE_LIMIT) * 100);
  return (
    <div className="editor-bar">
      <span className="mono ellipsis" title={where}>
        {where}
      </span>
      <span className="spacer" />
      {validating && <span>Validating…</span>}
      <span
        className={`size size-${level}`}
        data-testid="document-size"
        role={level === 'ok' ? undefined : 'status'}
        title={`${bytes.toLocaleString('en')} bytes of the ${SIZE_LIMIT.toLocaleString('en')} a ConfigMap holds`}
      >
        {formatBytes(bytes)} · {percent}% of 1 MiB
        {level === 'error' ? ' — too large' : level === 'warn' ? ' — near the limit' : ''}
      </span>
      <span>{format.toUpperCase()}</span>
    </div>
  );
}
