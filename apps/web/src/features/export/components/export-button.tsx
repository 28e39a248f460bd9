import { useState } from 'react';
import type { FilterValues } from '@perses-cm/api';
import { ExportDialog } from './export-dialog.tsx';

/** Opens the export of what the list's filters select. */
export function ExportButton({ filters }: { filters: FilterValues }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        Export
      </button>
      <ExportDialog open={open} onClose={() => setOpen(false)} filters={filters} />
    </>
  );
}
