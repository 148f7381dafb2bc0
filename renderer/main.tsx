import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { PlacesProvider } from './features/search/index.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PlacesProvider>
      <App />
    </PlacesProvider>
  </StrictMode>,
);
