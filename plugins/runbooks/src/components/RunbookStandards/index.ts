export { StandardsChip } from './StandardsChip';
export { ChecksList } from './ChecksList';
export { WriteRunbookButton } from './WriteRunbookButton';
export {
  compareScores,
  editUrlOf,
  formatScore,
  missingSections,
  standardSourceLabel,
  writeAlertRunbook,
  writeMissingSections,
} from './standards';
