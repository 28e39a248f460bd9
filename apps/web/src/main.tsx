// First, before any module that builds a schema: zod without eval, for the page's CSP.
import '@perses-cm/api/browser';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/theme.css';
import { fetchFirstRequests } from './lib/early-requests.ts';
import { initTheme } from './lib/theme.ts';

fetchFirstRequests();
initTheme();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// Loaded only now: a static import would run the app's schema modules before the line above.
const { App } = await import('./app/app.tsx');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
