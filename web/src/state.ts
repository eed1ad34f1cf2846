// Shapes of the page's loading state, shared by App and its status/list components.

import type { ItemView, SearchResult, Stats } from './api.js';

export const PAGE_SIZE = 50;
export const SEARCH_LIMIT = 50;

export type StatsState = { status: 'loading' } | { status: 'ready'; stats: Stats } | { status: 'error'; message: string };

export interface ListState {
  items: ItemView[];
  next: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  moreError: string | null;
}

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; query: string }
  | { status: 'ready'; query: string; results: SearchResult[] }
  | { status: 'error'; query: string; message: string };

export const EMPTY_LIST: ListState = { items: [], next: null, loading: true, loadingMore: false, error: null, moreError: null };
