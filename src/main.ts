import '$app/styles.css';
import { mount } from 'svelte';
import App from '$app/App.svelte';
import { AppState } from '$app/app-state.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('Missing #app element in index.html');

// The one app state, provided to every page by App (app-context.ts).
const app = mount(App, { target, props: { app: new AppState() } });

export default app;
