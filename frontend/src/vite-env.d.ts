/** CSS files are imported for their side effect only (Vite injects them). */
declare module '*.css';
