// The lobby: kata catalogue, create a room, join a room, recent rooms.

import { api, ApiError, type CreateRoomRequest, type KataSummary, type Mode, type TimeUp } from './api'
import { copyText, h, replace, toast } from './dom'
import { brandLights, icon } from './icons'
import { languageChoices, languageNote, languageTitle, pickLanguage } from './languages'
import { allTags, EMPTY_FILTER, filterKatas, hasFilterParams, isFilterActive, parseFilter, pruneFilter, serializeFilter, toggleTag, type KataFilter } from './kata-filter'
import { placeChildren } from './keyed'
import { filterBar } from './lobby-filters'
import { facilitatorUrl, parseRoomRef } from './links'
import { markdownInto } from './markdown'
import { store } from './storage'

function pageHeader(): HTMLElement {
  return h(
    'header',
    { class: 'site-header' },
    h('a', { class: 'brand', href: '/', 'aria-label': 'Randori home' }, brandLights(), ' Randori'),
    h('span', { class: 'muted tagline' }, 'a coding dojo: one keyboard, everyone thinking'),
  )
}

// The catalogue filter is kept in the address (`?difficulty=…&tag=…&q=…`, see
// kata-filter.ts) and, for this tab, in sessionStorage: "/" without filter parameters
// (the Randori link, say) gets the tab's last filter back.
const FILTER_KEY = 'randori.lobby.filter'

function savedFilterQuery(): string {
  try {
    return sessionStorage.getItem(FILTER_KEY) ?? ''
  } catch {
    return ''
  }
}

function saveFilter(filter: KataFilter): void {
  const query = serializeFilter(filter)
  try {
    if (query) sessionStorage.setItem(FILTER_KEY, query)
    else sessionStorage.removeItem(FILTER_KEY)
  } catch {
    // Storage refused: the address still carries the filter.
  }
  const search = serializeFilter(filter, location.search)
  if (search !== location.search) history.replaceState(history.state, '', location.pathname + search + location.hash)
}

export function renderLobby(app: HTMLElement): void {
  document.title = 'Randori: coding dojo'
  let katas: KataSummary[] = []
  let filter: KataFilter = parseFilter(hasFilterParams(location.search) ? location.search : savedFilterQuery())

  // --- create form -------------------------------------------------------
  const noKata = h('option', { value: '' }, 'None (free practice)')
  const kataSelect = h('select', { id: 'create-kata', name: 'kata', testid: 'create-kata', 'aria-describedby': 'create-kata-note' }, noKata)
  const kataNote = h('p', { class: 'muted small field-note', id: 'create-kata-note', testid: 'create-kata-note', hidden: true })
  const kataOptions = new Map<string, HTMLOptionElement>()
  // The kata the form will use: kept while the filters hide it (browsing the catalogue
  // does not undo a choice), and still selected when it matches.
  let chosenSlug = ''
  const language = h('select', { id: 'create-language', name: 'language', testid: 'create-language', 'aria-describedby': 'create-language-note' })
  const languageNoteEl = h('p', { class: 'muted small field-note', id: 'create-language-note', testid: 'create-language-note' })
  // The languages the chosen kata offers (all of them for free practice), the last one
  // picked in this browser selected when offered. Only a choice made here is
  // remembered, not one forced by a kata with fewer languages.
  let chosenLanguage = store.language()
  const syncLanguages = () => {
    const kata = kataSelect.value ? (katas.find((k) => k.slug === kataSelect.value) ?? null) : null
    const choices = languageChoices(kata)
    const selected = pickLanguage(choices, chosenLanguage)
    replace(language, ...choices.map((l) => h('option', { value: l }, languageTitle(l))))
    language.value = selected
    languageNoteEl.textContent = languageNote(kata?.title ?? null, choices)
    languageNoteEl.hidden = !languageNoteEl.textContent
  }
  syncLanguages()
  kataSelect.addEventListener('change', () => {
    chosenSlug = kataSelect.value
    syncLanguages()
    renderCatalogue()
  })
  language.addEventListener('change', () => {
    chosenLanguage = language.value
    store.setLanguage(language.value)
  })
  const turnMinutes = h('input', {
    id: 'create-turn',
    name: 'turn_minutes',
    type: 'number',
    min: '0.25',
    max: '30',
    step: 'any',
    value: '5',
    required: true,
    testid: 'create-turn-minutes',
    inputmode: 'decimal',
  })
  const modeStrict = h('input', { type: 'radio', name: 'mode', value: 'strict', id: 'mode-strict', checked: true, testid: 'create-mode-strict' })
  const modeFree = h('input', { type: 'radio', name: 'mode', value: 'free', id: 'mode-free', testid: 'create-mode-free' })
  const timeUp = h(
    'select',
    { id: 'create-time-up', name: 'time_up', testid: 'create-time-up' },
    h('option', { value: 'rotate' }, 'Rotate at once'),
    h('option', { value: 'on_green' }, 'Rotate at the next green test run'),
    h('option', { value: 'facilitator' }, 'Wait for the facilitator'),
  )
  const breakEvery = h('input', { id: 'create-break-every', name: 'break_every', type: 'number', min: '0', max: '100', step: '1', value: '0', testid: 'create-break-every' })
  const breakMinutes = h('input', { id: 'create-break-minutes', name: 'break_minutes', type: 'number', min: '0.5', max: '60', step: 'any', value: '5', testid: 'create-break-minutes' })
  const breakMinutesField = h('div', { class: 'field', hidden: true }, h('label', { for: 'create-break-minutes' }, 'Break length (minutes)'), breakMinutes)
  breakEvery.addEventListener('input', () => (breakMinutesField.hidden = !(Number(breakEvery.value) > 0)))
  const createError = h('p', { class: 'form-error', role: 'alert', testid: 'create-error' })
  const createButton = h('button', { type: 'submit', class: 'primary', testid: 'create-room' }, 'Create room')

  const createForm = h(
    'form',
    { class: 'card create-form', testid: 'create-form', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'Start a session'),
    h('div', { class: 'field' }, h('label', { for: 'create-kata' }, 'Kata'), kataSelect, kataNote),
    h('div', { class: 'field' }, h('label', { for: 'create-language' }, 'Language'), language, languageNoteEl),
    h('div', { class: 'field' }, h('label', { for: 'create-turn' }, 'Turn length (minutes)'), turnMinutes),
    h(
      'fieldset',
      { class: 'field' },
      h('legend', null, 'Who may type'),
      h('label', { class: 'inline' }, modeStrict, ' Strict: only the driver'),
      h('label', { class: 'inline' }, modeFree, ' Free: everyone'),
    ),
    h('div', { class: 'field' }, h('label', { for: 'create-time-up' }, 'When time is up'), timeUp),
    h('div', { class: 'field' }, h('label', { for: 'create-break-every' }, 'Break every N turns (0 = no breaks)'), breakEvery),
    breakMinutesField,
    createError,
    createButton,
  )

  createForm.addEventListener('submit', async (e) => {
    e.preventDefault()
    createError.textContent = ''
    const minutes = Number(turnMinutes.value)
    if (!Number.isFinite(minutes) || minutes <= 0) {
      createError.textContent = 'Turn length must be a positive number of minutes.'
      turnMinutes.focus()
      return
    }
    const req: CreateRoomRequest = {
      language: language.value,
      turn_seconds: Math.min(1800, Math.max(10, Math.round(minutes * 60))),
      mode: (modeFree.checked ? 'free' : 'strict') as Mode,
      time_up: timeUp.value as TimeUp,
      break_every: Math.max(0, Math.floor(Number(breakEvery.value) || 0)),
    }
    if (kataSelect.value) req.kata = kataSelect.value
    if (req.break_every! > 0) req.break_seconds = Math.max(10, Math.round((Number(breakMinutes.value) || 5) * 60))
    createButton.disabled = true
    createButton.textContent = 'Creating…'
    try {
      const room = await api.createRoom(req)
      store.setFacilitatorToken(room.id, room.facilitator_token)
      const kata = katas.find((k) => k.slug === req.kata)
      store.addRecent({ id: room.id, kata: req.kata ?? null, kata_title: kata?.title ?? null, language: req.language })
      location.assign(`/r/${encodeURIComponent(room.id)}`)
    } catch (err) {
      createError.textContent = `Could not create the room: ${(err as Error).message}`
      createButton.disabled = false
      createButton.textContent = 'Create room'
    }
  })

  // --- join form -----------------------------------------------------------
  const joinInput = h('input', {
    id: 'join-room',
    name: 'room',
    type: 'text',
    autocomplete: 'off',
    placeholder: 'room id or link',
    required: true,
    testid: 'join-input',
  })
  const joinError = h('p', { class: 'form-error', role: 'alert', testid: 'join-error' })
  const joinForm = h(
    'form',
    { class: 'card join-form', 'aria-labelledby': 'join-title', testid: 'join-form' },
    h('h2', { id: 'join-title' }, 'Join a room'),
    h('div', { class: 'field' }, h('label', { for: 'join-room' }, 'Room link or id'), joinInput),
    joinError,
    h('button', { type: 'submit', testid: 'join-submit' }, 'Join'),
  )
  joinForm.addEventListener('submit', (e) => {
    e.preventDefault()
    const id = parseRoomRef(joinInput.value)
    if (!id) {
      joinError.textContent = 'That does not look like a room link or id.'
      joinInput.focus()
      return
    }
    // Keep a facilitator token pasted as part of a link.
    const hash = joinInput.value.includes('#') ? joinInput.value.slice(joinInput.value.indexOf('#')) : ''
    location.assign(`/r/${encodeURIComponent(id)}${hash}`)
  })

  // --- recent rooms --------------------------------------------------------
  const recentList = h('ul', { class: 'recent-list', testid: 'recent-rooms' })
  const renderRecent = () => {
    const recent = store.recent()
    if (recent.length === 0) {
      replace(recentList, h('li', { class: 'muted' }, 'Rooms you create or join appear here.'))
      return
    }
    replace(
      recentList,
      recent.map((r) => {
        const facToken = store.facilitatorToken(r.id)
        const ident = store.identity(r.id)
        return h(
          'li',
          { class: 'recent-item', testid: 'recent-room', dataset: { roomId: r.id } },
          h(
            'div',
            { class: 'recent-main' },
            h('a', { href: `/r/${encodeURIComponent(r.id)}`, testid: 'recent-link' }, r.kata_title ?? 'Free practice'),
            h('span', { class: 'muted mono' }, ` ${r.id}`),
            r.language ? h('span', { class: 'badge badge-language', dataset: { language: r.language } }, languageTitle(r.language)) : null,
            facToken ? h('span', { class: 'badge badge-facilitator' }, 'facilitator') : null,
            ident ? h('span', { class: 'badge' }, `as ${ident.name}`) : null,
            h('span', { class: 'muted small' }, ` · ${new Date(r.visited_at_ms).toLocaleString()}`),
          ),
          h(
            'div',
            { class: 'recent-actions' },
            h('a', { href: `/r/${encodeURIComponent(r.id)}/projector`, class: 'button small', target: '_blank', rel: 'noopener' }, 'Projector'),
            facToken
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'small',
                    testid: 'copy-facilitator-link',
                    onclick: async () => toast((await copyText(facilitatorUrl(r.id, facToken))) ? 'Facilitator link copied' : 'Could not copy', 'info'),
                  },
                  'Copy facilitator link',
                )
              : null,
            h(
              'button',
              {
                type: 'button',
                class: 'small ghost',
                'aria-label': `Forget room ${r.id}`,
                onclick: () => {
                  store.removeRecent(r.id)
                  renderRecent()
                },
              },
              'Forget',
            ),
          ),
        )
      }),
    )
  }
  renderRecent()

  // --- kata catalogue ------------------------------------------------------
  const kataList = h('ul', { class: 'kata-list', id: 'kata-list', testid: 'kata-list', 'aria-busy': 'true', 'aria-describedby': 'kata-count' }, h('li', { class: 'muted' }, 'Loading katas…'))
  const dialogBody = h('div', { class: 'kata-statement markdown', testid: 'kata-statement' })
  const dialogTitle = h('h2', { id: 'kata-dialog-title' })
  const dialogUse = h('button', { type: 'button', class: 'primary', testid: 'kata-use' }, 'Use this kata')
  const dialog = h(
    'dialog',
    { class: 'kata-dialog', testid: 'kata-dialog', 'aria-labelledby': 'kata-dialog-title' },
    h('div', { class: 'dialog-head' }, dialogTitle, h('button', { type: 'button', class: 'ghost', 'aria-label': 'Close', testid: 'kata-close', onclick: () => dialog.close() }, icon('cross'))),
    dialogBody,
    h('div', { class: 'dialog-actions' }, dialogUse, h('button', { type: 'button', onclick: () => dialog.close() }, 'Close')),
  )

  const chooseKata = (slug: string) => {
    chosenSlug = slug
    renderCatalogue()
    syncLanguages()
    kataSelect.focus()
    toast(`Kata chosen: ${katas.find((k) => k.slug === slug)?.title ?? slug}`)
  }

  const openKata = async (k: KataSummary) => {
    dialogTitle.textContent = k.title
    replace(dialogBody, h('p', { class: 'muted' }, 'Loading…'))
    dialogUse.onclick = () => {
      dialog.close()
      chooseKata(k.slug)
    }
    if (!dialog.open) dialog.showModal()
    try {
      const full = await api.kata(k.slug)
      markdownInto(dialogBody, full.statement ?? '', full.title)
    } catch (err) {
      replace(dialogBody, h('p', { class: 'form-error' }, `Could not load the statement: ${(err as Error).message}`))
    }
  }

  // --- filters and cards ---------------------------------------------------
  const setFilter = (next: KataFilter) => {
    if (next === filter) return
    filter = next
    saveFilter(filter)
    renderCatalogue()
  }
  const bar = filterBar((next) => setFilter(next(filter)), 'kata-list')
  const emptyState = h(
    'li',
    { class: 'kata-empty card', testid: 'kata-empty' },
    h('p', null, 'No kata matches these filters.'),
    h(
      'button',
      {
        type: 'button',
        testid: 'kata-empty-clear',
        onclick: () => {
          setFilter(EMPTY_FILTER)
          bar.search.focus()
        },
      },
      'Clear filters',
    ),
  )

  interface Card {
    el: HTMLLIElement
    tagButtons: HTMLButtonElement[]
    chosen: HTMLElement
  }
  const cards = new Map<string, Card>()
  const buildCard = (k: KataSummary): Card => {
    const tags = allTags([k])
    const tagButtons = tags.map((t) =>
      h(
        'button',
        { type: 'button', class: 'tag', testid: 'kata-tag', dataset: { tag: t }, 'aria-pressed': 'false', title: `Filter by the tag ${t}`, onclick: () => setFilter(toggleTag(filter, t)) },
        t,
      ),
    )
    const chosen = h('span', { class: 'badge badge-chosen', testid: 'kata-chosen', hidden: true }, 'chosen')
    const el = h(
      'li',
      { class: 'kata-card card', testid: 'kata-card', dataset: { slug: k.slug, difficulty: k.difficulty } },
      h(
        'div',
        { class: 'kata-head' },
        h('h3', null, k.title),
        h('span', { class: 'kata-badges' }, chosen, h('span', { class: `badge difficulty difficulty-${k.difficulty}`, testid: 'kata-difficulty' }, k.difficulty)),
      ),
      h('p', { class: 'kata-summary' }, k.summary),
      h(
        'ul',
        { class: 'kata-languages', 'aria-label': 'Languages', testid: 'kata-languages' },
        languageChoices(k).map((l) => h('li', { class: 'badge badge-language', testid: 'kata-language', dataset: { language: l } }, languageTitle(l))),
      ),
      h('ul', { class: 'tags', 'aria-label': 'Tags' }, tagButtons.map((b) => h('li', null, b))),
      h(
        'div',
        { class: 'kata-actions' },
        h('button', { type: 'button', class: 'small', testid: `kata-open-${k.slug}`, onclick: () => void openKata(k) }, 'Read statement'),
        h('button', { type: 'button', class: 'small', testid: `kata-choose-${k.slug}`, onclick: () => chooseKata(k.slug) }, 'Choose'),
      ),
    )
    return { el, tagButtons, chosen }
  }

  /** Cards, filter bar and the create form's kata list, from `katas`, `filter` and `chosenSlug`. */
  function renderCatalogue(): void {
    if (katas.length === 0) return
    const shown = filterKatas(katas, filter)
    bar.update({ filter, tags: allTags(katas), shown: shown.length, total: katas.length })
    for (const [slug, card] of cards) {
      card.el.classList.toggle('kata-card-chosen', slug === chosenSlug)
      card.chosen.hidden = slug !== chosenSlug
      for (const b of card.tagButtons) b.setAttribute('aria-pressed', String(filter.tags.includes(b.dataset.tag ?? '')))
    }
    placeChildren(kataList, shown.length > 0 ? shown.map((k) => cards.get(k.slug)!.el) : [emptyState])

    // The form lists the matching katas, and the chosen one even when it does not match.
    const listed = katas.filter((k) => k.slug === chosenSlug || shown.includes(k))
    placeChildren(kataSelect, [noKata, ...listed.map((k) => kataOptions.get(k.slug)!)])
    kataSelect.value = chosenSlug
    if (kataSelect.value !== chosenSlug) chosenSlug = kataSelect.value
    kataNote.hidden = !isFilterActive(filter)
    const hiddenChoice = chosenSlug && !shown.some((k) => k.slug === chosenSlug) ? (katas.find((k) => k.slug === chosenSlug)?.title ?? chosenSlug) : null
    kataNote.textContent = `Catalogue filters on: ${shown.length} of ${katas.length} katas listed.` + (hiddenChoice ? ` ${hiddenChoice} stays chosen.` : '')
  }

  const loadKatas = async () => {
    try {
      katas = await api.katas()
    } catch (err) {
      kataList.setAttribute('aria-busy', 'false')
      replace(
        kataList,
        h(
          'li',
          { class: 'form-error', role: 'alert' },
          `Could not load katas: ${(err as ApiError).message} `,
          h('button', { type: 'button', class: 'small', onclick: () => void loadKatas() }, 'Retry'),
        ),
      )
      return
    }
    kataList.setAttribute('aria-busy', 'false')
    if (katas.length === 0) {
      replace(kataList, h('li', { class: 'muted' }, 'No katas installed on this server. Free practice rooms still work.'))
      syncLanguages()
      return
    }
    kataOptions.clear()
    cards.clear()
    for (const k of katas) {
      kataOptions.set(k.slug, h('option', { value: k.slug }, k.title))
      cards.set(k.slug, buildCard(k))
    }
    // A tag the catalogue no longer has (an old link) would empty the list unseen.
    // The address gets the tab's remembered filter when it had none.
    filter = pruneFilter(filter, allTags(katas))
    saveFilter(filter)
    kataList.replaceChildren()
    renderCatalogue()
    syncLanguages()
  }
  void loadKatas()

  replace(
    app,
    pageHeader(),
    h(
      'main',
      { id: 'main', class: 'lobby', testid: 'lobby' },
      h('h1', { class: 'visually-hidden' }, 'Randori lobby'),
      h('div', { class: 'lobby-side' }, createForm, joinForm, h('section', { class: 'card', 'aria-labelledby': 'recent-title' }, h('h2', { id: 'recent-title' }, 'Your recent rooms'), recentList)),
      h('section', { class: 'lobby-katas', 'aria-labelledby': 'katas-title' }, h('h2', { id: 'katas-title' }, 'Katas'), bar.el, kataList),
    ),
    dialog,
  )
}

export { pageHeader }
