import { createRouter, createWebHashHistory, createMemoryHistory, type RouterHistory } from 'vue-router';

export const routes = [
  { path: '/', redirect: '/experiments' },
  { path: '/experiments', name: 'experiments', component: () => import('./views/ExperimentsView.vue') },
  { path: '/experiments/new', name: 'new-experiment', component: () => import('./views/NewExperimentView.vue') },
  { path: '/experiments/:id', name: 'experiment', component: () => import('./views/ExperimentView.vue'), props: true },
  { path: '/compare', name: 'compare', component: () => import('./views/CompareView.vue') },
  { path: '/runs', name: 'runs', component: () => import('./views/RunsView.vue') },
  { path: '/runs/:id', name: 'run', component: () => import('./views/RunView.vue'), props: true },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
];

/** hash history: the same build works served at / by rlab serve and in Electron, with no server routes */
export function createAppRouter(history: RouterHistory = typeof window !== 'undefined' ? createWebHashHistory() : createMemoryHistory()) {
  return createRouter({ history, routes });
}
