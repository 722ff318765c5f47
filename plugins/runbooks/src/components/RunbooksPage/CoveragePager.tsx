import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/** Which services of how many the runbooks table shows, with the way to the next page. */
export function CoveragePager(props: {
  page: { offset: number; limit: number; total: number };
  onPage: (page: number) => void;
}) {
  const { offset, limit, total } = props.page;
  const current = Math.floor(offset / limit) + 1;
  const last = Math.max(1, Math.ceil(total / limit));
  const shown = total
    ? `Services ${offset + 1}–${Math.min(offset + limit, total)} of ${total}`
    : 'No service matches these filters';
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      gridGap={8}
      mt={1}
      component="nav"
      aria-label="Service pages"
    >
      <Typography variant="body2">{shown}</Typography>
      <Button
        size="small"
        disabled={current <= 1}
        onClick={() => props.onPage(current - 1)}
      >
        Previous
      </Button>
      <Button
        size="small"
        disabled={current >= last}
        onClick={() => props.onPage(current + 1)}
      >
        Next
      </Button>
    </Box>
  );
}
