import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { PlacesProvider } from './features/search/index.js';
import { LanguageProvider } from './i18n/provider.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LanguageProvider>
      <PlacesProvider>
        <App />
      </PlacesProvider>
    </LanguageProvider>
  </StrictMode>,
);
