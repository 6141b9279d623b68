/*
 * Starts GraphiQL (served by src/page/graphiql.ts) under a Content-Security-Policy that allows no
 * inline script: its settings come from the JSON block #graphiql-config. Requests to the API carry
 * the API key kept for this browser session (api.md "Access control", Pages); when the API answers
 * UNAUTHENTICATED (or HTTP 401), the page asks for a key once and sends the request again.
 */
(function () {
  var API_KEY_ITEM = 'ads-metrics-api-key';
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);

  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return config.workers[label];
    },
  };

  function isUnauthenticated(response) {
    if (response.status === 401) return Promise.resolve(true);
    if (!/json/.test(response.headers.get('content-type') || '')) return Promise.resolve(false);
    return response
      .clone()
      .json()
      .then(
        function (body) {
          return (body.errors || []).some(function (error) {
            return error.extensions && error.extensions.code === 'UNAUTHENTICATED';
          });
        },
        function () {
          return false;
        },
      );
  }

  var plainFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin || url.pathname !== config.endpoint) return plainFetch(input, init);
    var given = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
    // A key typed into GraphiQL's own Headers tab wins, and is never replaced by a prompt.
    if (given.has('authorization')) return plainFetch(input, init);
    function send() {
      var headers = new Headers(given);
      var key = sessionStorage.getItem(API_KEY_ITEM);
      if (key) headers.set('authorization', 'Bearer ' + key);
      return plainFetch(input, Object.assign({}, init, { headers: headers }));
    }
    return send().then(function (response) {
      return isUnauthenticated(response).then(function (unauthenticated) {
        if (!unauthenticated) return response;
        var key = window.prompt('This API needs an API key (make one with: npm run keys -- create). API key:');
        if (!key || !key.trim()) return response;
        sessionStorage.setItem(API_KEY_ITEM, key.trim());
        return send();
      });
    });
  };

  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), config.options);
})();
