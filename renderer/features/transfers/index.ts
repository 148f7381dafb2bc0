export { TransfersPage } from './transfers-page.js';
