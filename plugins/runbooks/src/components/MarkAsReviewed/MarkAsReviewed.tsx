import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import DoneAllIcon from '@material-ui/icons/DoneAll';
import Alert from '@material-ui/lab/Alert';
import {
  Runbook,
  runbooksReviewCreatePermission,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { useState } from 'react';
import { RecordReviewResult, runbooksApiRef } from '../../api';
import { displayRef } from '../../utils/entityRefs';

/** Props of {@link MarkAsReviewed}. */
export type MarkAsReviewedProps = {
  entityRef: CompoundEntityRef;
  runbook: Runbook;
  /** The entity's owner (`spec.owner`), named when the user may not review. */
  owner?: string;
  /** Called with the runbook's new state once the review is recorded. */
  onReviewed?: (result: RecordReviewResult) => void;
};

/** `payments` for `group:default/payments`; the text itself if unreadable. */
export function ownerDisplayName(
  owner: string | undefined,
  namespace: string = 'default',
): string {
  if (!owner) return 'the owning group';
  return displayRef(owner, { defaultNamespace: namespace });
}

/** The backend's own message for a failed request, else the error's. */
function errorMessage(error: Error): string {
  const body = (error as { body?: { error?: { message?: string } } }).body;
  return body?.error?.message || error.message;
}

function ReviewDialog(props: {
  runbook: Runbook;
  open: boolean;
  saving: boolean;
  error?: Error;
  onCancel: () => void;
  onSubmit: (note: string) => void;
}) {
  const { runbook, open, saving, error, onCancel, onSubmit } = props;
  const [note, setNote] = useState('');
  return (
    <Dialog
      open={open}
      onClose={saving ? undefined : onCancel}
      aria-labelledby="runbooks-mark-reviewed-title"
      fullWidth
      maxWidth="sm"
    >
      <form
        onSubmit={event => {
          event.preventDefault();
          onSubmit(note);
        }}
      >
        <DialogTitle id="runbooks-mark-reviewed-title">
          Mark “{runbook.title}” as reviewed
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Confirm that you re-read this runbook and that its steps match the
            system today. The review is recorded under your name and restarts
            its review interval ({runbook.reviewInterval}).
          </DialogContentText>
          <TextField
            id="runbooks-review-note"
            label="Note (optional)"
            helperText="What you checked or changed, for the next reviewer"
            value={note}
            onChange={event => setNote(event.target.value)}
            multiline
            minRows={2}
            fullWidth
            variant="outlined"
            inputProps={{ maxLength: 1000 }}
            disabled={saving}
          />
          {error && (
            <Box mt={2}>
              <Alert severity="error">{errorMessage(error)}</Alert>
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={saving}
          >
            {saving ? 'Saving…' : 'Mark as reviewed'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/**
 * "Mark as reviewed": a button opening a dialog with an optional note, for
 * those allowed to review the entity's runbooks; disabled with the reason for
 * everyone else.
 */
export function MarkAsReviewed(props: MarkAsReviewedProps) {
  const { entityRef, runbook, owner, onReviewed } = props;
  const api = useApi(runbooksApiRef);
  const permission = usePermission({
    permission: runbooksReviewCreatePermission,
    resourceRef: stringifyEntityRef(entityRef),
  });
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState(false);

  const submit = async (note: string) => {
    setSaving(true);
    setError(undefined);
    try {
      const result = await api.recordReview(entityRef, runbook.id, note);
      setOpen(false);
      setDone(true);
      onReviewed?.(result);
    } catch (e) {
      setError(e as Error);
    } finally {
      setSaving(false);
    }
  };

  const reason = permission.error
    ? `Could not check whether you may mark runbooks as reviewed: ${permission.error.message}`
    : `Only members of ${ownerDisplayName(
        owner,
        entityRef.namespace,
      )} can mark runbooks as reviewed`;
  const denied = !permission.loading && !permission.allowed;

  const button = (
    <Button
      variant="outlined"
      color="primary"
      size="small"
      startIcon={<DoneAllIcon />}
      disabled={!permission.allowed}
      onClick={() => {
        setError(undefined);
        setDone(false);
        setOpen(true);
      }}
      aria-haspopup="dialog"
      aria-describedby={denied ? 'runbooks-mark-reviewed-reason' : undefined}
    >
      Mark as reviewed
    </Button>
  );

  return (
    <Box display="flex" flexDirection="column" alignItems="flex-end">
      {denied ? (
        <Tooltip title={reason}>
          {/* A disabled button fires no events; the span carries the tooltip. */}
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {denied && (
        <Typography
          id="runbooks-mark-reviewed-reason"
          variant="caption"
          color="textSecondary"
        >
          {reason}
        </Typography>
      )}
      {done && (
        <Box
          role="status"
          display="flex"
          alignItems="center"
          gridGap={4}
          color="success.main"
        >
          <CheckCircleIcon fontSize="small" />
          <Typography variant="caption">Marked as reviewed</Typography>
        </Box>
      )}
      {open && (
        <ReviewDialog
          runbook={runbook}
          open={open}
          saving={saving}
          error={error}
          onCancel={() => setOpen(false)}
          onSubmit={submit}
        />
      )}
    </Box>
  );
}
