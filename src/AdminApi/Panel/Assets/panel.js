// IceFarm panel: swaps live regions pushed by /panel/live and posts confirmed actions to /panel/actions.
// The server renders every piece of HTML; this script only moves it into place and shows one sentence per action.
// Without it the action buttons still work: their forms lead to the /confirm page, which posts and redirects back.
(() => {
  'use strict';
  const main = document.querySelector('main');
  const regions = [...document.querySelectorAll('[data-region]')].map((r) => r.dataset.region);

  if (regions.length > 0) {
    const params = new URLSearchParams(location.search);
    new URLSearchParams(main.dataset.liveQuery || '').forEach((value, key) => params.set(key, value));
    params.set('regions', regions.join(','));
    const source = new EventSource('/panel/live?' + params.toString());
    for (const name of regions) {
      source.addEventListener(name, (event) => {
        const region = document.querySelector(`[data-region="${name}"]`);
        if (region) {
          region.innerHTML = event.data;
        }
      });
    }
    source.onopen = () => document.body.classList.remove('stale');
    source.onerror = () => {
      document.body.classList.add('stale');
      // A closed source is not retried by the browser: the session ended (401), so say so instead of waiting.
      if (source.readyState === EventSource.CLOSED) {
        document.body.classList.add('signed-out');
      }
    };
  }

  const dialog = document.getElementById('confirm');
  if (!dialog) {
    return;
  }

  const form = document.getElementById('confirm-form');
  const text = document.getElementById('confirm-text');
  const duration = document.getElementById('confirm-duration');
  const deadline = document.getElementById('confirm-deadline');
  const reason = document.getElementById('confirm-reason');
  const takesDeadline = (action) => action === 'drain' || action === 'maintenance';
  // The worker's maintenance and the board's hold actions keep a reason (ActionPrompts.AsksReason on the server).
  const takesReason = (action) => ['maintenance', 'board-maintenance', 'retire', 'board-return'].includes(action);
  const outcome = document.getElementById('outcome');

  const show = (ok, message) => {
    outcome.hidden = false;
    outcome.className = ok ? 'ok' : 'error';
    outcome.textContent = message;
  };

  const post = async (body) => {
    try {
      const response = await fetch('/panel/actions', {
        method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' },
      });
      const type = response.headers.get('content-type') || '';
      if (type.includes('json')) {
        const result = await response.json();
        show(result.ok, result.message);
      } else {
        show(false, response.status === 401 ? 'Your session ended: sign in again (reload the page).' : `The panel answered ${response.status}.`);
      }
    } catch (error) {
      show(false, 'The panel could not be reached: ' + error.message);
    }
  };

  const send = (action, target) => {
    const body = new FormData(form);
    body.set('action', action);
    body.set('target', target);
    if (!action.startsWith('extend')) body.delete('duration');
    if (!takesDeadline(action)) body.delete('deadlineMinutes');
    if (!takesReason(action)) body.delete('reason');
    return post(body);
  };

  // Forms outside the live regions (a client's quotas) carry their own token and fields: posted in place, the live
  // region then shows what took effect.
  document.addEventListener('submit', (event) => {
    const inline = event.target.closest('form[data-inline]');
    if (inline) {
      event.preventDefault();
      post(new FormData(inline));
    }
  });

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button.act');
    if (!button) {
      return;
    }

    event.preventDefault();

    const { action, target, confirm } = button.dataset;
    const asksDuration = action.startsWith('extend');
    const asksDeadline = takesDeadline(action);
    if (!confirm && !asksDuration && !asksDeadline) {
      send(action, target);
      return;
    }

    text.textContent = confirm || '';
    duration.hidden = !asksDuration;
    deadline.hidden = !asksDeadline;
    reason.hidden = !takesReason(action);
    dialog.dataset.action = action;
    dialog.dataset.target = target;
    dialog.showModal();
  });

  document.getElementById('confirm-cancel').addEventListener('click', () => dialog.close());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    dialog.close();
    send(dialog.dataset.action, dialog.dataset.target);
  });
})();
