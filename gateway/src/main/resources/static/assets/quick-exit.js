// Quick exit: leave for a neutral page and replace this entry in the history, so "back" does not return here.
// It navigates the page away (a link the reader chooses), it does not load anything from another origin.
const exit = (event) => {
  event?.preventDefault();
  window.location.replace(document.querySelector('[data-quick-exit]').href);
};
document.querySelector('[data-quick-exit]')?.addEventListener('click', exit);
document.addEventListener('keydown', (event) => { if (event.key === 'Escape') exit(event); });
