// Registers cdktf's jest matchers (toHaveResourceWithProperties, toHaveProvider, …) for every test file.
import { setupJest } from 'cdktf/lib/testing/adapters/jest';
import '../../src/testing/jest';

setupJest();
