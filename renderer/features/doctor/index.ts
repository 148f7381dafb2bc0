export { DiagnosePanel } from './diagnose-panel.js';
