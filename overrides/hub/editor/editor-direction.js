// Text typed in Arabic runs right to left, in Latin or Chinese left to right, in every field of the editor:
// each text input, text area and rich-text area gets dir="auto" (the browser takes the direction from the
// first strong character), as Sveltia CMS offers no per-field direction for one-object-per-language fields.
(() => {
  const selector = 'input[type="text"], input[type="url"], input:not([type]), textarea, [contenteditable="true"]';
  const mark = (root) => {
    for (const element of root.querySelectorAll(selector)) {
      if (!element.hasAttribute('dir')) element.setAttribute('dir', 'auto');
    }
  };
  new MutationObserver(() => mark(document.body)).observe(document.body, { childList: true, subtree: true });
  mark(document.body);
})();
