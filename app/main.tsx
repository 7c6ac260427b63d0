// Entry point: restore the session, start autosave, register the designer's tabs, render.
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { runAction } from './actions/registry.ts';
import { DataFitNote } from './data/DataFitNote.tsx';
import { startDataFitCheck } from './data/dataFit.ts';
import { registerNodeAddon } from './slots/nodeAddons.ts';
import { registerAutosaveUi } from './autosave/register.ts';
import { registerExport } from './export/register.ts';
import { registerDesignerTabs } from './panels/tabs.ts';
import { startAutosave, startSession } from './store/session.ts';
import { registerChallenge } from './challenge/register.tsx';
import { registerLessons } from './lessons/course/register.tsx';
import { registerTraining } from './training/register.ts';
import { registerViews } from './views/register.ts';

startSession(window.localStorage, window.location.hash);
startAutosave(window.localStorage);
// A share link navigated to in this open tab changes only the hash (no reload): open it the same way.
window.addEventListener('hashchange', () => void runAction('openShareLink', window.location.hash));
registerDesignerTabs();
registerTraining();
registerLessons();
registerViews();
registerAutosaveUi();
registerExport();
registerChallenge();
// Does the dataset fit the graph? Shown before Train (Input card, inspector, Summary).
registerNodeAddon({ id: 'data-fit', Component: DataFitNote });
startDataFitCheck();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
