export { ServersPage } from './servers-page.js';
