/** Entry of the big screen (`screen.html`, served at `/screen`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ScreenApp } from './screen-app';
import './screen.css';

const container = document.getElementById('root');
if (!container) throw new Error('missing #root');
const client = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });
createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <ScreenApp />
    </QueryClientProvider>
  </StrictMode>,
);
