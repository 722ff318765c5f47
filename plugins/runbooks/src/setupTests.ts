import '@testing-library/jest-dom';

// UI tests render whole pages (the coverage tables hundreds of MUI cells):
// tens of seconds per test when the two cores are busy.
jest.setTimeout(120_000);
