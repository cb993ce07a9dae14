import './app/styles.css';
import { mount } from 'svelte';
import App from './app/App.svelte';
import { app as state } from './app/app-state.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('Missing #app element in index.html');

// The one app state, provided to every page by App. It is still created in app-state.svelte.ts
// because the call page imports it from there; once that page takes it from useApp() too, it can
// be created here.
const app = mount(App, { target, props: { app: state } });

export default app;
