import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { RunbookProblem } from '@runbooks-for-backstage/plugin-runbooks-common';

/** The entity's runbook setup problems, errors first. */
export function RunbookProblems(props: { problems: RunbookProblem[] }) {
  const problems = [...props.problems].sort(
    (a, b) => rank(a.level) - rank(b.level),
  );
  if (!problems.length) return null;
  return (
    <Box display="flex" flexDirection="column" gridGap={8} mb={2}>
      {problems.map((problem, index) => (
        <Alert key={index} severity={problem.level}>
          {problem.message}
        </Alert>
      ))}
    </Box>
  );
}

function rank(level: RunbookProblem['level']): number {
  return level === 'error' ? 0 : 1;
}
