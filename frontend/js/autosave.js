// Autosave for audit answers: a progressive enhancement. Without JavaScript the
// "Save and continue" and "Save and come back later" buttons do the same job.
//
// A form with data-autosave-url posts its fields there (FormData, CSRF token
// included) a moment after the person stops typing or changes a rating. The
// answer's version comes back and goes into the hidden version field, so the
// next save is checked against it; a conflict is reported, never overwritten.

const DELAY_MS = 1500

function statusRegion (form) {
  return form.querySelector('.app-autosave-status')
}

function say (form, message) {
  const region = statusRegion(form)
  if (region) region.textContent = message
}

async function save (form) {
  const body = new FormData(form)
  body.delete('then')
  let response
  try {
    response = await fetch(form.dataset.autosaveUrl, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    })
  } catch (error) {
    say(form, 'Not saved automatically: check your connection, then use a save button.')
    return
  }
  await report(form, response)
}

async function report (form, response) {
  const result = await response.json().catch(() => ({}))
  if (response.ok && result.status === 'saved') {
    form.querySelector('input[name="version"]').value = result.version
    const time = new Date(result.saved_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    say(form, `Saved automatically at ${time}.`)
  } else if (response.ok) {
    say(form, result.message || '')
  } else {
    say(form, `Not saved automatically: ${result.message || 'use a save button.'}`)
  }
}

export function initAutosave (root = document) {
  for (const form of root.querySelectorAll('form[data-autosave-url]')) {
    let timer
    const schedule = () => {
      clearTimeout(timer)
      timer = setTimeout(() => save(form), DELAY_MS)
    }
    form.addEventListener('input', schedule)
    form.addEventListener('change', schedule)
  }
}
