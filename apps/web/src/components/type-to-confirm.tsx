import { useState, type ReactElement } from 'react';

export interface TypeToConfirm {
  /** The field asking for the name, to place in the dialog. */
  field: ReactElement;
  /** What was typed. */
  typed: string;
  /** The name was typed exactly (case and all): the destructive action may go ahead. */
  confirmed: boolean;
}

/**
 * "Type the name to confirm" before a delete that cannot be undone: a slip of the mouse cannot
 * delete, and the name read back is the one that goes.
 */
export function useTypeToConfirm(name: string, ariaLabel: string): TypeToConfirm {
  const [typed, setTyped] = useState('');
  const field = (
    <label className="field">
      <span>
        Type <code>{name}</code> to confirm
      </span>
      <input
        className="input"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        aria-label={ariaLabel}
        autoFocus
      />
    </label>
  );
  return { field, typed, confirmed: typed === name };
}
