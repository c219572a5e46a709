// Autosave for audit answers: a progressive enhancement. Without JavaScript the
// "Save and continue" and "Save and come back later" buttons do the same job.
//
// A form with data-autosave-url PUTs the answer there as JSON (the API's answer
// endpoint, with the form's CSRF token in X-CSRFToken) a moment after the person
// stops typing or changes a rating. The answer's version comes back and goes into
// the hidden version field, so the next save is checked against it; a conflict is
// reported, never overwritten.

const DELAY_MS = 1500

function statusRegion (form) {
  return form.querySelector('.app-autosave-status')
}

function say (form, message) {
  const region = statusRegion(form)
  if (region) region.textContent = message
}

const NOT_APPLICABLE = 'na'

function field (data, name) {
  return (data.get(name) || '').trim()
}

function answerFrom (form) {
  const data = new FormData(form)
  const rating = field(data, 'rating')
  return {
    rating: rating === NOT_APPLICABLE ? null : Number(rating),
    not_applicable: rating === NOT_APPLICABLE,
    not_applicable_reason: field(data, 'not_applicable_reason'),
    evidence: field(data, 'evidence'),
    note: field(data, 'note'),
    evidence_links: field(data, 'evidence_links').split('\n').map((link) => link.trim()).filter(Boolean),
    version: Number(field(data, 'version') || 0)
  }
}

async function save (form) {
  if (!new FormData(form).get('rating')) {
    say(form, 'Choose a rating to save automatically.')
    return
  }
  let response
  try {
    response = await fetch(form.dataset.autosaveUrl, {
      method: 'PUT',
      body: JSON.stringify(answerFrom(form)),
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'X-CSRFToken': form.querySelector('input[name="csrf_token"]')?.value || ''
      }
    })
  } catch (error) {
    say(form, 'Not saved automatically: check your connection, then use a save button.')
    return
  }
  await report(form, response)
}

async function report (form, response) {
  const result = await response.json().catch(() => ({}))
  if (response.ok) {
    form.querySelector('input[name="version"]').value = result.version
    const time = new Date(result.saved_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    say(form, `Saved automatically at ${time}.`)
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
