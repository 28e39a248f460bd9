// A tiny external store for toasts, so non-React code (the mutation cache) can raise them.
import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  tone: 'error' | 'success' | 'info';
  title: string;
  message?: string;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const l of listeners) l();
}

export function showToast(t: Omit<Toast, 'id'>, ttlMs = t.tone === 'error' ? 8000 : 4000) {
  const id = nextId++;
  toasts = [...toasts.slice(-4), { ...t, id }];
  emit();
  window.setTimeout(() => dismissToast(id), ttlMs);
  return id;
}

export function dismissToast(id: number) {
  const next = toasts.filter((t) => t.id !== id);
  if (next.length !== toasts.length) {
    toasts = next;
    emit();
  }
}

export function useToasts(): Toast[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => toasts,
  );
}
