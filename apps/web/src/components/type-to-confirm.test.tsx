import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useTypeToConfirm } from './type-to-confirm.tsx';

function Confirming({ name }: { name: string }) {
  const { field, confirmed } = useTypeToConfirm(name, 'Name to confirm');
  return (
    <>
      {field}
      <button type="button" disabled={!confirmed}>
        Delete
      </button>
    </>
  );
}

const type = (text: string) =>
  fireEvent.change(screen.getByLabelText('Name to confirm'), { target: { value: text } });
const deleteButton = () => screen.getByRole('button', { name: 'Delete' });

afterEach(cleanup);

describe('type the name to confirm', () => {
  it('shows the name to type and allows the delete only once it is typed exactly', () => {
    render(<Confirming name="cpu-usage" />);
    expect(screen.getByText('cpu-usage').tagName).toBe('CODE');
    expect(deleteButton()).toHaveProperty('disabled', true);
    type('cpu-usag');
    expect(deleteButton()).toHaveProperty('disabled', true);
    type('CPU-usage');
    expect(deleteButton()).toHaveProperty('disabled', true);
    type('cpu-usage ');
    expect(deleteButton()).toHaveProperty('disabled', true);
    type('cpu-usage');
    expect(deleteButton()).toHaveProperty('disabled', false);
  });
});
