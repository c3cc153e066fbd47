// The page's HTTP API (see docs/kmm.md): JSON in and out, errors as {"error": "..."}.

export const accountPath = (account) => '/api/accounts/' + encodeURIComponent(account);

export async function request(method, path, body) {
  const options = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.headers['Rita-Command-Id'] = commandId();
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    throw new Error('kmm: the page cannot reach its service: is `kmm serve` still running?');
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    // not JSON: a proxy's or the server's own error page
  }
  if (!response.ok) {
    throw new Error(json && json.error ? json.error : 'HTTP ' + response.status + ' ' + response.statusText);
  }
  return json;
}

// one id per submission: a command re-sent by the browser is stored once
function commandId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
