// Inclusion Portal: progressive enhancement only. Every page must work
// without JavaScript; this initialises GOV.UK Frontend components, the
// audit autosave and sortable tables.
//
// GOV.UK Frontend only initialises when <body> has the
// `govuk-frontend-supported` class (set by the inline snippet in the
// page template).
import { initAll } from './govuk-frontend.min.js'
import { initAutosave } from './autosave.js'
import { initSortableTables } from './sortable.js'
import { initSchoolPickers } from './school-picker.js'

// Every button that sends a form ignores a second click within a second (GOV.UK's
// preventDoubleClick), so that a double click sends the form once. Forms that create
// records also carry a one-time token, which the server checks whatever the browser does.
function preventDoubleSubmits () {
  const buttons = document.querySelectorAll('form[method="post"] button:not([type="button"])')
  buttons.forEach((button) => {
    button.setAttribute('data-prevent-double-click', 'true')
    button.setAttribute('data-module', 'govuk-button')
  })
}

preventDoubleSubmits()
initAll()
initAutosave()
initSortableTables()
initSchoolPickers()
