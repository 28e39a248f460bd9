import { ExportButton } from '../features/export/components/export-button.tsx';
import { ResourceListPage } from '../features/resources/components/resource-list-page.tsx';

/** The list with the actions other features add to its head: features never import each other. */
export function ListPage() {
  return <ResourceListPage headerActions={(filters) => <ExportButton filters={filters} />} />;
}
