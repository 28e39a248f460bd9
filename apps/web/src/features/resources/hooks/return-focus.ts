// Back from a resource returns to its row: the list remembers which row was opened (by Enter or
// a click) and, when it mounts again, makes that row active, scrolls to it and takes the focus.
let opened: string | null = null;

export function rememberOpened(id: string) {
  opened = id;
}

/** The row opened last, once: a later visit of the list starts as usual. */
export function takeOpened(): string | null {
  const id = opened;
  opened = null;
  return id;
}
