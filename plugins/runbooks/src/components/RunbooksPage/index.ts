export { RunbooksPage } from './RunbooksPage';
export { RunbooksCoverage } from './RunbooksCoverage';
