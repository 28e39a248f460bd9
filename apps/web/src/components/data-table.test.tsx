import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataTable, type Column, type DataTableProps } from './data-table.tsx';

interface Row {
  name: string;
  value: string;
}
const rows: Row[] = [
  { name: 'alpha', value: 'one' },
  { name: 'beta', value: 'two' },
];
const columns: Column<Row>[] = [
  { header: 'Name', rowHeader: true, cell: (r) => r.name },
  { header: 'Value', className: 'mono', title: (r) => `is ${r.value}`, cell: (r) => r.value },
];
const renderTable = (more: Partial<DataTableProps<Row>>) =>
  render(
    <DataTable label="Things" columns={columns} rows={rows} rowKey={(r) => r.name} {...more} />,
  );

describe('DataTable', () => {
  afterEach(cleanup);

  it('is named, scopes its column and row headers, and marks rows with their data', () => {
    renderTable({ rowData: (r) => ({ 'data-name': r.name }) });
    const table = screen.getByRole('table', { name: 'Things' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => [h.textContent, h.getAttribute('scope')])).toEqual([
      ['Name', 'col'],
      ['Value', 'col'],
    ]);
    const beta = within(table).getByRole('row', { name: /beta/ });
    expect(beta.dataset.name).toBe('beta');
    expect(within(beta).getByRole('rowheader').getAttribute('scope')).toBe('row');
    const cell = within(beta).getByRole('cell');
    expect([cell.textContent, cell.className, cell.title]).toEqual(['two', 'mono', 'is two']);
  });

  it('shows a detail row across every column only where one is given', () => {
    renderTable({ detail: (r) => (r.name === 'alpha' ? 'more on alpha' : null) });
    // A header row, two item rows and alpha's detail.
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.getByText('more on alpha').getAttribute('colspan')).toBe('2');
  });
});
