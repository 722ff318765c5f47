import '@testing-library/jest-dom';

// UI tests render whole pages; on a loaded 2-core machine 5 s is not enough.
jest.setTimeout(30_000);
