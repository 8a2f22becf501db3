/** Entry of the console (`console.html`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/setup';
import { ConsoleApp } from './app';
import './console.css';

const container = document.getElementById('root');
if (!container) throw new Error('missing #root');
createRoot(container).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
);
