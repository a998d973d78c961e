/**
 * Pullboard's UI inside a PSA page answers people, not the page's scripts: every input event that the
 * browser did not make itself (`isTrusted` false: `element.click()`, `dispatchEvent`) is stopped before
 * it reaches a handler. Listening in the capture phase on the shadow root, this runs before any of
 * Preact's listeners inside it.
 */
const INPUT_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'keydown',
  'keyup',
  'keypress',
  'input',
  'change',
  'submit',
  'dragstart',
  'dragover',
  'dragenter',
  'drop',
  'dragend',
] as const;

function stopUntrusted(event: Event): void {
  if (event.isTrusted) return;
  event.stopImmediatePropagation();
  event.preventDefault();
}

/** Stops untrusted input inside `root`; returns how to stop listening. */
export function ignoreUntrustedInput(root: ShadowRoot | HTMLElement): () => void {
  for (const type of INPUT_EVENTS) root.addEventListener(type, stopUntrusted, { capture: true });
  return () => {
    for (const type of INPUT_EVENTS) root.removeEventListener(type, stopUntrusted, { capture: true });
  };
}

/**
 * The mode of Pullboard's shadow roots in a PSA page: closed. Test builds only may open them for a page
 * whose test asked (`localStorage['pullboard.test.openShadowRoots']`): the cross-browser journeys query
 * the page's DOM, and Firefox has no DevTools protocol to reach a closed root. The shipped build has no
 * such switch, and the hostile suite runs with the roots closed.
 */
export function shadowRootMode(): ShadowRootMode {
  if (!__TEST__) return 'closed';
  try {
    return localStorage.getItem('pullboard.test.openShadowRoots') === '1' ? 'open' : 'closed';
  } catch {
    return 'closed';
  }
}
