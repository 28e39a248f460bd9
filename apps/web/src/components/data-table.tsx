// The table the import, settings and audit pages show: a scrolling box, a header row of column
// names and one row per item, so every such table is named for screen readers, scopes its
// headers and keeps one look. None of them sorts, so this does not either.
import { Fragment, type ReactNode } from 'react';
import './data-table.css';

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Class of the column's cells, e.g. `mono`. */
  className?: string;
  /** Hover text of a cell. */
  title?: (row: Row) => string | undefined;
  /** The column names its row: its cells are `<th scope="row">`. */
  rowHeader?: boolean;
}

export interface DataTableProps<Row> {
  /** The table's accessible name. */
  label: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** `data-*` attributes of a row, for styles and tests. */
  rowData?: (row: Row) => Record<`data-${string}`, string>;
  /** A row of its own below the item's, across every column, when it gives something. */
  detail?: (row: Row) => ReactNode;
  /** The table's class: `data-table` (compact, sticky header) or another table style. */
  className?: string;
  /** The class of the scrolling box around it. */
  scrollClassName?: string;
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  const { columns, rows, rowKey, rowData, detail } = props;
  return (
    <div className={props.scrollClassName}>
      <table className={props.className ?? 'data-table'} aria-label={props.label}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const more = detail?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr {...rowData?.(row)}>
                  {columns.map((c, i) => {
                    const cell = { className: c.className, title: c.title?.(row) };
                    return c.rowHeader ? (
                      <th key={i} scope="row" {...cell}>
                        {c.cell(row)}
                      </th>
                    ) : (
                      <td key={i} {...cell}>
                        {c.cell(row)}
                      </td>
                    );
                  })}
                </tr>
                {more ? (
                  <tr>
                    <td colSpan={columns.length}>{more}</td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
