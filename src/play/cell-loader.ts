/**
 * The only script a chapter page loads up front: it shows the cells' "Step
 * through it here" and "Explore all" buttons (hidden without JavaScript, where
 * the page shows the checked output alone) and loads the stepper or the
 * explorer only when one is pressed.
 */
for (const open of document.querySelectorAll<HTMLElement>('.nak-live-open')) open.hidden = false;

document.addEventListener('click', (e) => {
  const b = (e.target as HTMLElement).closest('button');
  if (!b || b.disabled) return;
  const slot = b.closest<HTMLElement>('.nak-live');
  if (!slot) return;
  const failed = () => {
    b.disabled = false;
    b.textContent = `${b.textContent?.replace(/ \(.*\)$/, '')} (could not load: try again)`;
  };
  if (b.classList.contains('nak-step-open')) {
    b.disabled = true;
    import('./cell-stepper.ts').then((m) => m.openCellStepper(slot)).catch(failed);
  } else if (b.classList.contains('nak-explore-open')) {
    b.disabled = true;
    import('./explore-client.ts').then((m) => m.exploreInCell(slot)).catch(failed);
  }
});
