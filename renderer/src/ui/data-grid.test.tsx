import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { DataGrid, type Column } from './data-grid';

interface R {
  id: string;
}
const columns: Column<R>[] = [{ key: 'id', header: 'Id', width: '1fr', render: (r) => r.id }];

function Harness({ n, onOpen }: { n: number; onOpen?: (id: string) => void }) {
  const rows = Array.from({ length: n }, (_, i) => ({ id: `r${i}` }));
  const [sel, setSel] = useState<string | null>(null);
  return <DataGrid label="Rows" rows={rows} columns={columns} getRowId={(r) => r.id} selectedId={sel} onSelect={setSel} onOpen={onOpen} />;
}

afterEach(cleanup);

// jsdom has no layout: give the scroll box the height a window would have, so the virtualiser has a viewport.
const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('grid-body-virtual') ? 600 : 0;
    },
  });
});
afterAll(() => {
  if (original) Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
});

describe('DataGrid', () => {
  it('renders every row of a short table', () => {
    render(<Harness n={20} />);
    expect(within(screen.getByRole('grid')).getAllByRole('row')).toHaveLength(21);
  });

  it('renders only a window of a long table, and keeps keyboard selection working', () => {
    let opened = '';
    render(<Harness n={2000} onOpen={(id) => (opened = id)} />);
    const grid = screen.getByRole('grid');
    const rendered = within(grid).getAllByRole('row').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    expect(grid.getAttribute('aria-rowcount')).toBe('2001');
    fireEvent.keyDown(grid, { key: 'End' });
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(opened).toBe('r1998');
  });
});
