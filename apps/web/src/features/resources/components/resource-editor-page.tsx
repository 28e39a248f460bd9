import { useLocation, useParams } from 'react-router';
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
    return (
      <ErrorState
        title="This resource could not be loaded"
        error={error}
        onRetry={() => void refetch()}
      />
    );
  }
  return <ResourceEditor key={id} stored={data} storedError={error} backSearch={backSearch} />;
}
