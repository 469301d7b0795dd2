import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import EmojiEventsIcon from '@material-ui/icons/EmojiEvents';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import {
  ScorecardCheck,
  ScorecardLevel,
  ScorecardLevelRule,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { LEVEL_LABELS, levelProgress } from './levelProgress';

/** Medal colours for the icon only: the level is always written out as well. */
/** Rule texts come from the backend: end them with a full stop before appending to them. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** `Silver: …`, without naming the level twice when the description already starts with it. */
function ruleText(rule: ScorecardLevelRule): string {
  const label = LEVEL_LABELS[rule.level];
  const named = rule.description
    .trim()
    .toLocaleLowerCase('en-US')
    .startsWith(`${rule.level}:`);
  return sentence(
    named ? rule.description.trim() : `${label}: ${rule.description}`,
  );
}

const MEDAL_COLORS: Record<Exclude<ScorecardLevel, 'none'>, string> = {
  bronze: '#b07a48',
  silver: '#9aa4a6',
  gold: '#d4a82a',
};

/**
 * The maturity level as a labelled badge. Given the level rules (and the checks), the rule the
 * entity meets and what the next level still needs are written next to it.
 * @public
 */
export function ScorecardLevelBadge(props: {
  level: ScorecardLevel;
  rules?: ScorecardLevelRule[];
  checks?: ScorecardCheck[];
  size?: 'small' | 'medium';
}) {
  const { level, rules, checks } = props;
  const label = LEVEL_LABELS[level];
  const badge = (
    <Chip
      variant="outlined"
      size={props.size ?? 'medium'}
      data-level={level}
      aria-label={`Level: ${label}`}
      icon={
        level === 'none' ? (
          <RemoveCircleOutlineIcon />
        ) : (
          <EmojiEventsIcon style={{ color: MEDAL_COLORS[level] }} />
        )
      }
      label={label}
    />
  );
  if (!rules) return badge;
  const { current, next, blocking } = levelProgress(level, rules, checks);
  return (
    <Box display="flex" alignItems="flex-start" style={{ gap: 12 }}>
      {badge}
      <Box>
        <Typography variant="body2" data-testid="level-rule">
          {current ? ruleText(current) : 'No level reached yet.'}
        </Typography>
        {next && (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="next-level-rule"
          >
            Next level, {ruleText(next)}
            {blocking.length > 0 &&
              ` Failing now: ${blocking.map(c => c.title).join(', ')}.`}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
