import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// UI tests render whole pages (the coverage tables hundreds of MUI cells, the
// pages lazily loaded): tens of seconds per test when the two cores are busy.
jest.setTimeout(120_000);
configure({ asyncUtilTimeout: 10_000 });
