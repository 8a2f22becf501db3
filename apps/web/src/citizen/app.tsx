/** The citizen app's routes under `/m`. */
import { BrowserRouter, Route, Routes } from 'react-router';
import { BookingPage } from './booking-page';
import { HomePage } from './home-page';
import { I18nProvider } from './i18n';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { OpenPage } from './open-page';
import { StationPage } from './station-page';
import { SubmitPage } from './submit-page';
import { SuccessPage } from './success-page';
import { OpinionPage, TrackPage } from './track-page';
import { ComparisonPage } from './comparison-page';
import { SuggestionPage } from './suggestion-page';
import { VotingRoundPage, VotingRoundsPage } from './voting-page';

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
            <Route path="open" element={<OpenPage />} />
            <Route path="suggestions/:id" element={<SuggestionPage />} />
            <Route path="voting" element={<VotingRoundsPage />} />
            <Route path="voting/:id" element={<VotingRoundPage />} />
            <Route path="comparison" element={<ComparisonPage />} />
            <Route path="bookings" element={<BookingPage />} />
            <Route path="bookings/:code" element={<BookingPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </I18nProvider>
  );
}
