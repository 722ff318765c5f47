import { CompoundEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  AlertMapping,
  Runbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { useCallback, useMemo, useState } from 'react';
import { RecordReviewResult } from '../../api';
import { useRunbook } from '../../hooks/useRunbook';
import { formatDate } from '../../utils/relativeTime';
import { MarkAsReviewed } from '../MarkAsReviewed';
import { ReviewHistory } from '../ReviewHistory';
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
  /** The entity's owner (`spec.owner`): who may mark its runbooks as reviewed. */
  entityOwner?: string;
  /** Called with the runbook's new state after "Mark as reviewed". */
  onReviewed?: (runbook: Runbook) => void;
};

const WHAT_TO_DO = 're-read it, fix what is wrong, then Mark as reviewed.';

function ReviewWarning(props: { runbook: Runbook }) {
  const { runbook } = props;
  if (runbook.status === 'stale') {
    const due = runbook.nextReview;
    return (
      <Alert severity="warning">
        <AlertTitle>
          {due ? `Overdue since ${formatDate(due)}` : 'Overdue for review'}:{' '}
          {WHAT_TO_DO}
        </AlertTitle>
        {runbook.lastReviewed
          ? `Last reviewed ${formatDate(runbook.lastReviewed)}. `
          : ''}
        Until then, check its steps against the system before relying on them.
      </Alert>
    );
  }
  if (runbook.status === 'never-reviewed') {
    return (
      <Alert severity="warning">
        <AlertTitle>Never reviewed: {WHAT_TO_DO}</AlertTitle>
        Nothing says when this runbook was last checked (no review in the
        portal, no <code>last-reviewed</code> in its front matter, no “Last
        Updated” line). Check its steps against the system before relying on
        them.
      </Alert>
    );
  }
  return null;
}

function RunbookBody(props: RunbookViewProps) {
  const {
    entityRef,
    runbook,
    runbooks = [],
    alerts = [],
    entityOwner,
    onReviewed,
  } = props;
  const { value: loaded, loading, error } = useRunbook(entityRef, runbook.id);
  // The hook keeps the previous runbook while the next one loads.
  const value = loaded?.id === runbook.id ? loaded : undefined;
  // The runbook as the last "Mark as reviewed" answered, over what was read.
  const [reviewed, setReviewed] = useState<Runbook>();
  const [reviews, setReviews] = useState(0);
  const base = value ?? runbook;
  const current = useMemo(
    () => (reviewed ? { ...base, ...reviewed } : base),
    [base, reviewed],
  );
  const handleReviewed = useCallback(
    (result: RecordReviewResult) => {
      setReviewed(result.runbook);
      setReviews(n => n + 1);
      onReviewed?.(result.runbook);
    },
    [onReviewed],
  );
  const resolveHref = useCallback(
    (href: string) => resolveRunbookHref(href, current, runbooks),
    [current, runbooks],
  );
  return (
    <>
      <RunbookHeader
        runbook={current}
        alertMappings={alerts.filter(a => a.runbookId === runbook.id)}
        actions={
          <MarkAsReviewed
            entityRef={entityRef}
            runbook={current}
            owner={entityOwner}
            onReviewed={handleReviewed}
          />
        }
      />
      <ReviewHistory
        entityRef={entityRef}
        runbookId={runbook.id}
        refreshKey={reviews}
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
