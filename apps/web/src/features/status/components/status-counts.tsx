import { Link } from 'react-router';
import type { StatusOverview } from '@perses-cm/api';
import { STATE_INFO, STATES_BY_RANK } from '../../../components/status-badge.tsx';

/** Resources per state, worst first; each count opens the list filtered to that state. */
export function StatusCounts({ overview }: { overview: StatusOverview }) {
  return (
    <ul className="status-counts" aria-label="Resources per status">
      {STATES_BY_RANK.map((state) => {
        const n = overview.counts[state] ?? 0;
        const info = STATE_INFO[state];
        return (
          <li key={state} className={`count-tile${n > 0 ? ` count-${state}` : ' count-zero'}`}>
            <Link
              to={{ pathname: '/', search: `?status=${state}` }}
              aria-label={`${info.label}: ${n}`}
              title={`${info.label}: ${info.means}. Open the list filtered to it.`}
            >
              <span className="count-n">{n}</span>
              <span className="count-label">
                <span aria-hidden="true">{info.glyph}</span> {info.label}
              </span>
            </Link>
          </li>
        );
      })}
      <li className="count-tile count-total">
        <span className="count-n">{overview.total}</span>
        <span className="count-label">resources</span>
      </li>
      <li className={`count-tile${overview.orphans > 0 ? ' count-orphans' : ' count-zero'}`}>
        <a href="#orphans" aria-label={`Orphans: ${overview.orphans}`}>
          <span className="count-n">{overview.orphans}</span>
          <span className="count-label">orphans in Perses</span>
        </a>
      </li>
    </ul>
  );
}
