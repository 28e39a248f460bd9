import type { PlannedPlace } from '../hooks/planned-place.ts';

/** Before Create: the ConfigMap and key, or the chart file, the document will be written to. */
export function PlacementBanner({ place }: { place: PlannedPlace }) {
  return (
    <div className="banner banner-info" role="status" aria-label="Placement">
      <span>
        Will be stored as{' '}
        {place.type === 'file' && place.path !== null ? (
          <>
            file <code data-testid="placement-file">{place.path}</code> of the chart
          </>
        ) : place.type === 'configmap' && place.key !== null ? (
          <>
            ConfigMap{' '}
            <code data-testid="placement-configmap">
              {place.namespace}/{place.configMapName}
            </code>{' '}
            key <code data-testid="placement-key">{place.key}</code>
          </>
        ) : (
          <span className="muted">
            — {(place.type === 'file' && place.problem) || 'set a valid kind and metadata.name'}
          </span>
        )}
      </span>
    </div>
  );
}
