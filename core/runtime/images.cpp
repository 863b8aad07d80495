// podplay core: the simulated image registry.
//
// Known images (README "Known images" copies this table). Sizes are compressed bytes as the kubelet
// reports them ("Image size: N bytes"); pull time = 1s + size / (30 MB/s), rounded to the ms.
//
// | repository (aliases)                                  | tags                                          | size        | ENTRYPOINT / CMD                         | behaviour                                   |
// |-------------------------------------------------------|-----------------------------------------------|-------------|------------------------------------------|---------------------------------------------|
// | nginx                                                 | latest stable mainline alpine stable-alpine   | 71034572    | ["/docker-entrypoint.sh"]                | HTTP :80 serving /usr/share/nginx/html      |
// |                                                       | mainline-alpine 1.14.2 1.16.1 1.19 .. 1.27,   | (alpine:    | ["nginx","-g","daemon off;"]             | (/ -> 403 without index.html, else 404 for  |
// |                                                       | 1.25.3 (+ a few patch releases) and           |  20478129)  | (1.14.2/1.16.1: no ENTRYPOINT, no        |  missing files); STOPSIGNAL SIGQUIT         |
// |                                                       | "<ver>-alpine" for each version               |             |  startup logs)                           |                                             |
// | busybox                                               | latest 1.28 1.34 1.35 1.36 1.36.1 1.37 stable | 2155242     | CMD ["sh"]                               | shell; exits 0 at once without a tty        |
// |                                                       | musl glibc uclibc                             |             |                                          |                                             |
// | registry.k8s.io/busybox (k8s.gcr.io/busybox,          | latest 1.24 1.27.2                            | 1144547     | CMD ["sh"]                               | shell (busybox 1.24: old nslookup format)   |
// |   gcr.io/google-containers/busybox)                   |                                               |             |                                          |                                             |
// | registry.k8s.io/e2e-test-images/agnhost               | 2.39 2.40 2.43 2.45 2.47 2.52 2.53            | 51214093    | ENTRYPOINT ["/agnhost"]                  | liveness/netexec/serve-hostname/pause/...   |
// | registry.k8s.io/liveness (k8s.gcr.io/liveness)        | latest                                        | 2596823     | CMD ["/server"]                          | /server: HTTP :8080, /healthz 200 for 10s   |
// | registry.k8s.io/goproxy (k8s.gcr.io/goproxy)          | 0.1                                           | 2864012     | ENTRYPOINT ["/goproxy"]                  | HTTP :8080, 200 on any path                 |
// | httpd                                                 | latest 2.4 alpine 2.4-alpine                  | 58118044    | CMD ["httpd-foreground"]                 | HTTP :80 serving /usr/local/apache2/htdocs  |
// | redis                                                 | latest 7 7.2 alpine 7-alpine 7.2-alpine       | 45024155    | ["docker-entrypoint.sh"] ["redis-server"]| TCP :6379                                   |
// | alpine                                                | latest 3.18 3.19 3.20                         | 3408729     | CMD ["/bin/sh"]                          | shell                                       |
// | ubuntu                                                | latest 22.04 24.04                            | 29754290    | CMD ["/bin/bash"]                        | shell (bash behaves as sh)                  |
// | debian                                                | latest bookworm 12 bookworm-slim              | 49557601    | CMD ["bash"]                             | shell                                       |
// | python                                                | latest 3.12 3.11 3.12-slim 3.11-slim          | 380123456   | CMD ["python3"]                          | REPL: exits 0 without a tty;                |
// |                                                       |                                               | (slim 45...)|                                          | python3 -m http.server [PORT] (:8000)       |
// | registry.k8s.io/pause                                 | 3.9 3.10                                      | 320368      | ENTRYPOINT ["/pause"]                    | blocks forever                              |
// | hashicorp/http-echo                                   | latest 1.0                                    | 3510000     | ENTRYPOINT ["/http-echo"]                | HTTP -listen (:5678), answers -text         |
// | registry.k8s.io/hpa-example (k8s.gcr.io/hpa-example,  | latest                                        | 181000000   | ["docker-php-entrypoint"]                | php-apache of the HPA walkthrough: HTTP :80,|
// |   gcr.io/google_containers/hpa-example)               |                                               |             | ["apache2-foreground"]                   | GET / -> "OK!" after a CPU-heavy loop       |
//
// Resource model (metrics-server / `kubectl top` / HPA; per running container):
//
// | image                     | idle CPU | working set | CPU per request served |
// |---------------------------|----------|-------------|------------------------|
// | nginx                     | 0m       | 3.5Mi       | 50us                   |
// | busybox, alpine (shell)   | 0m       | 368Ki / 512Ki | -                    |
// | ubuntu, debian (shell)    | 0m       | 1Mi         | -                      |
// | agnhost                   | 1m       | 6.5Mi       | 100us                  |
// | liveness /server, goproxy | 0m       | 2.5Mi / 3Mi | 50us                   |
// | httpd                     | 1m       | 6.2Mi       | 100us                  |
// | redis                     | 2m       | 3.2Mi       | -                      |
// | python                    | 1m       | 10.5Mi      | 500us                  |
// | pause                     | 0m       | 240Ki       | -                      |
// | http-echo                 | 0m       | 2.2Mi       | 50us                   |
// | hpa-example (php-apache)  | 1m       | 11.3Mi      | 6900us                 |
// | any other image           | 1m       | 8Mi         | 200us                  |
//
// hpa-example is calibrated on the kubernetes.io walkthrough: one `while sleep 0.01; do wget -q -O-
// http://php-apache; done` load generator sends 100 requests/s = 691m of CPU demand (1m idle + 100 x
// 6.9ms), so a single replica is throttled at its 500m limit (250% of its 200m request) and the HPA
// (50% target) settles at 7 replicas (~49% each). Every wget/curl also costs its sender 150us.
//
// Unknown tag of a known repository -> NotFound; a repository whose name contains "doesnotexist",
// "does-not-exist", "nonexistent", "notfound" or "no-such" -> "pull access denied". Any other
// repository pulls fine (50000000 bytes, no ENTRYPOINT/CMD) and runs as a generic server (HTTP 200
// on every path of every port). Digest references ("@sha256:<hex>") of existing repositories
// always exist.
#include "runtime/images.h"

#include <cctype>
#include <cstdint>

namespace podplay {
namespace {

using Strs = std::vector<std::string>;

bool contains(const Strs& v, const std::string& s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [_.] | __ | [-]+
bool validPathComponent(const std::string& s) {
  if (s.empty() || !isLowerAlnum(s.front()) || !isLowerAlnum(s.back())) return false;
  size_t i = 0;
  while (i < s.size()) {
    if (isLowerAlnum(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && !isLowerAlnum(s[j])) ++j;
    std::string sep = s.substr(i, j - i);
    bool dashes = sep.find_first_not_of('-') == std::string::npos;
    if (!(sep == "." || sep == "_" || sep == "__" || dashes)) return false;
    i = j;
  }
  return true;
}

// domain := component ("." component)* [":" port]; component := [a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?
bool validDomain(const std::string& d) {
  std::string host = d;
  size_t colon = d.find(':');
  if (colon != std::string::npos) {
    std::string port = d.substr(colon + 1);
    if (port.empty()) return false;
    for (char c : port)
      if (!isdigit(static_cast<unsigned char>(c))) return false;
    host = d.substr(0, colon);
  }
  if (host.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t dot = host.find('.', start);
    std::string comp = host.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (comp.empty() || !isalnum(static_cast<unsigned char>(comp.front())) ||
        !isalnum(static_cast<unsigned char>(comp.back())))
      return false;
    for (char c : comp)
      if (!isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return true;
}

// tag := [\w][\w.-]{0,127}
bool validTag(const std::string& t) {
  if (t.empty() || t.size() > 128) return false;
  auto word = [](char c) { return isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  if (!word(t[0])) return false;
  for (char c : t)
    if (!word(c) && c != '.' && c != '-') return false;
  return true;
}

// digest := algorithm ":" hex{32,}
bool validDigest(const std::string& d) {
  size_t colon = d.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  std::string alg = d.substr(0, colon), hex = d.substr(colon + 1);
  if (!isalpha(static_cast<unsigned char>(alg[0]))) return false;
  for (char c : alg)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '.' && c != '-' && c != '_') return false;
  if (hex.size() < 32) return false;
  for (char c : hex)
    if (!isxdigit(static_cast<unsigned char>(c))) return false;
  if (alg == "sha256" && hex.size() != 64) return false;
  return true;
}

uint64_t fnv1a(const std::string& s, uint64_t seed) {
  uint64_t h = 1469598103934665603ULL ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

uint64_t splitmix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::string fakeSha256(const std::string& s) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  uint64_t h = fnv1a(s, 0);
  for (int i = 0; i < 4; ++i) {
    h = splitmix(h + static_cast<uint64_t>(i));
    for (int b = 60; b >= 0; b -= 4) out += kHex[(h >> b) & 0xf];
  }
  return out;
}

struct Entry {
  Strs tags;
  int64_t size = 0;
  Strs entrypoint, cmd;
  std::string stopSignal = "SIGTERM";
  int64_t idleCpuMilli = 0, memoryBytes = 0, cpuPerRequestMicros = 0;
};

constexpr int64_t kKi = 1024, kMi = 1024 * 1024;

Strs nginxTags() {
  Strs base = {"1.14.2", "1.16.1", "1.19", "1.19.10", "1.20", "1.20.2", "1.21", "1.21.6", "1.22",
               "1.22.1", "1.23", "1.23.4", "1.24", "1.24.0", "1.25", "1.25.3", "1.25.4", "1.25.5",
               "1.26", "1.26.0", "1.26.1", "1.26.2", "1.27", "1.27.0", "1.27.1", "1.27.2", "1.27.3",
               "stable", "mainline"};
  Strs out = {"latest", "alpine"};
  for (const auto& t : base) {
    out.push_back(t);
    out.push_back(t + "-alpine");
  }
  return out;
}

bool isAlpineTag(const std::string& tag) {
  return tag == "alpine" || (tag.size() > 7 && tag.compare(tag.size() - 7, 7, "-alpine") == 0);
}

// Catalogue entry for a familiar repository name; false if the repository is not catalogued.
bool catalogue(const std::string& repo, const std::string& tag, Entry& e) {
  if (repo == "nginx") {
    e.tags = nginxTags();
    bool alpine = isAlpineTag(tag);
    e.size = alpine ? 20478129 : 71034572;
    bool old = tag.rfind("1.14", 0) == 0 || tag.rfind("1.16", 0) == 0;
    if (!old) {
      e.entrypoint = {"/docker-entrypoint.sh"};
      e.stopSignal = "SIGQUIT";
    }
    e.cmd = {"nginx", "-g", "daemon off;"};
    e.memoryBytes = 3 * kMi + 512 * kKi;
    e.cpuPerRequestMicros = 50;
    return true;
  }
  if (repo == "busybox") {
    e.tags = {"latest", "1.28", "1.34", "1.35", "1.36", "1.36.1", "1.37", "stable", "musl", "glibc", "uclibc"};
    e.size = 2155242;
    e.cmd = {"sh"};
    e.memoryBytes = 368 * kKi;
    return true;
  }
  if (repo == "registry.k8s.io/busybox" || repo == "k8s.gcr.io/busybox" ||
      repo == "gcr.io/google-containers/busybox") {
    e.tags = {"latest", "1.24", "1.27.2"};
    e.size = 1144547;
    e.cmd = {"sh"};
    e.memoryBytes = 368 * kKi;
    return true;
  }
  if (repo == "registry.k8s.io/e2e-test-images/agnhost") {
    e.tags = {"2.39", "2.40", "2.43", "2.45", "2.47", "2.52", "2.53"};
    e.size = 51214093;
    e.entrypoint = {"/agnhost"};
    e.idleCpuMilli = 1;
    e.memoryBytes = 6 * kMi + 512 * kKi;
    e.cpuPerRequestMicros = 100;
    return true;
  }
  if (repo == "registry.k8s.io/liveness" || repo == "k8s.gcr.io/liveness") {
    e.tags = {"latest"};
    e.size = 2596823;
    e.cmd = {"/server"};
    e.memoryBytes = 2 * kMi + 512 * kKi;
    e.cpuPerRequestMicros = 50;
    return true;
  }
  if (repo == "registry.k8s.io/goproxy" || repo == "k8s.gcr.io/goproxy") {
    e.tags = {"0.1"};
    e.size = 2864012;
    e.entrypoint = {"/goproxy"};
    e.memoryBytes = 3 * kMi;
    e.cpuPerRequestMicros = 50;
    return true;
  }
  if (repo == "httpd") {
    e.tags = {"latest", "2.4", "alpine", "2.4-alpine"};
    e.size = isAlpineTag(tag) ? 21998876 : 58118044;
    e.cmd = {"httpd-foreground"};
    e.stopSignal = "SIGWINCH";
    e.idleCpuMilli = 1;
    e.memoryBytes = 6 * kMi + 200 * kKi;
    e.cpuPerRequestMicros = 100;
    return true;
  }
  if (repo == "redis") {
    e.tags = {"latest", "7", "7.2", "alpine", "7-alpine", "7.2-alpine"};
    e.size = isAlpineTag(tag) ? 16907734 : 45024155;
    e.entrypoint = {"docker-entrypoint.sh"};
    e.cmd = {"redis-server"};
    e.idleCpuMilli = 2;
    e.memoryBytes = 3 * kMi + 200 * kKi;
    return true;
  }
  if (repo == "alpine") {
    e.tags = {"latest", "3.18", "3.19", "3.20"};
    e.size = 3408729;
    e.cmd = {"/bin/sh"};
    e.memoryBytes = 512 * kKi;
    return true;
  }
  if (repo == "ubuntu") {
    e.tags = {"latest", "22.04", "24.04"};
    e.size = 29754290;
    e.cmd = {"/bin/bash"};
    e.memoryBytes = kMi;
    return true;
  }
  if (repo == "debian") {
    e.tags = {"latest", "bookworm", "12", "bookworm-slim"};
    e.size = 49557601;
    e.cmd = {"bash"};
    e.memoryBytes = kMi;
    return true;
  }
  if (repo == "python") {
    e.tags = {"latest", "3.12", "3.11", "3.12-slim", "3.11-slim"};
    e.size = tag.find("slim") != std::string::npos ? 45129870 : 380123456;
    e.cmd = {"python3"};
    e.idleCpuMilli = 1;
    e.memoryBytes = 10 * kMi + 512 * kKi;
    e.cpuPerRequestMicros = 500;
    return true;
  }
  if (repo == "registry.k8s.io/pause") {
    e.tags = {"3.9", "3.10"};
    e.size = 320368;
    e.entrypoint = {"/pause"};
    e.memoryBytes = 240 * kKi;
    return true;
  }
  if (repo == "hashicorp/http-echo") {
    e.tags = {"latest", "1.0"};
    e.size = 3510000;
    e.entrypoint = {"/http-echo"};
    e.memoryBytes = 2 * kMi + 200 * kKi;
    e.cpuPerRequestMicros = 50;
    return true;
  }
  if (repo == "registry.k8s.io/hpa-example" || repo == "k8s.gcr.io/hpa-example" ||
      repo == "gcr.io/google_containers/hpa-example") {
    e.tags = {"latest"};
    e.size = 181000000;
    e.entrypoint = {"docker-php-entrypoint"};
    e.cmd = {"apache2-foreground"};
    e.idleCpuMilli = 1;
    e.memoryBytes = 11 * kMi + 300 * kKi;
    e.cpuPerRequestMicros = 6900;
    return true;
  }
  return false;
}

bool missingRepository(const std::string& repo) {
  for (const char* w : {"doesnotexist", "does-not-exist", "nonexistent", "notfound", "no-such"})
    if (repo.find(w) != std::string::npos) return true;
  return false;
}

}  // namespace

ImageInfo lookupImage(const std::string& image) {
  ImageInfo info;
  info.image = image;
  try {
    std::string ref = image;
    // Split off digest, then tag (a ':' after the last '/').
    std::string digest, tag;
    size_t at = ref.find('@');
    if (at != std::string::npos) {
      digest = ref.substr(at + 1);
      ref = ref.substr(0, at);
      if (!validDigest(digest)) info.validName = false;
    }
    size_t slash = ref.rfind('/');
    size_t colon = ref.rfind(':');
    if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
      tag = ref.substr(colon + 1);
      ref = ref.substr(0, colon);
      if (!validTag(tag)) info.validName = false;
    }
    // Domain: the first component if it contains '.' or ':', is "localhost", or has uppercase.
    std::string domain = "docker.io", path = ref;
    size_t first = ref.find('/');
    if (first != std::string::npos) {
      std::string c = ref.substr(0, first);
      bool upper = false;
      for (char ch : c)
        if (isupper(static_cast<unsigned char>(ch))) upper = true;
      if (c.find_first_of(".:") != std::string::npos || c == "localhost" || upper) {
        domain = c;
        path = ref.substr(first + 1);
      }
    }
    if (domain == "index.docker.io") domain = "docker.io";
    if (domain == "docker.io" && path.find('/') == std::string::npos) path = "library/" + path;
    if (!validDomain(domain)) info.validName = false;
    if (path.empty()) info.validName = false;
    size_t start = 0;
    while (info.validName) {
      size_t s = path.find('/', start);
      std::string comp = path.substr(start, s == std::string::npos ? std::string::npos : s - start);
      if (!validPathComponent(comp)) info.validName = false;
      if (s == std::string::npos) break;
      start = s + 1;
    }
    if (image.empty() || (domain + "/" + path).size() > 255) info.validName = false;
    if (!info.validName) {
      info.exists = false;
      info.repo = ref;
      info.tag = tag;
      return info;
    }
    if (tag.empty() && digest.empty()) tag = "latest";
    std::string name = domain + "/" + path;
    info.repo = name;
    if (domain == "docker.io") {
      info.repo = path.rfind("library/", 0) == 0 ? path.substr(8) : path;
    }
    info.tag = tag;
    info.digest = digest;
    info.fullRef = name + (tag.empty() ? "" : ":" + tag) + (digest.empty() ? "" : "@" + digest);

    Entry e;
    bool known = catalogue(info.repo, tag, e);
    info.known = known;
    if (missingRepository(info.repo)) {
      info.exists = false;
      info.known = false;
      info.pullError = "rpc error: code = Unknown desc = failed to pull and unpack image \"" + info.fullRef +
                       "\": failed to resolve reference \"" + info.fullRef +
                       "\": pull access denied, repository does not exist or may require authorization: "
                       "server message: insufficient_scope: authorization failed";
      return info;
    }
    if (known && digest.empty() && !contains(e.tags, tag)) {
      info.exists = false;
      info.pullError = "rpc error: code = NotFound desc = failed to pull and unpack image \"" + info.fullRef +
                       "\": failed to resolve reference \"" + info.fullRef + "\": " + info.fullRef +
                       ": not found";
      return info;
    }
    if (!known) {
      e.size = 50000000;
      e.idleCpuMilli = 1;
      e.memoryBytes = 8 * kMi;
      e.cpuPerRequestMicros = 200;
    }
    info.sizeBytes = e.size;
    info.pullTime = 1000 + (e.size + 15000) / 30000;  // 30 MB/s = 30000 bytes/ms
    info.entrypoint = e.entrypoint;
    info.cmd = e.cmd;
    info.stopSignal = e.stopSignal;
    info.idleCpuMilli = e.idleCpuMilli;
    info.memoryBytes = e.memoryBytes;
    info.cpuPerRequestMicros = e.cpuPerRequestMicros;
    info.imageId = name + "@" + (digest.empty() ? "sha256:" + fakeSha256(info.fullRef) : digest);
  } catch (...) {
    info.validName = false;
    info.exists = false;
  }
  return info;
}

}  // namespace podplay
