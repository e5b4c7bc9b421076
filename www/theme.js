// Applies the reader's saved colour theme before the first paint (no flash of the other theme).
// "light" or "dark" is kept in localStorage by the theme button; without it the system's
// prefers-color-scheme decides.
try {
  const theme = localStorage.getItem("release-annotator-theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch {
  // storage unavailable (private mode, file://): follow the system
}
