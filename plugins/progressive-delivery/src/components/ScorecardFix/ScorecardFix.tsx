import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import BuildIcon from '@material-ui/icons/Build';
import { Link } from '@backstage/core-components';
import { ScorecardFix as ScorecardFixValue } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { safeDocsUrl, templatePath } from './templatePath';

/**
 * How to make a failing check pass: the fix in words, its documentation and the scaffolder
 * template that sets it up.
 * @public
 */
export function ScorecardFix(props: {
  fix: ScorecardFixValue;
  /** The check it fixes, for link labels. */
  checkTitle: string;
}) {
  const { fix, checkTitle } = props;
  const docs = safeDocsUrl(fix.url);
  const template = templatePath(fix.templateRef);
  return (
    <Box
      display="flex"
      alignItems="flex-start"
      style={{ gap: 6 }}
      aria-label={`How to fix ${checkTitle}`}
      role="group"
    >
      <BuildIcon fontSize="small" color="action" aria-hidden />
      <Box>
        <Typography variant="body2">
          <strong>Fix:</strong> {fix.text}
        </Typography>
        {(docs || template) && (
          <Typography variant="body2" component="div">
            {docs && (
              <Link to={docs} aria-label={`Documentation for ${checkTitle}`}>
                Documentation
              </Link>
            )}
            {docs && template && ' · '}
            {template && (
              <Link
                to={template}
                aria-label={`Template for ${checkTitle}: ${fix.templateRef}`}
              >
                Use the template {fix.templateRef}
              </Link>
            )}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
