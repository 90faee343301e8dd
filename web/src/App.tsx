import { Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { PublicLayout } from './components/PublicLayout';
import { DashboardPage } from './pages/DashboardPage';
import { EvidencePage } from './pages/EvidencePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PublicFeedbackPage } from './pages/PublicFeedbackPage';
import { ReferentialPage } from './pages/ReferentialPage';
import { SetupPage } from './pages/SetupPage';
import { TrainingActionPage } from './pages/TrainingActionPage';
import { TrainingActionsPage } from './pages/TrainingActionsPage';

export function App() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/f/:token" element={<PublicFeedbackPage />} />
      </Route>
      <Route element={<AppLayout />}>
        <Route index element={<DashboardPage />} />
        <Route path="/actions" element={<TrainingActionsPage />} />
        <Route path="/actions/:id" element={<TrainingActionPage />} />
        <Route path="/evidence" element={<EvidencePage />} />
        <Route path="/referential" element={<ReferentialPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
