import MuiTableCell, { TableCellProps } from '@material-ui/core/TableCell';

/** Table cells keep words whole (the theme would otherwise break them anywhere). */
export function TableCell(props: TableCellProps) {
  return (
    <MuiTableCell
      {...props}
      style={{ wordBreak: 'normal', overflowWrap: 'normal', ...props.style }}
    />
  );
}
