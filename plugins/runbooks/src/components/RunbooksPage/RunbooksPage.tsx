import { Content, Header, Page } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { AlertPage } from '../AlertPage';
import { FiringPage } from '../Firing/FiringPage';
import { RunbooksCoverage } from './RunbooksCoverage';

/**
 * The Runbooks page: coverage across the catalog at its root, the alert
 * landing page at `alerts/:alertName`.
 */
export function RunbooksPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Runbooks"
        subtitle="Runbook coverage and review status across the catalog"
      />
      <Content>
        <Routes>
          <Route path="/" element={<RunbooksCoverage />} />
          <Route path="firing" element={<FiringPage />} />
          <Route path="alerts/:alertName" element={<AlertPage />} />
          {/* Alert names holding a raw `/` */}
          <Route path="alerts/*" element={<AlertPage />} />
        </Routes>
      </Content>
    </Page>
  );
}
