// Entry point: global styles, the app, and the service worker (C9: installable, offline shell).
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles/base.css';

createRoot(document.getElementById('root')!).render(<App />);

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it the dashboard still works; only offline start and background notices are lost.
    });
  });
}
