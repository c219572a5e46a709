// Sortable tables: a progressive enhancement. Without JavaScript a table[data-sortable] is
// shown in the order the server chose (and says which); with it, each column heading becomes a
// button that sorts the body's rows by that column, ascending then descending. The heading
// carries aria-sort, and a status message says how the table is now sorted.
//
// Numbers sort as numbers. A hidden or missing figure ("c", "x", "-") always sorts last, in
// either direction, so sorting never places a hidden figure among the known ones. A heading
// marked data-sort="none" is left as it is. Rows in <tfoot> (a total) do not move.

const MISSING = null

function cellValue (row, index) {
  const cell = row.children[index]
  const text = cell ? cell.textContent.trim() : ''
  const number = Number(text.replace(/[,%+]/g, ''))
  if (text !== '' && !Number.isNaN(number)) return number
  return /^(c|x|z|-|)$/i.test(text) ? MISSING : text.toLowerCase()
}

function compare (a, b, direction) {
  if (a === MISSING || b === MISSING) return (a === MISSING) - (b === MISSING)
  const order = typeof a === 'number' && typeof b === 'number'
    ? a - b
    : String(a).localeCompare(String(b), 'en-GB', { numeric: true })
  return direction === 'ascending' ? order : -order
}

function statusFor (table) {
  let status = table.parentElement.querySelector(':scope > .app-sort-status')
  if (!status) {
    status = document.createElement('p')
    status.className = 'govuk-visually-hidden app-sort-status'
    status.setAttribute('role', 'status')
    table.insertAdjacentElement('afterend', status)
  }
  return status
}

function sortBy (table, heading, index) {
  const direction = heading.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending'
  table.querySelectorAll('thead th[aria-sort]').forEach((th) => th.removeAttribute('aria-sort'))
  heading.setAttribute('aria-sort', direction)
  const body = table.tBodies[0]
  const rows = Array.from(body.rows)
  rows.sort((a, b) => compare(cellValue(a, index), cellValue(b, index), direction))
  rows.forEach((row) => body.appendChild(row))
  statusFor(table).textContent = `Sorted by ${heading.textContent.trim()}, ${direction}.`
}

function enhance (table) {
  const headings = table.querySelectorAll('thead tr:last-child th')
  headings.forEach((heading, index) => {
    if (heading.dataset.sort === 'none') return
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'app-sort-button'
    while (heading.firstChild) button.appendChild(heading.firstChild)
    heading.appendChild(button)
    button.addEventListener('click', () => sortBy(table, heading, index))
  })
}

export function initSortableTables () {
  document.querySelectorAll('table[data-sortable]').forEach((table) => {
    if (table.tBodies.length && table.tBodies[0].rows.length > 1) enhance(table)
  })
}
