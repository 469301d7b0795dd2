import Typography from '@material-ui/core/Typography';

/**
 * Says that a refetch failed while older data stays on screen (the data hooks keep the last
 * value on errors); renders nothing without an error.
 */
export function RefreshError(props: {
  error?: Error;
  /** What could not be refreshed, e.g. `the SLOs`; omitted on pages about one thing. */
  what?: string;
}) {
  const { error, what } = props;
  if (!error) return null;
  return (
    <Typography variant="body2" color="error" role="alert">
      {`Could not refresh${what ? ` ${what}` : ''}: ${
        error.message
      }. Showing the last data.`}
    </Typography>
  );
}
