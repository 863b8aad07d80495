#include "api/apiserver.h"

#include "api/defaults.h"
#include "api/kinds.h"
#include "api/validation.h"
#include "cluster.h"
#include "util/quantity.h"
#include "util/timefmt.h"

namespace podplay {

static const char* kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

static std::string qosClass(const json& spec) {
  bool allGuaranteed = true, any = false;
  auto scan = [&](const json& list) {
    for (const auto& c : list) {
      const json& res = c.value("resources", json::object());
      const json& req = res.value("requests", json::object());
      const json& lim = res.value("limits", json::object());
      if (!req.empty() || !lim.empty()) any = true;
      for (const char* r : {"cpu", "memory"}) {
        if (!lim.contains(r)) {
          allGuaranteed = false;
          continue;
        }
        if (req.contains(r) && req[r] != lim[r]) allGuaranteed = false;
      }
    }
  };
  scan(spec.value("containers", json::array()));
  scan(spec.value("initContainers", json::array()));
  if (!any) return "BestEffort";
  return allGuaranteed ? "Guaranteed" : "Burstable";
}

ApiError ApiServer::prepare(json& obj) {
  if (!obj.is_object()) return {"BadRequest", "the object provided is not an object"};
  std::string kind = obj.value("kind", "");
  const KindInfo* ki = findKind(kind);
  if (!ki || ki->kind != kind)
    return {"BadRequest", "no matches for kind \"" + kind + "\" in version \"" + obj.value("apiVersion", "") + "\""};
  hpa::convertV1ToV2(obj);  // autoscaling/v1 HPAs are stored as v2
  if (std::string dec = decodeError(obj); !dec.empty()) return {"BadRequest", dec};
  json& meta = obj["metadata"];
  if (!meta.is_object()) meta = json::object();
  if (ki->namespaced) {
    if (!meta.contains("namespace") || meta["namespace"] == "") meta["namespace"] = "default";
    std::string ns = meta["namespace"].get<std::string>();
    if (!c_.store.get("Namespace", "", ns)) return {"NotFound", "namespaces \"" + ns + "\" not found"};
  } else {
    meta.erase("namespace");
  }
  if ((!meta.contains("name") || meta["name"] == "") && meta.contains("generateName") && meta["generateName"].is_string())
    meta["name"] = meta["generateName"].get<std::string>() + c_.rng.suffix(5);
  applyDefaults(obj);
  if (kind == "Pod") {
    json& spec = obj["spec"];
    // ServiceAccount admission: the projected token volume, mounted in every container.
    if (spec.value("automountServiceAccountToken", true)) {
      std::string vol = "kube-api-access-" + c_.rng.suffix(5);
      json v = {{"name", vol},
                {"projected",
                 {{"defaultMode", 420},
                  {"sources",
                   json::array({{{"serviceAccountToken", {{"expirationSeconds", 3607}, {"path", "token"}}}},
                                {{"configMap", {{"name", "kube-root-ca.crt"}, {"items", json::array({{{"key", "ca.crt"}, {"path", "ca.crt"}}})}}}},
                                {{"downwardAPI",
                                  {{"items", json::array({{{"path", "namespace"},
                                                           {"fieldRef", {{"apiVersion", "v1"}, {"fieldPath", "metadata.namespace"}}}}})}}}}})}}}};
      if (!spec.contains("volumes") || !spec["volumes"].is_array()) spec["volumes"] = json::array();
      spec["volumes"].push_back(v);
      for (const char* list : {"initContainers", "containers"}) {
        if (!spec.contains(list) || !spec[list].is_array()) continue;
        for (auto& ctr : spec[list]) {
          if (!ctr.is_object()) continue;
          if (!ctr.contains("volumeMounts") || !ctr["volumeMounts"].is_array()) ctr["volumeMounts"] = json::array();
          ctr["volumeMounts"].push_back({{"mountPath", "/var/run/secrets/kubernetes.io/serviceaccount"},
                                         {"name", vol},
                                         {"readOnly", true}});
        }
      }
    }
  }
  auto errs = validateObject(obj);
  if (!errs.empty()) return {"Invalid", formatInvalid(kind, meta.value("name", ""), errs)};
  if (meta.value("name", "") == "") return {"Invalid", formatInvalid(kind, "", {{"metadata.name", "Required value: name or generateName is required"}})};
  meta["uid"] = c_.rng.uuid();
  meta["creationTimestamp"] = rfc3339(c_.queue.now());
  if (kind == "Pod") {
    obj["status"] = {{"phase", "Pending"}, {"qosClass", qosClass(obj["spec"])}};
  }
  if (kind == "Deployment" || kind == "ReplicaSet") meta["generation"] = 1;
  if (kind == "Namespace") obj["status"] = {{"phase", "Active"}};
  if (kind == "Service") {
    json& spec = obj["spec"];
    std::string type = spec.value("type", "ClusterIP");
    if (type != "ExternalName" && (!spec.contains("clusterIP") || spec["clusterIP"] == "")) {
      std::string ip = "10.96." + std::to_string(c_.rng.below(256)) + "." + std::to_string(1 + c_.rng.below(254));
      spec["clusterIP"] = ip;
      spec["clusterIPs"] = json::array({ip});
    }
    if (type != "ExternalName") {
      spec["ipFamilies"] = json::array({"IPv4"});
      spec["ipFamilyPolicy"] = "SingleStack";
      spec["internalTrafficPolicy"] = spec.value("internalTrafficPolicy", "Cluster");
    }
    if (type == "NodePort" || type == "LoadBalancer") {
      for (auto& p : spec["ports"])
        if (!p.contains("nodePort")) p["nodePort"] = 30000 + static_cast<int>(c_.rng.below(2768));
      spec["externalTrafficPolicy"] = spec.value("externalTrafficPolicy", "Cluster");
    }
    obj["status"] = {{"loadBalancer", json::object()}};
  }
  return {};
}

StoreResult ApiServer::create(json obj) {
  ApiError err = prepare(obj);
  if (!err.empty()) return {nullptr, err};
  return c_.store.create(std::move(obj));
}

// A simplified three-way merge: keys of `live` missing from `desired` are kept unless `last` (the
// previously applied configuration at this level) had them. Lists are replaced wholesale.
static void merge3(json& desired, const json& live, const json& last) {
  if (!desired.is_object() || !live.is_object()) return;
  for (auto it = live.begin(); it != live.end(); ++it) {
    auto d = desired.find(it.key());
    bool inLast = last.is_object() && last.contains(it.key());
    if (d == desired.end()) {
      if (!inLast) desired[it.key()] = it.value();
    } else if (d->is_object() && it->is_object()) {
      merge3(*d, *it, inLast ? last[it.key()] : json());
    }
  }
}

StoreResult ApiServer::apply(json obj, std::string& verb) {
  json applied = obj;
  if (applied.contains("metadata") && applied["metadata"].is_object()) {
    if (applied["metadata"].contains("annotations") && applied["metadata"]["annotations"].is_object())
      applied["metadata"]["annotations"].erase(kLastApplied);
  }
  std::string kind = obj.value("kind", "");
  const KindInfo* ki = findKind(kind);
  std::string ns;
  if (ki && ki->namespaced) {
    ns = obj.contains("metadata") && obj["metadata"].is_object() ? obj["metadata"].value("namespace", "") : "";
    if (ns.empty()) ns = "default";
    if (obj.contains("metadata") && obj["metadata"].is_object()) obj["metadata"]["namespace"] = ns;
    applied["metadata"]["namespace"] = ns;
  }
  std::string name = obj.contains("metadata") && obj["metadata"].is_object() ? obj["metadata"].value("name", "") : "";
  std::string lastApplied = applied.dump();
  auto existing = ki ? c_.store.get(kind, ns, name) : nullptr;
  if (!existing) {
    if (obj.contains("metadata") && obj["metadata"].is_object())
      obj["metadata"]["annotations"][kLastApplied] = lastApplied + "\n";
    verb = "created";
    return create(std::move(obj));
  }
  const json& cur = *existing;
  std::string prev = cur["metadata"].value("annotations", json::object()).value(kLastApplied, "");
  if (!prev.empty() && prev.back() == '\n') prev.pop_back();
  if (prev == lastApplied && kind == "Pod") {
    verb = "unchanged";
    return {existing, {}};
  }
  // Build the desired object: the manifest, defaulted, keeping server-owned fields. As kubectl's
  // three-way merge does, fields of the live object that the manifest omits survive unless the
  // previous applied configuration had them (kubectl scale's replicas, rollout pause, the
  // controller's revision annotation, labels added with kubectl label).
  json desired = obj;
  {
    json last = json::object();
    if (!prev.empty()) {
      try {
        last = json::parse(prev);
      } catch (...) {
        last = json::object();
      }
    }
    if (desired.contains("metadata") && desired["metadata"].is_object()) {
      for (const char* f : {"labels", "annotations"}) {
        const json& live = cur["metadata"].value(f, json::object());
        if (live.empty()) continue;
        if (!desired["metadata"].contains(f) || !desired["metadata"][f].is_object()) desired["metadata"][f] = json::object();
        merge3(desired["metadata"][f], live, last.value("metadata", json::object()).value(f, json::object()));
        if (desired["metadata"][f].empty()) desired["metadata"].erase(f);
      }
    }
    if (kind != "Pod" && cur.contains("spec") && desired.contains("spec") && desired["spec"].is_object())
      merge3(desired["spec"], cur["spec"], last.value("spec", json::object()));
  }
  ApiError derr;
  hpa::convertV1ToV2(desired);
  if (std::string dec = decodeError(desired); !dec.empty()) return {nullptr, {"BadRequest", dec}};
  applyDefaults(desired);
  auto errs = validateObject(desired);
  if (!errs.empty()) return {nullptr, {"Invalid", formatInvalid(kind, name, errs)}};
  if (kind == "Pod") {
    // Pods are mostly immutable: only images (and a few fields) may change.
    json a = cur["spec"], b = desired["spec"];
    auto strip = [](json& s) {
      for (const char* list : {"containers", "initContainers"}) {
        if (!s.contains(list)) continue;
        for (auto& c : s[list]) {
          c.erase("image");
          if (c.contains("volumeMounts")) {
            json keep = json::array();
            for (auto& m : c["volumeMounts"])
              if (m.value("mountPath", "") != "/var/run/secrets/kubernetes.io/serviceaccount") keep.push_back(m);
            if (keep.empty()) c.erase("volumeMounts");
            else c["volumeMounts"] = keep;
          }
        }
      }
      if (s.contains("volumes")) {
        json keep = json::array();
        for (auto& v : s["volumes"])
          if (v.value("name", "").rfind("kube-api-access-", 0) != 0) keep.push_back(v);
        if (keep.empty()) s.erase("volumes");
        else s["volumes"] = keep;
      }
      s.erase("nodeName");
      s.erase("tolerations");
      s.erase("activeDeadlineSeconds");
    };
    strip(a);
    strip(b);
    if (a != b)
      return {nullptr,
              {"Invalid", "The Pod \"" + name +
                              "\" is invalid: spec: Forbidden: pod updates may not change fields other than "
                              "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                              "`spec.tolerations` (only additions to existing tolerations),"
                              "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"}};
  }
  verb = "configured";
  auto r = c_.store.update(kind, ns, name, [&](json& o) {
    json meta = o["metadata"];
    json labels = desired["metadata"].value("labels", json());
    json annotations = desired["metadata"].value("annotations", json::object());
    annotations[kLastApplied] = lastApplied + "\n";
    if (labels.is_null()) meta.erase("labels");
    else meta["labels"] = labels;
    meta["annotations"] = annotations;
    if (kind == "Pod") {
      // Only the mutable parts: images.
      for (const char* list : {"containers", "initContainers"}) {
        if (!o["spec"].contains(list)) continue;
        for (size_t i = 0; i < o["spec"][list].size() && i < desired["spec"][list].size(); ++i)
          o["spec"][list][i]["image"] = desired["spec"][list][i]["image"];
      }
    } else {
      if (desired.contains("spec")) {
        o["spec"] = desired["spec"];
      }
      for (const char* f : {"data", "stringData"})
        if (desired.contains(f)) o[f] = desired[f];
    }
    o["metadata"] = meta;
    return true;
  });
  if (r.ok() && r.obj == existing) verb = "unchanged";
  return r;
}

StoreResult ApiServer::remove(const std::string& kind, const std::string& ns, const std::string& name,
                              std::optional<int64_t> graceSeconds, const std::string& propagationPolicy) {
  auto cur = c_.store.get(kind, ns, name);
  const KindInfo* ki = findKind(kind);
  if (!cur) return {nullptr, {"NotFound", (ki ? ki->qualifiedPlural() : kind) + " \"" + name + "\" not found"}};
  if (propagationPolicy == "Orphan" && (kind == "Deployment" || kind == "ReplicaSet")) {
    std::string uid = (*cur)["metadata"].value("uid", "");
    for (const auto& dep : c_.store.ownedBy(kind == "Deployment" ? "ReplicaSet" : "Pod", uid))
      c_.store.update(objKind(*dep), objNamespace(*dep), objName(*dep), [&](json& o) {
        dropOwnerReference(o, uid);
        return true;
      });
  }
  if (kind != "Pod") return c_.store.remove(kind, ns, name);
  const json& pod = *cur;
  int64_t grace = graceSeconds ? *graceSeconds : pod["spec"].value("terminationGracePeriodSeconds", 30);
  std::string phase = pod.value("status", json::object()).value("phase", "");
  if (podNodeName(pod).empty() || phase == "Succeeded" || phase == "Failed") grace = 0;
  if (grace <= 0) return c_.store.remove(kind, ns, name);
  if (pod["metadata"].contains("deletionTimestamp")) {
    int64_t cur_grace = pod["metadata"].value("deletionGracePeriodSeconds", 30);
    if (grace >= cur_grace) return {cur, {}};
  }
  Time now = c_.queue.now();
  return c_.store.update(kind, ns, name, [&](json& p) {
    p["metadata"]["deletionTimestamp"] = rfc3339(now + grace * 1000);
    p["metadata"]["deletionGracePeriodSeconds"] = grace;
    return true;
  });
}

}  // namespace podplay
