// Inclusion Portal: progressive enhancement only. Every page must work
// without JavaScript; this initialises GOV.UK Frontend components and the
// audit autosave.
//
// GOV.UK Frontend only initialises when <body> has the
// `govuk-frontend-supported` class (set by the inline snippet in the
// page template).
import { initAll } from './govuk-frontend.min.js'
import { initAutosave } from './autosave.js'

initAll()
initAutosave()
