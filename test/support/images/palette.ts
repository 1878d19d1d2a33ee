import type { Fill } from './render'

/** Background and ink pairs with the contrast real screenshots and prints have. */
export interface Palette {
  background: Fill
  ink: readonly string[]
}

export const PALETTES: readonly Palette[] = [
  { background: '#ffffff', ink: ['#111111', '#333333', '#1a237e'] },
  { background: '#fdf6e3', ink: ['#3b2f1e', '#073642', '#6c2b00'] },
  { background: '#e8f5e9', ink: ['#1b5e20', '#212121', '#004d40'] },
  { background: '#e3f2fd', ink: ['#0d47a1', '#263238', '#311b92'] },
  { background: '#fff3e0', ink: ['#bf360c', '#3e2723', '#212121'] },
  { background: '#263238', ink: ['#ffffff', '#ffeb3b', '#b2ebf2'] },
  { background: '#1a237e', ink: ['#ffffff', '#ffe082', '#e1f5fe'] },
  { background: { from: '#fce4ec', to: '#e1f5fe' }, ink: ['#212121', '#4a148c', '#0d47a1'] },
  { background: { from: '#fffde7', to: '#e0f2f1', vertical: true }, ink: ['#263238', '#b71c1c'] },
  { background: { from: '#37474f', to: '#102027' }, ink: ['#ffffff', '#fff59d'] },
]
