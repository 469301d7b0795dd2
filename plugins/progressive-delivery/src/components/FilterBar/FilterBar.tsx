import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/** A row of filter controls that wraps on narrow screens. */
export function FilterBar(props: { children: ReactNode }) {
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 16 }}
      mb={2}
      alignItems="flex-end"
    >
      {props.children}
    </Box>
  );
}

/** A labelled select of one filter; the empty value means "Any". */
export function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  options: string[];
  onChange: (value: string) => void;
}) {
  const { id, label, value, options, onChange } = props;
  return (
    <FormControl style={{ minWidth: 160 }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={value}
        onChange={e => onChange(e.target.value as string)}
        inputProps={{
          'aria-label': `Filter by ${label.toLocaleLowerCase('en-US')}`,
        }}
      >
        <MenuItem value="">Any</MenuItem>
        {options.map(option => (
          <MenuItem key={option} value={option}>
            {option}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
