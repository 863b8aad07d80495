#include "api/defaults.h"

namespace podplay {

namespace {

void setIfMissing(json& o, const char* k, const json& v) {
  if (!o.is_object()) return;
  auto it = o.find(k);
  if (it == o.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty() && v.is_string()))
    o[k] = v;
}

bool isMissing(const json& o, const char* k) {
  if (!o.is_object()) return true;
  auto it = o.find(k);
  return it == o.end() || it->is_null();
}

// Zero numbers count as unset for the probe fields (Go int32 zero value).
void setIfZero(json& o, const char* k, int64_t v) {
  auto it = o.find(k);
  if (it == o.end() || it->is_null() || (it->is_number() && it->get<double>() == 0)) o[k] = v;
}

// parsers.ParseImageName's tag: "latest" when neither tag nor digest is given.
std::string imageTag(const std::string& image) {
  std::string ref = image;
  bool digest = false;
  size_t at = ref.find('@');
  if (at != std::string::npos) {
    digest = true;
    ref = ref.substr(0, at);
  }
  size_t slash = ref.rfind('/');
  size_t colon = ref.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) return ref.substr(colon + 1);
  return digest ? "" : "latest";
}

void defaultHandler(json& h) {
  if (!h.is_object()) return;
  if (h.contains("httpGet") && h["httpGet"].is_object()) {
    json& g = h["httpGet"];
    setIfMissing(g, "path", "/");
    setIfMissing(g, "scheme", "HTTP");
  }
}

void defaultProbe(json& p) {
  if (!p.is_object()) return;
  defaultHandler(p);
  setIfZero(p, "timeoutSeconds", 1);
  setIfZero(p, "periodSeconds", 10);
  setIfZero(p, "successThreshold", 1);
  setIfZero(p, "failureThreshold", 3);
}

void defaultContainer(json& c) {
  if (!c.is_object()) return;
  if (isMissing(c, "imagePullPolicy") || (c["imagePullPolicy"].is_string() && c["imagePullPolicy"].get<std::string>().empty())) {
    std::string image = c.contains("image") && c["image"].is_string() ? c["image"].get<std::string>() : "";
    c["imagePullPolicy"] = imageTag(image) == "latest" ? "Always" : "IfNotPresent";
  }
  setIfMissing(c, "terminationMessagePath", "/dev/termination-log");
  setIfMissing(c, "terminationMessagePolicy", "File");
  if (isMissing(c, "resources")) c["resources"] = json::object();
  if (c.contains("ports") && c["ports"].is_array())
    for (auto& p : c["ports"])
      if (p.is_object()) setIfMissing(p, "protocol", "TCP");
  for (const char* k : {"livenessProbe", "readinessProbe", "startupProbe"})
    if (c.contains(k)) defaultProbe(c[k]);
  if (c.contains("lifecycle") && c["lifecycle"].is_object())
    for (const char* k : {"postStart", "preStop"})
      if (c["lifecycle"].contains(k)) defaultHandler(c["lifecycle"][k]);
  if (c.contains("env") && c["env"].is_array())
    for (auto& e : c["env"])
      if (e.is_object() && e.contains("valueFrom") && e["valueFrom"].is_object() &&
          e["valueFrom"].contains("fieldRef") && e["valueFrom"]["fieldRef"].is_object())
        setIfMissing(e["valueFrom"]["fieldRef"], "apiVersion", "v1");
}

void defaultVolumes(json& spec) {
  if (!spec.contains("volumes") || !spec["volumes"].is_array()) return;
  static const char* sources[] = {"hostPath", "emptyDir", "gitRepo", "awsElasticBlockStore", "gcePersistentDisk",
                                  "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd", "quobyte",
                                  "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile",
                                  "configMap", "vsphereVolume", "azureDisk", "photonPersistentDisk", "projected",
                                  "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image"};
  for (auto& v : spec["volumes"]) {
    if (!v.is_object()) continue;
    bool any = false;
    for (const char* s : sources)
      if (!isMissing(v, s)) any = true;
    if (!any) v["emptyDir"] = json::object();
    for (const char* s : {"secret", "configMap", "projected", "downwardAPI"})
      if (v.contains(s) && v[s].is_object()) setIfMissing(v[s], "defaultMode", 420);
    if (v.contains("hostPath") && v["hostPath"].is_object() && isMissing(v["hostPath"], "type")) v["hostPath"]["type"] = "";
  }
}

void defaultPodTemplate(json& tmpl) {
  if (!tmpl.is_object()) return;
  if (tmpl.contains("spec")) applyPodSpecDefaults(tmpl["spec"]);
}

void requestsFromLimits(json& containers) {
  if (!containers.is_array()) return;
  for (auto& c : containers) {
    if (!c.is_object() || !c.contains("resources") || !c["resources"].is_object()) continue;
    json& r = c["resources"];
    if (!r.contains("limits") || !r["limits"].is_object()) continue;
    if (isMissing(r, "requests")) r["requests"] = json::object();
    if (!r["requests"].is_object()) continue;
    for (auto& [k, v] : r["limits"].items())
      if (!r["requests"].contains(k)) r["requests"][k] = v;
  }
}

json toleration(const char* key) {
  return json{{"effect", "NoExecute"}, {"key", key}, {"operator", "Exists"}, {"tolerationSeconds", 300}};
}

void defaultPod(json& pod) {
  if (!pod.contains("spec") || !pod["spec"].is_object()) pod["spec"] = json::object();
  json& spec = pod["spec"];
  // SetDefaults_Pod
  if (spec.contains("containers")) requestsFromLimits(spec["containers"]);
  if (spec.contains("initContainers")) requestsFromLimits(spec["initContainers"]);
  setIfMissing(spec, "enableServiceLinks", true);
  applyPodSpecDefaults(spec);
  // v1 conversion keeps serviceAccount (deprecated) and serviceAccountName in sync; admission fills "default".
  std::string san = spec.contains("serviceAccountName") && spec["serviceAccountName"].is_string()
                        ? spec["serviceAccountName"].get<std::string>()
                        : "";
  if (san.empty() && spec.contains("serviceAccount") && spec["serviceAccount"].is_string())
    san = spec["serviceAccount"].get<std::string>();
  if (san.empty()) san = "default";
  spec["serviceAccountName"] = san;
  spec["serviceAccount"] = san;
  // Priority admission (no priorityClassName -> global default 0).
  setIfMissing(spec, "priority", 0);
  setIfMissing(spec, "preemptionPolicy", "PreemptLowerPriority");
  // DefaultTolerationSeconds admission.
  bool notReady = false, unreachable = false;
  if (spec.contains("tolerations") && spec["tolerations"].is_array()) {
    for (auto& t : spec["tolerations"]) {
      if (!t.is_object()) continue;
      std::string key = t.value("key", "");
      std::string effect = t.value("effect", "");
      bool effOk = effect.empty() || effect == "NoExecute";
      if ((key == "node.kubernetes.io/not-ready" || key.empty()) && effOk) notReady = true;
      if ((key == "node.kubernetes.io/unreachable" || key.empty()) && effOk) unreachable = true;
    }
  } else {
    spec["tolerations"] = json::array();
  }
  if (!notReady) spec["tolerations"].push_back(toleration("node.kubernetes.io/not-ready"));
  if (!unreachable) spec["tolerations"].push_back(toleration("node.kubernetes.io/unreachable"));
  if (spec["tolerations"].empty()) spec.erase("tolerations");
}

void defaultDeployment(json& d) {
  if (!d.contains("spec") || !d["spec"].is_object()) d["spec"] = json::object();
  json& spec = d["spec"];
  setIfMissing(spec, "replicas", 1);
  if (isMissing(spec, "strategy") || !spec["strategy"].is_object()) spec["strategy"] = json::object();
  json& st = spec["strategy"];
  setIfMissing(st, "type", "RollingUpdate");
  if (st["type"] == "RollingUpdate") {
    if (isMissing(st, "rollingUpdate") || !st["rollingUpdate"].is_object()) st["rollingUpdate"] = json::object();
    setIfMissing(st["rollingUpdate"], "maxUnavailable", "25%");
    setIfMissing(st["rollingUpdate"], "maxSurge", "25%");
  }
  setIfMissing(spec, "revisionHistoryLimit", 10);
  setIfMissing(spec, "progressDeadlineSeconds", 600);
  if (spec.contains("template")) defaultPodTemplate(spec["template"]);
}

void defaultReplicaSet(json& rs) {
  if (!rs.contains("spec") || !rs["spec"].is_object()) rs["spec"] = json::object();
  setIfMissing(rs["spec"], "replicas", 1);
  if (rs["spec"].contains("template")) defaultPodTemplate(rs["spec"]["template"]);
}

void defaultService(json& svc) {
  if (!svc.contains("spec") || !svc["spec"].is_object()) svc["spec"] = json::object();
  json& spec = svc["spec"];
  setIfMissing(spec, "sessionAffinity", "None");
  if (spec["sessionAffinity"] == "None") spec.erase("sessionAffinityConfig");
  setIfMissing(spec, "type", "ClusterIP");
  if (spec.contains("ports") && spec["ports"].is_array())
    for (auto& p : spec["ports"]) {
      if (!p.is_object()) continue;
      setIfMissing(p, "protocol", "TCP");
      bool unset = isMissing(p, "targetPort") || (p["targetPort"].is_number() && p["targetPort"].get<double>() == 0) ||
                   (p["targetPort"].is_string() && p["targetPort"].get<std::string>().empty());
      if (unset && p.contains("port")) p["targetPort"] = p["port"];
    }
  std::string type = spec["type"].is_string() ? spec["type"].get<std::string>() : "";
  bool external = type == "LoadBalancer" || type == "NodePort" ||
                  (type == "ClusterIP" && spec.contains("externalIPs") && spec["externalIPs"].is_array() &&
                   !spec["externalIPs"].empty());
  if (external) setIfMissing(spec, "externalTrafficPolicy", "Cluster");
  if (type == "NodePort" || type == "LoadBalancer" || type == "ClusterIP") setIfMissing(spec, "internalTrafficPolicy", "Cluster");
  if (type == "LoadBalancer") setIfMissing(spec, "allocateLoadBalancerNodePorts", true);
}

json scalingRules(const json* from, bool up) {
  json r = from && from->is_object() ? *from : json::object();
  if (up) {
    setIfMissing(r, "stabilizationWindowSeconds", 0);
    setIfMissing(r, "selectPolicy", "Max");
    if (isMissing(r, "policies"))
      r["policies"] = json::array({json{{"type", "Pods"}, {"value", 4}, {"periodSeconds", 15}},
                                   json{{"type", "Percent"}, {"value", 100}, {"periodSeconds", 15}}});
  } else {
    setIfMissing(r, "selectPolicy", "Max");
    if (isMissing(r, "policies")) r["policies"] = json::array({json{{"type", "Percent"}, {"value", 100}, {"periodSeconds", 15}}});
  }
  return r;
}

void defaultHPA(json& h) {
  if (!h.contains("spec") || !h["spec"].is_object()) h["spec"] = json::object();
  json& spec = h["spec"];
  setIfMissing(spec, "minReplicas", 1);
  if (isMissing(spec, "metrics") || (spec["metrics"].is_array() && spec["metrics"].empty()))
    spec["metrics"] = json::array({json{{"type", "Resource"},
                                        {"resource", json{{"name", "cpu"},
                                                          {"target", json{{"type", "Utilization"}, {"averageUtilization", 80}}}}}}});
  if (!isMissing(spec, "behavior") && spec["behavior"].is_object()) {
    json& b = spec["behavior"];
    const json* up = b.contains("scaleUp") ? &b["scaleUp"] : nullptr;
    json nu = scalingRules(up, true);
    const json* down = b.contains("scaleDown") ? &b["scaleDown"] : nullptr;
    json nd = scalingRules(down, false);
    b["scaleUp"] = nu;
    b["scaleDown"] = nd;
  }
}

void defaultNamespace(json& ns) {
  if (!ns.contains("metadata") || !ns["metadata"].is_object()) return;
  json& m = ns["metadata"];
  std::string name = m.contains("name") && m["name"].is_string() ? m["name"].get<std::string>() : "";
  if (name.empty()) return;
  if (isMissing(m, "labels") || !m["labels"].is_object()) m["labels"] = json::object();
  m["labels"]["kubernetes.io/metadata.name"] = name;
  if (!ns.contains("spec") || !ns["spec"].is_object()) ns["spec"] = json::object();
  setIfMissing(ns["spec"], "finalizers", json::array({"kubernetes"}));
}

void defaultNode(json& n) {
  if (!n.contains("status") || !n["status"].is_object()) return;
  json& st = n["status"];
  if (!isMissing(st, "capacity") && isMissing(st, "allocatable")) st["allocatable"] = st["capacity"];
}

}  // namespace

void applyPodSpecDefaults(json& spec) {
  try {
    if (!spec.is_object()) return;
    setIfMissing(spec, "dnsPolicy", "ClusterFirst");
    setIfMissing(spec, "restartPolicy", "Always");
    if (isMissing(spec, "securityContext")) spec["securityContext"] = json::object();
    setIfMissing(spec, "terminationGracePeriodSeconds", 30);
    setIfMissing(spec, "schedulerName", "default-scheduler");
    for (const char* k : {"containers", "initContainers"})
      if (spec.contains(k) && spec[k].is_array())
        for (auto& c : spec[k]) defaultContainer(c);
    defaultVolumes(spec);
  } catch (...) {
  }
}

void applyDefaults(json& obj) {
  try {
    if (!obj.is_object() || !obj.contains("kind") || !obj["kind"].is_string()) return;
    std::string kind = obj["kind"].get<std::string>();
    if (kind == "Pod")
      defaultPod(obj);
    else if (kind == "Deployment")
      defaultDeployment(obj);
    else if (kind == "ReplicaSet")
      defaultReplicaSet(obj);
    else if (kind == "Service")
      defaultService(obj);
    else if (kind == "HorizontalPodAutoscaler")
      defaultHPA(obj);
    else if (kind == "Namespace")
      defaultNamespace(obj);
    else if (kind == "Node")
      defaultNode(obj);
  } catch (...) {
  }
}

namespace hpa {

bool convertV1ToV2(json& obj) {
  if (!obj.is_object() || obj.value("kind", "") != "HorizontalPodAutoscaler" ||
      obj.value("apiVersion", "") != "autoscaling/v1")
    return false;
  obj["apiVersion"] = "autoscaling/v2";
  if (!obj.contains("spec") || !obj["spec"].is_object()) return true;
  json& spec = obj["spec"];
  if (spec.contains("targetCPUUtilizationPercentage")) {
    json target = spec["targetCPUUtilizationPercentage"];
    spec.erase("targetCPUUtilizationPercentage");
    if (!target.is_null())
      spec["metrics"] = json::array({json{{"type", "Resource"},
                                          {"resource", {{"name", "cpu"},
                                                        {"target", {{"type", "Utilization"}, {"averageUtilization", target}}}}}}});
  }
  return true;
}

}  // namespace hpa

}  // namespace podplay
