export { StoragePage } from './storage-page.js';
