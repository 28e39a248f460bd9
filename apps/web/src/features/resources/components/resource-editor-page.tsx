import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../../lib/api-client.ts';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { useResource } from '../api/get-resource.ts';
import { ResourceEditor } from './resource-editor.tsx';

/** Route /resources/:id (lazy chunk with Monaco). */
export default function ResourceEditorPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { data, error, isPending, refetch } = useResource(id);
  const backSearch = (location.state as { from?: string } | null)?.from ?? location.search;
  if (isPending) return <LoadingState label="Loading resource" />;
  if (!data) {
    const missing = isApiError(error, 'not_found');
    return (
      <>
        <ErrorState
          title={
            missing
              ? 'This resource does not exist (any more)'
              : 'This resource could not be loaded'
          }
          error={error}
          onRetry={missing ? undefined : () => void refetch()}
        />
        <p className="state-link">
          <Link to={{ pathname: '/', search: backSearch }}>Back to the resource list</Link>
        </p>
      </>
    );
  }
  return <ResourceEditor key={id} stored={data} storedError={error} backSearch={backSearch} />;
}
