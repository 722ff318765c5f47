import MenuBookIcon from '@material-ui/icons/MenuBook';
import { RunbookSearchResultListItem } from '@runbooks-for-backstage/plugin-runbooks';

/**
 * The result items of the sidebar search modal: runbook hits get their own
 * item, linking straight to the runbook; other types use the default item.
 */
export const searchModalResultItems = (
  <RunbookSearchResultListItem icon={<MenuBookIcon />} />
);
