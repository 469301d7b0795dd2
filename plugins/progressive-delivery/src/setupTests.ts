import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The CI machines are small and shared: give async queries and tests room.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(60_000);
