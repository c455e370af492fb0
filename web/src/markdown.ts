// Kata statements are Markdown. Raw HTML in them is shown as text, links open in a new tab.

import { Marked } from 'marked'

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html({ text }) {
      return escapeHtml(text)
    },
  },
})

/** Render Markdown; a leading `# Title` equal to `dropTitle` is left out (shown elsewhere). */
export function renderMarkdown(src: string, dropTitle?: string): DocumentFragment {
  const html = marked.parse(src ?? '', { async: false }) as string
  const tpl = document.createElement('template')
  tpl.innerHTML = html
  for (const a of tpl.content.querySelectorAll('a')) {
    const href = a.getAttribute('href') ?? ''
    if (/^\s*(javascript|data|vbscript):/i.test(href)) {
      a.removeAttribute('href')
    } else if (/^https?:/i.test(href)) {
      a.target = '_blank'
      a.rel = 'noopener noreferrer'
    }
  }
  const first = tpl.content.firstElementChild
  if (dropTitle && first?.tagName === 'H1' && first.textContent?.trim().toLowerCase() === dropTitle.trim().toLowerCase()) {
    first.remove()
  }
  for (const img of tpl.content.querySelectorAll('img')) {
    if (!img.alt) img.alt = ''
  }
  // A table scrolls sideways in its own box: the pane is narrow, and wrapping broke
  // cells mid-word ("Fals e").
  for (const table of tpl.content.querySelectorAll('table')) {
    const box = document.createElement('div')
    box.className = 'table-scroll'
    box.tabIndex = 0
    table.replaceWith(box)
    box.appendChild(table)
  }
  return tpl.content
}

/** Render Markdown into an element with the `markdown` class. */
export function markdownInto(el: HTMLElement, src: string, dropTitle?: string): void {
  el.classList.add('markdown')
  el.replaceChildren(renderMarkdown(src, dropTitle))
}
