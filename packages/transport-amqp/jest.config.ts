/** @jest-config-loader-options {"transpileOnly": true, "skipProject": true} */
import { packageJestConfig } from '../../jest.preset';

export default packageJestConfig(__dirname);
