/** The citizen app's routes under `/m`. */
import { BrowserRouter, Route, Routes } from 'react-router';
import { ComingSoonPage } from './coming-soon-page';
import { HomePage } from './home-page';
import { I18nProvider } from './i18n';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { StationPage } from './station-page';

/** Client-side base path; the server serves m.html for `/m` and `/m/*`. */
export const CITIZEN_BASENAME = '/m';

export function CitizenApp() {
  return (
    <I18nProvider>
      <BrowserRouter basename={CITIZEN_BASENAME}>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<HomePage />} />
            <Route path="stations/:id" element={<StationPage />} />
            <Route path="submit" element={<ComingSoonPage textKey="comingSoonSubmit" />} />
            <Route path="track" element={<ComingSoonPage textKey="comingSoonTrack" />} />
            <Route path="track/:trackingCode" element={<ComingSoonPage textKey="comingSoonTrack" />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </I18nProvider>
  );
}
