import { createRoot } from 'react-dom/client';
import { App } from '../src/app';
import { createQueryClient } from '../src/server-state';
import { createDevFake } from '../src/testing/dev-fake';
import '../src/styles/app.css';

// The real UI against an in-memory main, for working on the renderer without Electron or registries.
const root = document.getElementById('root');
if (root !== null) createRoot(root).render(<App api={createDevFake()} queryClient={createQueryClient()} />);
