import { render } from 'preact';
import { App } from './ui/app.tsx';
import { registerServiceWorker } from './ui/service-worker.ts';
import { startServices } from './ui/services.ts';
import { Starting } from './ui/starting.tsx';
import { StartupError } from './ui/startup-error.tsx';
import './ui/styles.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element.');

render(<Starting />, root);
void registerServiceWorker();
startServices().then(
  (services) => {
    render(<App services={services} />, root);
    // Syncing starts after the first render, so that its storage reads and requests do
    // not hold up the screen.
    services.engine.start();
  },
  (error: unknown) => render(<StartupError error={error} />, root),
);
