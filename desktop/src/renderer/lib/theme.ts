/** Light and dark themes: the system's preference until the user picks one (kept in localStorage). */
import { ref, watch } from 'vue';

const KEY = 'rlab.theme';
const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
const prefersDark = typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches;
const dark = ref(stored ? stored === 'dark' : prefersDark);

watch(
  dark,
  (v) => {
    if (typeof document !== 'undefined') document.documentElement.dataset.theme = v ? 'dark' : 'light';
    if (typeof localStorage !== 'undefined') localStorage.setItem(KEY, v ? 'dark' : 'light');
  },
  { immediate: true },
);

export function useTheme() {
  return { dark, toggle: () => (dark.value = !dark.value) };
}
