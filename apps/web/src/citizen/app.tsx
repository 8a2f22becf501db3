/** The citizen app's routes under `/m`. */
import { BrowserRouter, Route, Routes } from 'react-router';
import { ComingSoonPage } from './coming-soon-page';
import { HomePage } from './home-page';
import { I18nProvider } from './i18n';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { StationPage } from './station-page';
import { SubmitPage } from './submit-page';
import { SuccessPage } from './success-page';
import { OpinionPage, TrackPage } from './track-page';

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
            <Route path="submit" element={<SubmitPage />} />
            <Route path="success" element={<SuccessPage />} />
            <Route path="track" element={<TrackPage />} />
            <Route path="track/:trackingCode" element={<OpinionPage />} />
            <Route path="suggestions/:id" element={<ComingSoonPage textKey="comingSoonSuggestion" />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </I18nProvider>
  );
}
