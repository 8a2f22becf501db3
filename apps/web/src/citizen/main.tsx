/** Entry of the citizen pages (`m.html`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CitizenApp } from './app';
import './citizen.css';

const container = document.getElementById('root');
if (!container) throw new Error('missing #root');
createRoot(container).render(
  <StrictMode>
    <CitizenApp />
  </StrictMode>,
);
