// Browser tests of the built playground (build/web/), run by web/test.sh with node's test runner:
// headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, WebGL on SwiftShader.
// Env: PODPLAY_URL (served build/web/), PODPLAY_SHOTS (screenshot folder).
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("playwright-core");

const URL_BASE = process.env.PODPLAY_URL || "http://127.0.0.1:8080/";
const SHOTS = process.env.PODPLAY_SHOTS || "/tmp/podplay-shots";
const REAL_CORE = true;  // the page always runs the real core
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"];
const VIEW = { width: 1400, height: 860 };
// The Pod panel's tabs (right column, top; at VIEW's size): Details | Timeline | Scheduling.
const TAB_TIMELINE = { x: 884, y: 114 };
const TAB_SCHEDULING = { x: 962, y: 114 };

let browser;
fs.mkdirSync(SHOTS, { recursive: true });

// Opens `url` in a fresh context (its own localStorage) unless `context` is given; waits for the first frame.
async function open(url, context) {
  const ctx = context || (await browser.newContext({ viewport: VIEW }));
  const page = await ctx.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  page.on("console", (m) => { if (/abort|exception|RuntimeError/i.test(m.text())) page.errors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction(() => window.podplay && window.podplay.firstFrameMs !== null, null, { timeout: 60000 });
  return page;
}
const exec = (page, cmd, stdin) => page.evaluate(([c, s]) => podplay.exec(c, s), [cmd, stdin]);
const shot = async (page, name) => {
  const file = path.join(SHOTS, name + ".png");
  await page.screenshot({ path: file });
  return file;
};
// A click held over a few frames (the page draws ~10 frames/s on SwiftShader; a tab needs hover first).
async function clickSlow(page, at) {
  await page.mouse.move(at.x, at.y);
  await page.waitForTimeout(150);
  await page.mouse.down();
  await page.waitForTimeout(150);
  await page.mouse.up();
}
// The page still runs: a command answers and the clock moves while playing.
async function assertAlive(page) {
  const out = await exec(page, "kubectl get nodes");
  assert.match(out, /NAME\s+STATUS/);
  const t0 = await page.evaluate(() => { podplay.setSpeed(100); podplay.play(); return podplay.now(); });
  await page.waitForTimeout(400);
  const t1 = await page.evaluate(() => { const t = podplay.now(); podplay.pause(); return t; });
  assert.ok(t1 > t0, `the clock should move while playing (${t0} -> ${t1})`);
  assert.deepStrictEqual(page.errors, []);
}

test.before(async () => {
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
});
test.after(async () => { if (browser) await browser.close(); });

test("loads, draws a first frame, reports size and timing", async () => {
  const page = await open(URL_BASE + "?fresh=1");
  const ms = await page.evaluate(() => podplay.firstFrameMs);
  const dir = path.join(__dirname, "..", "..", "build", "web");
  const size = fs.statSync(path.join(dir, "podplay.wasm")).size + fs.statSync(path.join(dir, "podplay.js")).size;
  console.log(`podplay.js + podplay.wasm = ${(size / 1048576).toFixed(2)} MiB; first frame after ${ms} ms`);
  // The goal is < 2.5 MiB; the core still grows, so only 3 MiB fails the build.
  if (size >= 2.5 * 1048576) console.log("WARNING: podplay.js + podplay.wasm is over the 2.5 MiB goal");
  assert.ok(size < 3 * 1048576, "wasm + js under 3 MiB");
  const state = await page.evaluate(() => podplay.state());
  assert.ok(state.nodes.length >= 1, "the cluster has nodes");
  assert.strictEqual(typeof state.now, "number");
  await shot(page, "01-start");
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

test("JS API: exec, time, state, events", async () => {
  const page = await open(URL_BASE + "?fresh=1");
  const events = [];
  await page.exposeFunction("collectEvent", (e) => events.push(e));
  await page.evaluate(() => { podplay.pause(); podplay.on("event", (e) => window.collectEvent(e)); });
  assert.match(await exec(page, "kubectl get nodes"), /NAME\s+STATUS/);
  assert.match(await exec(page, "kubectl run hello --image=nginx"), /pod\/hello created/);
  const t0 = await page.evaluate(() => podplay.now());
  await page.evaluate(() => podplay.step(30000));
  assert.strictEqual(await page.evaluate(() => podplay.now()), t0 + 30000);
  const pods = await exec(page, "kubectl get pods");
  assert.match(pods, REAL_CORE ? /hello\s+1\/1\s+Running/ : /hello/);
  const state = await page.evaluate(() => podplay.state());
  assert.ok(state.pods.some((p) => p.metadata.name === "hello"));
  assert.ok((await page.evaluate(() => podplay.exportScript())).includes("kubectl run hello --image=nginx"));
  if (REAL_CORE) {
    await page.waitForTimeout(200);
    assert.ok(events.length > 0, "podplay.on('event') saw the pod's events");
    assert.ok(events.some((e) => e.involvedObject && e.involvedObject.name === "hello"));
  }
  await shot(page, "02-api");
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

test("the console: typing a command shows the CLI's output", async () => {
  const page = await open(URL_BASE + "?fresh=1");
  await page.evaluate(() => podplay.pause());
  // The console's input line is the last row of the left column.
  await page.mouse.click(300, VIEW.height - 18);
  await page.keyboard.type("kubectl get nodes", { delay: 5 });
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  const script = await page.evaluate(() => podplay.exportScript());
  assert.match(script, /^kubectl get nodes$/m, "the typed command ran (it is in the history)");
  // History: up arrow brings the command back.
  // (one key per frame, as a person types: the page draws ~10 frames/s on SwiftShader)
  await page.waitForTimeout(300);
  await page.keyboard.press("ArrowUp");
  await page.waitForTimeout(300);
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  const again = await page.evaluate(() => podplay.exportScript());
  assert.strictEqual((again.match(/^kubectl get nodes$/gm) || []).length, 2);
  await shot(page, "03-console");
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

test("panels: pod detail, node actions popup, editor apply", async () => {
  const page = await open(URL_BASE + "?fresh=1");
  await page.evaluate(() => podplay.pause());
  await exec(page, "kubectl run hello --image=nginx");
  await page.evaluate(() => { podplay.step(20000); podplay.select("default/hello"); });
  await page.waitForTimeout(300);
  await shot(page, "07-pod-detail");
  // The editor's Apply button (right column, below the Pod panel) applies the gallery's first manifest.
  const apply = { x: 1041, y: 336 };
  await page.mouse.click(apply.x, apply.y);
  await page.waitForTimeout(400);
  const script = await page.evaluate(() => podplay.exportScript());
  assert.match(script, /^kubectl apply -f - <<EOF$/m, "Apply ran kubectl apply -f - with the manifest as stdin");
  if (REAL_CORE) assert.ok((await page.evaluate(() => podplay.state())).pods.some((p) => p.metadata.name === "web"));
  // Clicking a node's name opens its actions.
  await page.mouse.click(45, 73);
  await page.waitForTimeout(400);
  await shot(page, "08-node-actions");
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

test("bad input leaves the page working: malformed manifest, unknown command, huge input", async () => {
  const page = await open(URL_BASE + "?fresh=1");
  await page.evaluate(() => podplay.pause());
  const bad = await exec(page, "kubectl apply -f -", "kind: [unterminated\n  - : : {");
  const bad2 = await exec(page, "kubectl apply -f -", "{\"kind\": \"Pod\", \"metadata\": 5}");
  if (REAL_CORE) {
    assert.match(bad, /error/i);
    assert.match(bad2, /error/i);
  }
  assert.match(await exec(page, "frobnicate --now"), /.+/);
  assert.match(await exec(page, "kubectl"), /.*/);
  assert.match(await exec(page, "kubectl get nosuchthing"), /error|resource/i);
  const huge = "x".repeat(1 << 20);
  await exec(page, huge);
  await exec(page, "kubectl apply -f -", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n  labels: {a: " + "y".repeat(1 << 20) + "}\n");
  await exec(page, "kubectl get pods " + "z ".repeat(50000));
  await page.waitForTimeout(300);
  await assertAlive(page);
  await shot(page, "04-bad-input");
  await page.context().close();
});

test("autosave: a reload restores the session; a share link reproduces it", async () => {
  const context = await browser.newContext({ viewport: VIEW });
  let page = await open(URL_BASE, context);
  await page.evaluate(() => { podplay.pause(); podplay.reset(); });
  await exec(page, "kubectl run saved --image=nginx");
  await page.evaluate(() => podplay.step(5000));
  const before = await page.evaluate(() => ({ now: podplay.now(), script: podplay.exportScript() }));
  await page.reload();
  await page.waitForFunction(() => window.podplay && window.podplay.firstFrameMs !== null, null, { timeout: 60000 });
  const after = await page.evaluate(() => { podplay.pause(); return { now: podplay.now(), pods: podplay.state().pods.map((p) => p.metadata.name) }; });
  assert.ok(after.pods.includes("saved"), "the pod survives a reload");
  assert.ok(after.now >= before.now, "the clock is restored");

  const link = await page.evaluate(() => podplay.shareLink());
  assert.match(link, /#script=[A-Za-z0-9_-]+$/);
  const other = await open(link.replace(/^https?:\/\/[^/]+\//, URL_BASE));  // a fresh context: no localStorage
  const shared = await other.evaluate(() => ({ paused: podplay.state().paused, pods: podplay.state().pods.map((p) => p.metadata.name) }));
  assert.ok(shared.pods.includes("saved"), "the share link carries the session");
  assert.strictEqual(shared.paused, true, "a shared script opens paused without autoplay=1");
  await other.context().close();
  await context.close();
});

test("URL parameters: panels, readonly, speed, autoplay", async () => {
  const script = "kubectl run one --image=nginx\nsleep 3s\n";
  const enc = Buffer.from(script).toString("base64url");
  const page = await open(URL_BASE + "?panels=time,cluster,console&readonly=1&speed=50&autoplay=1#script=" + enc);
  const st = await page.evaluate(() => podplay.state());
  assert.strictEqual(st.readonly, true);
  assert.strictEqual(st.speed, 50);
  assert.strictEqual(st.paused, false, "autoplay=1 plays");
  assert.ok(st.pods.some((p) => p.metadata.name === "one"));
  // Readonly: typing in the console runs nothing.
  await page.mouse.click(300, VIEW.height - 18);
  await page.keyboard.type("kubectl run two --image=nginx");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(200);
  assert.ok(!(await page.evaluate(() => podplay.exportScript())).includes("two"));
  await shot(page, "05-readonly-panels");
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

test("?scenario=NAME loads a scenario from scenarios/", async (t) => {
  const dir = path.join(__dirname, "..", "..", "build", "web", "scenarios");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];
  if (files.length === 0) return t.skip("no scenarios/ in the repo yet");
  const file = files[0];
  const name = file.replace(/\.(sh|txt|pp)$/, "");
  const page = await open(URL_BASE + "?scenario=" + encodeURIComponent(name));
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  const script = await page.evaluate(() => podplay.exportScript());
  assert.ok(script.startsWith(text.endsWith("\n") ? text : text + "\n"), `scenario ${name} is the session's history`);
  assert.strictEqual((await page.evaluate(() => podplay.state())).paused, true);
  await shot(page, "09-scenario");
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

test("the embed example drives the playground from tutorial buttons", async () => {
  const context = await browser.newContext({ viewport: VIEW });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(URL_BASE + "embed-example.html");
  await page.click("#step1");
  await page.waitForFunction(() => document.getElementById("out1").textContent.length > 0, null, { timeout: 60000 });
  assert.match(await page.textContent("#out1"), REAL_CORE ? /pod\/hello created/ : /.+/);
  await page.click("#step2");
  await page.waitForFunction(() => document.getElementById("out2").textContent.length > 0, null, { timeout: 10000 });
  assert.match(await page.textContent("#out2"), /hello|No resources/);
  await page.waitForTimeout(500);
  await shot(page, "06-embed");
  assert.deepStrictEqual(errors, []);
  await context.close();
});

test("pod panel: a crash-looping pod's timeline and the scheduler's explanation", async () => {
  const page = await open(URL_BASE + "?fresh=1");
  await page.evaluate(() => podplay.pause());
  const manifest = [
    "apiVersion: v1", "kind: Pod", "metadata:", "  name: crashy", "spec:",
    "  initContainers:", "  - name: setup", "    image: busybox:1.36", "    command: [sh, -c, \"echo init; sleep 5\"]",
    "  containers:", "  - name: app", "    image: busybox:1.36",
    "    command: [sh, -c, \"echo starting; sleep 1; echo giving up; exit 1\"]",
    "  - name: web", "    image: nginx:1.25",
    "    readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}",
    "    lifecycle: {postStart: {exec: {command: [sh, -c, \"echo hi\"]}}}", ""].join("\n");
  assert.match(await exec(page, "kubectl apply -f -", manifest), /pod\/crashy created/);
  await page.evaluate(() => { podplay.step(150000); podplay.select("default/crashy"); });
  if (REAL_CORE) assert.match(await exec(page, "kubectl get pod crashy"), /CrashLoopBackOff/);
  await page.waitForTimeout(300);
  // The Pod panel's tabs: Details | Timeline | Scheduling (right column, below its pod picker).
  await clickSlow(page, TAB_TIMELINE);
  await page.waitForTimeout(400);
  await shot(page, "10-pod-timeline");
  await clickSlow(page, TAB_SCHEDULING);
  await page.waitForTimeout(400);
  await shot(page, "11-pod-scheduling");
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

// The goal: the UI's CPU time per frame stays under 8 ms with 5,000 pods on 500 nodes.
// Measured in the page (wasm): NewFrame + panels + Render, averaged over 60 frames, reported.
test("frame time with 5,000 pods on 500 nodes", { timeout: 600000 }, async () => {
  const page = await open(URL_BASE + "?fresh=1");
  const setup = await page.evaluate(() => {
    const t = performance.now();
    podplay.pause();
    podplay.reset();  // `sim cluster empty` must be a session's first command
    const out = [podplay.exec("sim cluster empty")];
    for (let i = 0; i < 500; i++) out.push(podplay.exec("sim node add node" + i + " --pods 20"));
    const docs = [];
    for (let i = 0; i < 5000; i++)
      docs.push("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p" + String(i).padStart(4, "0") +
        "\n  labels: {app: load}\nspec:\n  containers:\n  - name: app\n    image: nginx\n" +
        "    resources: {requests: {cpu: 10m, memory: 16Mi}}\n");
    out.push(podplay.exec("kubectl apply -f -", docs.join("---\n")));
    podplay.step(30000);
    return { ms: performance.now() - t, errors: out.filter((o) => /error/i.test(o)).slice(0, 3) };
  });
  assert.deepStrictEqual(setup.errors, []);
  const running = await exec(page, "kubectl get pods --no-headers");
  const nRunning = running.split("\n").filter((l) => /Running/.test(l)).length;
  console.log(`5,000 pods on 500 nodes set up in ${(setup.ms / 1000).toFixed(1)} s; ${nRunning} running`);
  if (REAL_CORE) assert.strictEqual(nRunning, 5000);
  await page.evaluate(() => podplay.select("default/p0042"));
  const measure = async (playing) => {
    await page.evaluate((p) => { if (p) { podplay.setSpeed(1); podplay.play(); } else podplay.pause(); }, playing);
    await page.waitForTimeout(500);  // let a few frames settle
    await page.evaluate(() => podplay.frameStats(true));
    await page.waitForFunction(() => podplay.frameStats().frames >= 60, null, { timeout: 300000, polling: 200 });
    return page.evaluate(() => podplay.frameStats());
  };
  const paused = await measure(false);
  const playing = await measure(true);
  await page.evaluate(() => podplay.pause());
  const fmt = (s) => `ui ${s.uiMs.toFixed(2)} ms (max ${s.uiMaxMs.toFixed(1)}), simulation ${s.tickMs.toFixed(2)} ms, ` +
    `whole frame ${s.frameMs.toFixed(2)} ms over ${s.frames} frames`;
  console.log(`frame time, 5,000 pods / 500 nodes, paused:  ${fmt(paused)}`);
  console.log(`frame time, 5,000 pods / 500 nodes, playing: ${fmt(playing)}`);
  await shot(page, "12-5000-pods");
  if (paused.uiMs >= 8 || playing.uiMs >= 8) console.log("WARNING: the ImGui frame is over the 8 ms goal");
  // Headless Chromium on SwiftShader shares the CPU with the test: only a gross regression fails.
  assert.ok(paused.uiMs < 40, `ImGui CPU time per frame ${paused.uiMs.toFixed(1)} ms`);
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});
