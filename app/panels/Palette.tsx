// The left panel: every node type of the format. Drag one onto the canvas, or click / press Enter on a
// focused item to add it at the centre of the view (for those who don't drag).
import type { DragEvent } from 'react';
import type { NodeType } from '../../graph-schema/schema.ts';
import { runAction } from '../actions/registry.ts';
import { viewportCentre } from '../canvas/bridge.ts';
import { PALETTE_MIME } from '../canvas/changes.ts';
import { NODE_BLURBS, PALETTE_TYPES } from '../model/paramSpecs.ts';
import { typeStyle } from '../model/typeStyle.ts';

function onDragStart(e: DragEvent, type: NodeType): void {
  e.dataTransfer.setData(PALETTE_MIME, type);
  e.dataTransfer.setData('text/plain', type);
  e.dataTransfer.effectAllowed = 'move';
}

/** The palette panel. */
export function Palette() {
  return (
    <nav className="palette" aria-label="Layers">
      <h2>Layers</h2>
      <ul>
        {PALETTE_TYPES.map((type) => (
          <li key={type}>
            <button
              type="button"
              draggable
              className={`palette-item typed type-${type.toLowerCase()}`}
              style={typeStyle(type)}
              data-testid={`palette-${type}`}
              title={`${NODE_BLURBS[type]}. Drag onto the canvas, or click / Enter to add it after the selected node`}
              onDragStart={(e) => onDragStart(e, type)}
              onClick={() => runAction('addNode', { type, centre: viewportCentre() })}
            >
              <span className="palette-type">{type}</span>
              <span className="palette-blurb">{NODE_BLURBS[type]}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="palette-help">
        Connect a node's right handle to the next node's left handle. Click or Enter adds a layer after the
        selected one. Ctrl+Z undoes, Delete removes.
      </p>
    </nav>
  );
}
