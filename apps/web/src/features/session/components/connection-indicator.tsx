import { useConnectionState, type ConnectionStatus } from '../../../lib/event-stream.ts';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting',
  connected: 'Live',
  reconnecting: 'Reconnecting',
  stale: 'Stale',
};

const HINTS: Record<ConnectionStatus, string> = {
  connecting: 'Opening the live update stream…',
  connected: 'Changes made by others appear here as they happen.',
  reconnecting: 'The live connection dropped; changes are not shown until it is back.',
  stale: 'The server cannot refresh from its store; what you see may be out of date.',
};

/** Live-connection state of the SSE stream: connected, reconnecting, or stale. */
export function ConnectionIndicator() {
  const { status, detail } = useConnectionState();
  const hint = detail ? `${HINTS[status]} ${detail}` : HINTS[status];
  return (
    <span
      className={`conn conn-${status}`}
      role="status"
      aria-label={`Live updates: ${LABELS[status]}`}
      title={hint}
      data-status={status}
    >
      <span className="conn-dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
