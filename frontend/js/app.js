// Inclusion Portal: progressive enhancement only. Every page must work
// without JavaScript; this just initialises GOV.UK Frontend components.
//
// Load with: <script type="module" src="/static/dist/app.js"></script>
// GOV.UK Frontend only initialises when <body> has the
// `govuk-frontend-supported` class (set by the inline snippet in the
// page template).
import { initAll } from './govuk-frontend.min.js'

initAll()
