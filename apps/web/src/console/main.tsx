/** Entry of the console (`console.html`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadLanguage } from './i18n/setup';
import { readLanguage } from '../shared/language';
import { ConsoleApp } from './app';
import './console.css';

const container = document.getElementById('root');
if (!container) throw new Error('missing #root');
// English words are a chunk of their own: wait for them when English is the remembered choice.
void loadLanguage(readLanguage()).finally(() =>
  createRoot(container).render(
    <StrictMode>
      <ConsoleApp />
    </StrictMode>,
  ),
);
