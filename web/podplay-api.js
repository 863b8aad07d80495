// podplay's page API: window.podplay, a thin wrapper over the wasm module's extern "C" functions
// (web/main.cpp). Load this before podplay.js; it also reads the page's URL into the start-up config.
//
//   podplay.ready                 Promise, resolved when the playground runs
//   podplay.exec(cmd[, stdin])    -> output text, as the CLI prints it (also shown in the console)
//   podplay.load(script[, opts])  fresh cluster running the script at once; -> its output. With
//                                 {autoplay: true} it is replayed instead, one command per frame (each
//                                 echoed with its output), its sleeps at the current speed; -> "".
//                                 podplay.state().replay = {active, position, total}; 'replay' event at the end
//   podplay.state()               -> {now, clock, paused, speed, nodes, pods, objects: {Kind: [...]}}
//   podplay.on(type, cb)          'event' (a Kubernetes Event object), 'command' ({command, exitCode, output}),
//   podplay.off(type, cb)         'ready' ({firstFrameMs})
//   podplay.setSpeed(x) / pause() / play() / step(ms) / stepToNextEvent() / reset()
//   podplay.select('ns/name')      show a pod in the Pod panel
//   podplay.show(panel[, 'ns/name'])  bring a view to the front: 'rollout' (a Deployment), 'hpa', 'pod'
//   podplay.edit(text)            put text in the manifest editor (its error markers: state().editor.marks)
//   podplay.exportScript()        the session as a replayable script
//   podplay.frameStats([reset])   {frames, uiMs, uiMaxMs, tickMs, tickMaxMs, frameMs, frameMaxMs, droppedMs}:
//                                 CPU ms per frame (averages and maxima) since the last reset; uiMs is
//                                 ImGui (NewFrame + panels + Render), tickMs the simulation (budgeted:
//                                 podplay.setTickBudget(ms), default 6), droppedMs virtual time skipped
//                                 because the simulation could not keep up
//   podplay.shareLink([script])   URL with #script=<base64url>, also put in the address bar
// Cross-origin embedders can postMessage({podplay: 'exec', id, args: [cmd, stdin]}) to the frame; the
// reply is {podplay: 'result', id, result} (or error).
(function () {
  "use strict";

  function b64urlEncode(text) {
    var bytes = new TextEncoder().encode(text);
    var bin = "";
    for (var i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function b64urlDecode(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    var bin = atob(s);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  }

  // ---- start-up config from the URL: ?scenario= &speed= &panels= &autoplay=1 &readonly=1 #script= ----
  var params = new URLSearchParams(location.search);
  var hash = new URLSearchParams(location.hash.replace(/^#/, ""));
  var config = {};
  if (params.get("scenario")) config.scenario = params.get("scenario");
  if (params.get("speed") && isFinite(+params.get("speed"))) config.speed = +params.get("speed");
  if (params.get("panels")) config.panels = params.get("panels");
  config.autoplay = params.get("autoplay") === "1";
  config.readonly = params.get("readonly") === "1";
  config.fresh = params.get("fresh") === "1";
  var script = hash.get("script") || params.get("script");
  if (script) {
    try { config.script = b64urlDecode(script); } catch (e) { console.warn("podplay: bad #script=", e); }
  }

  var listeners = {};
  var resolveReady;
  var api = {
    config: config,
    ready: new Promise(function (r) { resolveReady = r; }),
    firstFrameMs: null,
    exec: function (cmd, stdin) { return callStrings("podplay_exec", [cmd, stdin == null ? "" : stdin]); },
    load: function (text, opts) {
      if (opts && opts.autoplay) { callStrings("podplay_play", [text]); return ""; }
      return callStrings("podplay_load", [text]);
    },
    show: function (panel, what) { call("podplay_show", null, ["string", "string"], [String(panel), what == null ? "" : String(what)]); },
    edit: function (text) { callStrings("podplay_edit", [text]); },
    setTickBudget: function (ms) { call("podplay_set_tick_budget", null, ["number"], [+ms]); },
    state: function () { return JSON.parse(call("podplay_state", "string", [], [])); },
    exportScript: function () { return call("podplay_export", "string", [], []); },
    setSpeed: function (x) { call("podplay_set_speed", null, ["number"], [+x]); },
    pause: function () { call("podplay_pause", null, ["number"], [1]); },
    play: function () { call("podplay_pause", null, ["number"], [0]); },
    step: function (ms) { call("podplay_step", null, ["number"], [ms == null ? 1000 : +ms]); },
    stepToNextEvent: function () { call("podplay_step", null, ["number"], [-1]); },
    reset: function () { call("podplay_reset", null, [], []); },
    now: function () { return call("podplay_now", "number", [], []); },
    frameStats: function (reset) { return JSON.parse(call("podplay_frame_stats", "string", ["number"], [reset ? 1 : 0])); },
    select: function (pod) { call("podplay_select", null, ["string"], [String(pod)]); },
    setReadonly: function (on) { call("podplay_set_readonly", null, ["number"], [on ? 1 : 0]); },
    shareLink: function (text) {
      if (text == null) text = api.exportScript();
      var url = location.origin + location.pathname + location.search + "#script=" + b64urlEncode(text);
      try { history.replaceState(null, "", url); } catch (e) {}
      try { if (navigator.clipboard) navigator.clipboard.writeText(url).catch(function () {}); } catch (e) {}
      return url;
    },
    on: function (type, cb) {
      (listeners[type] = listeners[type] || []).push(cb);
      if (Module.calledRun) call("podplay_set_listening", null, ["number"], [listeningFlags()]);
      return api;
    },
    off: function (type, cb) {
      listeners[type] = (listeners[type] || []).filter(function (f) { return f !== cb; });
      if (Module.calledRun) call("podplay_set_listening", null, ["number"], [listeningFlags()]);
      return api;
    },
    _emit: function (type, payload) {
      var data = payload;
      if (typeof payload === "string") { try { data = JSON.parse(payload); } catch (e) {} }
      (listeners[type] || []).slice().forEach(function (cb) {
        try { cb(data); } catch (e) { console.error("podplay listener:", e); }
      });
    },
    _b64urlEncode: b64urlEncode,
    _b64urlDecode: b64urlDecode,
  };

  function call(name, ret, types, args) {
    if (!Module.calledRun) throw new Error("podplay is not ready yet: await podplay.ready");
    return Module.ccall(name, ret, types, args);
  }

  // Strings go through the heap, not ccall's stack copies: inputs may be megabytes long.
  function callStrings(name, strs) {
    if (!Module.calledRun) throw new Error("podplay is not ready yet: await podplay.ready");
    var ptrs = strs.map(function (x) {
      x = String(x);
      var n = Module.lengthBytesUTF8(x) + 1;
      var p = Module._malloc(n);
      Module.stringToUTF8(x, p, n);
      return p;
    });
    try {
      return Module.UTF8ToString(Module.ccall(name, "number", ptrs.map(function () { return "number"; }), ptrs));
    } finally {
      ptrs.forEach(function (p) { Module._free(p); });
    }
  }

  var started = performance.now();
  var Module = window.Module = window.Module || {};
  Module.podplayConfig = config;
  Module.canvas = Module.canvas || document.getElementById("canvas");
  Module.print = Module.print || function (t) { console.log(t); };
  Module.printErr = Module.printErr || function (t) { console.warn(t); };
  // Commands are always reported (cheap); Events only once someone listens to 'event' (the page
  // scans the Events for new ones, which costs time with thousands of them).
  function listeningFlags() { return 1 | ((listeners.event || []).length ? 2 : 0); }
  Module.onPodplayReady = function () {
    call("podplay_set_listening", null, ["number"], [listeningFlags()]);
  };
  Module.onFirstFrame = function () {
    api.firstFrameMs = Math.round(performance.now() - started);
    var el = document.getElementById("loading");
    if (el) el.remove();
    console.log("podplay: first frame after " + api.firstFrameMs + " ms");
    resolveReady(api);
    api._emit("ready", {firstFrameMs: api.firstFrameMs});
  };
  Module.onNoWebGL = function () {
    var el = document.getElementById("loading");
    if (el) el.textContent = "podplay needs WebGL2, which this browser does not offer.";
  };
  window.podplay = api;

  // postMessage bridge for cross-origin embedding.
  window.addEventListener("message", function (e) {
    var m = e.data;
    if (!m || typeof m !== "object" || typeof m.podplay !== "string" || m.podplay === "result") return;
    var fn = api[m.podplay];
    var reply = {podplay: "result", id: m.id};
    if (typeof fn !== "function" || m.podplay.charAt(0) === "_") reply.error = "unknown podplay call " + m.podplay;
    else {
      try { reply.result = fn.apply(api, m.args || []); } catch (err) { reply.error = String(err && err.message || err); }
    }
    if (e.source) e.source.postMessage(reply, e.origin === "null" ? "*" : e.origin);
  });
})();
