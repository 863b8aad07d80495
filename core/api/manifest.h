// podplay core: reading `kubectl create|apply -f` input the way kubectl does (YAML or JSON, multi-document,
// List expansion) into JSON objects, with kubectl's error messages.
#pragma once
#include <string>
#include <vector>

#include "sim/types.h"

namespace podplay {

struct ManifestDoc {
  json obj;
  int line;  // 1-based line of the document's first content line in the input
};

struct ManifestResult {
  // Documents read before any error, in input order (kubectl processes these before failing).
  std::vector<ManifestDoc> docs;
  // Empty on success; otherwise the complete line kubectl prints, e.g.
  //   "error: error parsing web.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context"
  //   "error: error validating \"web.yaml\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false"
  std::string error;
};

// text: file contents; source: the file name as given on the command line, or "STDIN". Never throws.
// YAML scalars are typed like sigs.k8s.io/yaml (yaml.v2, YAML 1.1): true/false/yes/no/on/off -> bool,
// ints (incl. 0x.., 0o.., 1_000) -> numbers, floats (integral ones become integers, as Go prints them),
// null/~/empty -> null, quoted or block scalars -> strings. `kind: List` and `*List` kinds are expanded.
ManifestResult parseManifests(const std::string& text, const std::string& source);

// The input's lines as kubectl reads them: split at '\n', a trailing '\r' dropped, no empty last line.
std::vector<std::string> splitLines(const std::string& text);

// Scalar resolution used above (exposed for tests): a plain (unquoted) YAML scalar -> JSON value.
json resolveYamlScalar(const std::string& plain);

}  // namespace podplay
