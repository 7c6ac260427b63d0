// Plugs the lessons into the designer: the Lessons menu in the toolbar and the player over the canvas.
import './course.css';
import { createPortal } from 'react-dom';
import { registerToolbarItem } from '../../slots/toolbar.ts';
import { LessonPlayer } from './LessonPlayer.tsx';
import { LessonsMenu } from './LessonsMenu.tsx';

function LessonsToolbarItem() {
  return (
    <>
      <LessonsMenu />
      {createPortal(<LessonPlayer />, document.body)}
    </>
  );
}

/** Registers the lessons menu (and the player it opens); call once at start-up. */
export function registerLessons(): void {
  registerToolbarItem({ id: 'lessons', order: 5, Component: LessonsToolbarItem });
}
