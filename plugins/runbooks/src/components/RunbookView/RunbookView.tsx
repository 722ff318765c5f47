import { CompoundEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import {
  AlertMapping,
  Runbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { useCallback } from 'react';
import { useRunbook } from '../../hooks/useRunbook';
import { formatDate } from '../../utils/relativeTime';
import { RunbookHeader } from './RunbookHeader';
import { RunbookMarkdown } from './RunbookMarkdown';
import { resolveRunbookHref } from './resolveRunbookHref';

/** Props of {@link RunbookView}. */
export type RunbookViewProps = {
  entityRef: CompoundEntityRef;
  /** The runbook as listed for the entity. */
  runbook: Runbook;
  /** All runbooks of the entity, so that links between them stay in the portal. */
  runbooks?: Runbook[];
  /** The entity's alert mappings; those to this runbook are shown. */
  alerts?: AlertMapping[];
};

function ReviewWarning(props: { runbook: Runbook }) {
  const { status, nextReview } = props.runbook;
  if (status === 'stale') {
    return (
      <Alert severity="warning">
        This runbook is overdue for review
        {nextReview ? ` (due ${formatDate(nextReview)})` : ''}; check its steps
        against the system before relying on them.
      </Alert>
    );
  }
  if (status === 'never-reviewed') {
    return (
      <Alert severity="warning">
        This runbook has never been reviewed; check its steps against the system
        before relying on them.
      </Alert>
    );
  }
  return null;
}

function RunbookBody(props: RunbookViewProps) {
  const { entityRef, runbook, runbooks = [], alerts = [] } = props;
  const { value: loaded, loading, error } = useRunbook(entityRef, runbook.id);
  // The hook keeps the previous runbook while the next one loads.
  const value = loaded?.id === runbook.id ? loaded : undefined;
  const current = value ?? runbook;
  const resolveHref = useCallback(
    (href: string) => resolveRunbookHref(href, current, runbooks),
    [current, runbooks],
  );
  return (
    <>
      <RunbookHeader
        runbook={current}
        alertMappings={alerts.filter(a => a.runbookId === runbook.id)}
      />
      <ReviewWarning runbook={current} />
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <RunbookMarkdown markdown={value.markdown} resolveHref={resolveHref} />
      )}
    </>
  );
}

/** One runbook: its facts, review warnings and rendered text. */
export function RunbookView(props: RunbookViewProps) {
  const { runbook } = props;
  if (runbook.missing) {
    return (
      <>
        <RunbookHeader runbook={runbook} />
        <Alert severity="warning">
          Listed in the runbook index but the file does not exist:{' '}
          <code>{runbook.path}</code>
        </Alert>
      </>
    );
  }
  return <RunbookBody {...props} />;
}
