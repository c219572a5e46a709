// School picker: a progressive enhancement of a <select> of school names. Without
// JavaScript the select works as it is. With it, each select[data-module="app-school-picker"]
// becomes a text box that filters the schools as you type (the ARIA 1.2 combobox pattern:
// a label, aria-expanded, a listbox, aria-activedescendant; Up, Down, Enter and Escape).
// The select stays in the form, hidden, and carries the chosen URN; the text box takes the
// select's id so the label and the error summary's link lead to it.

const MAX_SHOWN = 50

function schoolsOf (select) {
  return Array.from(select.options)
    .filter((option) => option.value)
    .map((option) => ({ value: option.value, label: option.text }))
}

function matching (schools, text) {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean)
  return schools
    .filter((school) => words.every((word) => school.label.toLowerCase().includes(word)))
    .slice(0, MAX_SHOWN)
}

function textBoxFor (select, listbox) {
  const input = document.createElement('input')
  input.type = 'text'
  input.id = select.id
  input.className = select.className.replace(/govuk-select/g, 'govuk-input')
  input.setAttribute('role', 'combobox')
  input.setAttribute('aria-autocomplete', 'list')
  input.setAttribute('aria-expanded', 'false')
  input.setAttribute('aria-controls', listbox.id)
  input.setAttribute('autocomplete', 'off')
  input.setAttribute('spellcheck', 'false')
  const describedBy = select.getAttribute('aria-describedby')
  if (describedBy) input.setAttribute('aria-describedby', describedBy)
  const chosen = select.options[select.selectedIndex]
  input.value = chosen && chosen.value ? chosen.text : ''
  return input
}

function listboxFor (select, label) {
  const listbox = document.createElement('ul')
  listbox.id = `${select.id}-listbox`
  listbox.className = 'govuk-list app-school-picker__listbox'
  listbox.setAttribute('role', 'listbox')
  if (label) listbox.setAttribute('aria-label', label.textContent.trim())
  listbox.hidden = true
  return listbox
}

function enhance (select) {
  const label = document.querySelector(`label[for="${select.id}"]`)
  const listbox = listboxFor(select, label)
  const input = textBoxFor(select, listbox)
  const schools = schoolsOf(select)
  const status = document.createElement('p')
  status.className = 'govuk-visually-hidden'
  status.setAttribute('role', 'status')
  select.id = `${input.id}-select`
  select.hidden = true
  select.setAttribute('aria-hidden', 'true')
  select.tabIndex = -1
  select.after(input, listbox, status)
  let shown = []
  let active = -1

  function open (text) {
    shown = matching(schools, text)
    active = -1
    listbox.replaceChildren(...shown.map((school, index) => {
      const option = document.createElement('li')
      option.id = `${listbox.id}-${index}`
      option.setAttribute('role', 'option')
      option.setAttribute('aria-selected', 'false')
      option.className = 'app-school-picker__option'
      option.textContent = school.label
      option.addEventListener('mousedown', (event) => event.preventDefault())
      option.addEventListener('click', () => choose(index))
      return option
    }))
    listbox.hidden = shown.length === 0
    input.setAttribute('aria-expanded', String(shown.length > 0))
    input.removeAttribute('aria-activedescendant')
    status.textContent = shown.length === 1 ? '1 school found' : `${shown.length} schools found`
  }

  function close () {
    listbox.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }

  function highlight (index) {
    const options = listbox.children
    if (!options.length) return
    active = (index + options.length) % options.length
    Array.from(options).forEach((option, at) => {
      option.setAttribute('aria-selected', String(at === active))
      option.classList.toggle('app-school-picker__option--active', at === active)
    })
    input.setAttribute('aria-activedescendant', options[active].id)
    options[active].scrollIntoView({ block: 'nearest' })
  }

  function choose (index) {
    const school = shown[index]
    if (!school) return
    select.value = school.value
    input.value = school.label
    close()
  }

  // The select follows the text: an exact name chooses that school; anything else, none.
  function settle () {
    const typed = input.value.trim().toLowerCase()
    const exact = schools.find((school) => school.label.toLowerCase() === typed)
    select.value = exact ? exact.value : ''
  }

  input.addEventListener('input', () => {
    settle()
    open(input.value)
  })
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      if (listbox.hidden) open(input.value)
      highlight(active + 1)
    } else if (event.key === 'ArrowUp') {
      highlight(active - 1)
    } else if (event.key === 'Enter' && !listbox.hidden && active >= 0) {
      choose(active)
    } else if (event.key === 'Escape') {
      close()
      return
    } else {
      return
    }
    event.preventDefault()
  })
  input.addEventListener('blur', () => {
    close()
    settle()
  })
}

export function initSchoolPickers () {
  document.querySelectorAll('select[data-module="app-school-picker"]').forEach(enhance)
}
