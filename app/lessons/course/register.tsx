// Plugs the lessons into the designer: the Lessons menu in the toolbar (the player docks in the left
// panel, see App.tsx).
import './course.css';
import { registerToolbarItem } from '../../slots/toolbar.ts';
import { LessonsMenu } from './LessonsMenu.tsx';

/** Registers the lessons menu; call once at start-up. */
export function registerLessons(): void {
  registerToolbarItem({ id: 'lessons', order: 5, Component: LessonsMenu });
}
