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
const TAB_TIMELINE = { x: 884, y: 117 };
const TAB_SCHEDULING = { x: 960, y: 117 };
// The editor's Apply button (right column, middle).
const EDITOR_APPLY = { x: 1041, y: 435 };
// The first row of the Workloads list (left column, below the cluster view) and the Rollout view's
// Pause button.
const WORKLOAD_ROW = { x: 60, y: 501 };
const ROLLOUT_PAUSE = { x: 968, y: 134 };

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
  // The goal: under 2.5 MB (2,500,000 bytes). Over it we warn; over 2.5 MiB the build fails.
  console.log(`podplay.js + podplay.wasm = ${size} bytes`);
  if (size >= 2500000) console.log("WARNING: podplay.js + podplay.wasm is over the 2.5 MB goal");
  assert.ok(size < 2.5 * 1048576, "wasm + js under 2.5 MiB");
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
  await page.mouse.click(EDITOR_APPLY.x, EDITOR_APPLY.y);
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

// A Deployment whose rollout is visible: 4 replicas, one pod more / one less at a time, readiness.
const DEPLOYMENT = ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: web", "spec:", "  replicas: 4",
  "  strategy:", "    type: RollingUpdate", "    rollingUpdate: {maxSurge: 1, maxUnavailable: 1}",
  "  selector:", "    matchLabels: {app: web}", "  template:", "    metadata:", "      labels: {app: web}", "    spec:",
  "      containers:", "      - name: nginx", "        image: nginx:1.25",
  "        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 2}", ""].join("\n");

test("rollout view: a Deployment rolled out to a new image shows its two ReplicaSets", async () => {
  const page = await open(URL_BASE + "?fresh=1");
  await page.evaluate(() => podplay.pause());
  assert.match(await exec(page, "kubectl apply -f -", DEPLOYMENT), /deployment.apps\/web created/);
  await page.evaluate(() => podplay.step(30000));
  assert.match(await exec(page, "kubectl get deployment web"), /web\s+4\/4\s+4\s+4/);
  assert.match(await exec(page, "kubectl set image deployment/web nginx=nginx:1.26"), /deployment.apps\/web image updated/);
  await page.evaluate(() => podplay.step(60000));
  assert.match(await exec(page, "kubectl get deployment web"), /web\s+4\/4\s+4\s+4/);
  const st = await page.evaluate(() => podplay.state());
  const rs = st.objects.ReplicaSet.filter((r) => r.metadata.name.startsWith("web-"));
  assert.strictEqual(rs.length, 2, "two ReplicaSets: the old one scaled to 0, the new one at 4");
  // The UI sampled both over time: the old one had 4 pods, the new one reached 4.
  const h = st.history.deployments.find((d) => d.name === "web");
  assert.ok(h, "the rollout history has the Deployment");
  assert.strictEqual(h.replicaSets.length, 2);
  assert.deepStrictEqual(h.replicaSets.map((r) => r.revision).sort(), [1, 2]);
  assert.ok(h.replicaSets.every((r) => r.maxReplicas >= 4 && r.points >= 3), JSON.stringify(h.replicaSets));
  // The workloads list opens the view: click the Deployment's row.
  await clickSlow(page, WORKLOAD_ROW);
  await page.waitForTimeout(400);
  let views = (await page.evaluate(() => podplay.state())).views;
  assert.strictEqual(views.detail, "rollout", "a click on the Deployment row opens the Rollout view");
  await shot(page, "13-rollout");
  // Its Pause button issues `kubectl rollout pause deployment/web`.
  await clickSlow(page, ROLLOUT_PAUSE);
  await page.waitForTimeout(300);
  assert.match(await page.evaluate(() => podplay.exportScript()), /^kubectl rollout pause deployment\/web$/m);
  assert.strictEqual((await page.evaluate(() => podplay.state())).objects.Deployment[0].spec.paused, true);
  await page.waitForTimeout(300);
  await shot(page, "14-rollout-paused");
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

const PHP_APACHE = ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: php-apache", "spec:",
  "  selector:", "    matchLabels: {run: php-apache}", "  template:", "    metadata:", "      labels: {run: php-apache}",
  "    spec:", "      containers:", "      - name: php-apache", "        image: registry.k8s.io/hpa-example",
  "        ports: [{containerPort: 80}]", "        resources: {limits: {cpu: 500m}, requests: {cpu: 200m}}", "---",
  "apiVersion: v1", "kind: Service", "metadata:", "  name: php-apache", "spec:", "  ports: [{port: 80}]",
  "  selector: {run: php-apache}", "---", "apiVersion: autoscaling/v2", "kind: HorizontalPodAutoscaler", "metadata:",
  "  name: php-apache", "spec:", "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: php-apache}",
  "  minReplicas: 1", "  maxReplicas: 10", "  metrics:", "  - type: Resource",
  "    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}", ""].join("\n");

test("HPA view: php-apache under load scales out; utilization and replicas plotted", async () => {
  const page = await open(URL_BASE + "?fresh=1");
  await page.evaluate(() => podplay.pause());
  const out = await exec(page, "kubectl apply -f -", PHP_APACHE);
  assert.match(out, /horizontalpodautoscaler.autoscaling\/php-apache created/);
  await page.evaluate(() => podplay.step(60000));
  await exec(page, "kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c \"while sleep 0.01; do wget -q -O- http://php-apache; done\"");
  await page.evaluate(() => podplay.step(180000));
  const hpa = await exec(page, "kubectl get hpa php-apache");
  console.log(hpa.trim());
  await page.evaluate(() => podplay.show("hpa", "php-apache"));
  await page.waitForTimeout(400);
  const st = await page.evaluate(() => podplay.state());
  assert.strictEqual(st.views.detail, "hpa");
  const h = st.history.hpas.find((x) => x.name === "php-apache");
  assert.ok(h && h.points >= 2, "the HPA's history was sampled: " + JSON.stringify(h));
  assert.ok(h.maxUtilization > 50, "the load drove utilization over the 50% target: " + JSON.stringify(h));
  assert.ok(h.maxDesired > 1, "the HPA wanted more replicas: " + JSON.stringify(h));
  await shot(page, "15-hpa");
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

test("editor: validation errors are shown on the lines of their fields", async () => {
  const page = await open(URL_BASE + "?fresh=1");
  await page.evaluate(() => podplay.pause());
  // Two documents: the second is invalid in two ways (a missing image, a negative replicas).
  const text = ["apiVersion: v1", "kind: Pod", "metadata:", "  name: fine", "spec:", "  containers:", "  - name: a",
    "    image: nginx", "---", "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: broken", "spec:",
    "  replicas: -1", "  selector:", "    matchLabels: {app: b}", "  template:", "    metadata:", "      labels: {app: b}",
    "    spec:", "      containers:", "      - name: app", "        ports:", "        - containerPort: 80", ""].join("\n");
  await page.evaluate((t) => podplay.edit(t), text);
  await page.waitForTimeout(300);
  await clickSlow(page, EDITOR_APPLY);
  await page.waitForTimeout(500);
  const st = await page.evaluate(() => podplay.state());
  const marks = st.editor.marks;
  console.log("editor marks: " + JSON.stringify(marks));
  assert.ok(marks.some((m) => m.line === 15 && /^spec\.replicas: Invalid value: -1/.test(m.text)), JSON.stringify(marks));
  // The missing image is placed on its container (the nearest existing parent): line 23.
  assert.ok(marks.some((m) => m.line === 23 && /^spec\.template\.spec\.containers\[0\]\.image: Required value/.test(m.text)),
    JSON.stringify(marks));
  await shot(page, "16-editor-errors");
  // A YAML error in the second document is placed in that document.
  await page.evaluate(() => podplay.edit("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\n   oops: [\n"));
  await page.waitForTimeout(300);
  await clickSlow(page, EDITOR_APPLY);
  await page.waitForTimeout(500);
  const yaml = (await page.evaluate(() => podplay.state())).editor.marks;
  console.log("editor marks (yaml): " + JSON.stringify(yaml));
  assert.ok(yaml.length === 1 && yaml[0].line === 10 && /^mapping values/.test(yaml[0].text), JSON.stringify(yaml));
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});

test("autoplay: a script is replayed command by command, its sleeps paced by the clock", async () => {
  const script = "kubectl run one --image=nginx\nsleep 4s\nkubectl get pods\nsleep 4s\nkubectl run two --image=nginx\n";
  const enc = Buffer.from(script).toString("base64url");
  const page = await open(URL_BASE + "?autoplay=1&speed=2#script=" + enc);
  // At 2x, the 8 s of sleeps take about 4 s: sample the replay while it runs.
  const samples = [];
  for (let i = 0; i < 40; i++) {
    samples.push(await page.evaluate(() => { const s = podplay.state(); return { now: s.now, replay: s.replay, pods: s.pods.length }; }));
    if (!samples[samples.length - 1].replay.active && i > 2) break;
    await page.waitForTimeout(250);
  }
  const during = samples.filter((s) => s.replay.active);
  assert.ok(during.length >= 3, "the replay took several samples: " + JSON.stringify(samples));
  const clocks = [...new Set(during.map((s) => s.now))];
  assert.ok(clocks.length >= 3, "the clock moved in steps, not one jump: " + JSON.stringify(clocks));
  assert.ok(during.some((s) => s.pods === 1), "the second pod came after the sleeps");
  await page.waitForFunction(() => !podplay.state().replay.active, null, { timeout: 20000 });
  // The history is the script (then the clock plays on: a final `sleep` for that).
  const exported = await page.evaluate(() => podplay.exportScript());
  assert.ok(exported.startsWith(script) && /^(sleep \d+(ms|s|m)\n)?$/.test(exported.slice(script.length)), exported);
  const st = await page.evaluate(() => podplay.state());
  assert.strictEqual(st.pods.length, 2);
  assert.strictEqual(st.paused, false, "autoplay keeps the clock playing after the replay");
  await shot(page, "17-autoplay");

  // The JS API does the same: podplay.load(script, {autoplay: true}), each command reported as it runs.
  const commands = [];
  await page.exposeFunction("collectCommand", (c) => commands.push(c));
  const t = await page.evaluate(async (s) => {
    podplay.on("command", (c) => window.collectCommand(c.command));
    const done = new Promise((r) => podplay.on("replay", r));
    podplay.setSpeed(4);
    const ret = podplay.load(s, { autoplay: true });
    const t0 = performance.now();
    await done;
    return { ret, ms: performance.now() - t0 };
  }, script);
  assert.strictEqual(t.ret, "");
  assert.ok(t.ms > 1000, `8 s of sleeps at 4x took ${t.ms} ms of wall time`);
  assert.deepStrictEqual(commands, ["kubectl run one --image=nginx", "kubectl get pods", "kubectl run two --image=nginx"]);
  assert.ok((await page.evaluate(() => podplay.exportScript())).startsWith(script));
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
    podplay.setSpeed(1);
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
  const measure = async (playing, speed = 1) => {
    await page.evaluate(([p, x]) => { if (p) { podplay.setSpeed(x); podplay.play(); } else podplay.pause(); }, [playing, speed]);
    await page.waitForTimeout(500);  // let a few frames settle
    await page.evaluate(() => podplay.frameStats(true));
    await page.waitForFunction(() => podplay.frameStats().frames >= 60, null, { timeout: 300000, polling: 200 });
    return page.evaluate(() => podplay.frameStats());
  };
  const paused = await measure(false);
  const playing = await measure(true);
  const playing10 = await measure(true, 10);
  await page.evaluate(() => podplay.pause());
  const fmt = (s) => `ui ${s.uiMs.toFixed(2)} ms (max ${s.uiMaxMs.toFixed(1)}), simulation ${s.tickMs.toFixed(2)} ms ` +
    `(max ${s.tickMaxMs.toFixed(1)}), whole frame ${s.frameMs.toFixed(2)} ms (max ${s.frameMaxMs.toFixed(1)}) over ` +
    `${s.frames} frames; heap ${s.heapMB} MB (grew ${s.heapGrowths}x), virtual time dropped so far ${s.droppedMs} ms`;
  console.log(`frame time, 5,000 pods / 500 nodes, paused:  ${fmt(paused)}`);
  console.log(`frame time, 5,000 pods / 500 nodes, playing: ${fmt(playing)}`);
  console.log(`frame time, 5,000 pods / 500 nodes, playing at 10x: ${fmt(playing10)}`);
  const slowest = (s) => Object.entries(s.panels).sort((a, b) => b[1].maxMs - a[1].maxMs).slice(0, 3)
    .map(([id, t]) => `${id} avg ${t.avgMs.toFixed(2)} max ${t.maxMs.toFixed(1)}`).join(", ");
  console.log(`  slowest panels: paused ${slowest(paused)}; playing ${slowest(playing)}; 10x ${slowest(playing10)}`);
  await shot(page, "12-5000-pods");
  if (paused.uiMs >= 8 || playing.uiMs >= 8 || playing10.uiMs >= 8) console.log("WARNING: the ImGui frame is over the 8 ms goal");
  // Headless Chromium on SwiftShader shares the CPU with the test: only a gross regression fails.
  assert.ok(paused.uiMs < 40, `ImGui CPU time per frame ${paused.uiMs.toFixed(1)} ms`);
  assert.deepStrictEqual(page.errors, []);
  await page.context().close();
});
