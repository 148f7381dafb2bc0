export { DaemonPage } from './daemon-page.js';
