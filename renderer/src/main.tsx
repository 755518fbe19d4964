import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { api } from './api';
import { App } from './app';
import { createQueryClient } from './server-state';
import './styles/app.css';

// The CSP forbids eval; without this zod probes `new Function` at start-up and the page logs a violation.
z.config({ jitless: true });

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App api={api} queryClient={createQueryClient()} />
  </StrictMode>,
);
