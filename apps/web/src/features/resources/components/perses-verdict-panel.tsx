import type { PersesVerdict } from '../hooks/use-editor-findings.ts';
import { persesMessageText } from '@perses-cm/resources';

/**
 * Perses's own verdict on the text, in full: its refusal is shown whole (each field is also a
 * problem on its line), and when Perses was not asked, the reason is given instead of silence.
 */
export function PersesVerdictPanel({ perses }: { perses: PersesVerdict | undefined }) {
  return (
    <section className="panel" aria-label="Perses validation">
      <h3>Perses validation</h3>
      <div className="panel-body">
        {!perses ? (
          <span className="muted">The stored text: Perses is asked once you change it.</span>
        ) : perses.checked ? (
          perses.valid ? (
            <span className="badge badge-ok">Accepted by Perses</span>
          ) : (
            <>
              <span className="badge badge-error">Perses refuses this document</span>
              <pre className="perses-message" data-testid="perses-message">
                {persesMessageText(perses.message ?? '')}
              </pre>
            </>
          )
        ) : (
          <span className="muted" data-testid="perses-skipped">
            Not checked: {perses.skipped ?? 'no Perses URL configured'}
          </span>
        )}
      </div>
    </section>
  );
}
