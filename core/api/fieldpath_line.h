// podplay core: where in a manifest's text an API error points. Read-only helpers for the manifest
// editor (no state, no I/O):
//   parseInvalidCauses - the causes of the API server's `Invalid` errors in kubectl's output
//                        (`The Deployment "web" is invalid: spec.x: Required value`, or one
//                        `* field: message` line per cause);
//   locateFieldPath    - the line of a field path (spec.template.spec.containers[0].image,
//                        metadata.labels[app]) in the YAML or JSON text, in the document of the
//                        object the error names; a missing field gives its nearest existing parent;
//   locateYamlError    - the line of the text a `yaml: line N:` parse error names (go-yaml counts
//                        lines from the start of the failing document, not of the text).
#pragma once
#include <string>
#include <vector>

namespace podplay {

struct InvalidCause {
  std::string kind;     // "Deployment"
  std::string name;     // "web" ("" when the object has no name)
  std::string field;    // "spec.template.spec.containers[0].image" ("" when the error names none)
  std::string message;  // "Required value"
};
// Every cause of every `The KIND "NAME" is invalid` error in `output`, in order.
std::vector<InvalidCause> parseInvalidCauses(const std::string& output);

struct FieldLocation {
  int line = 0;        // 1-based line in the whole text; 0 = not found (no such object, bad text)
  bool exact = false;  // the field itself (else `found` is the nearest existing parent)
  std::string found;   // the path that was found: `path` itself or a prefix of it ("" = the document)
};
// The line of `path` in the document (of a multi-document YAML stream, a JSON stream, or a `List`'s
// items) whose kind is `kind` and metadata.name is `name`. A mapping key's line for fields, an item's
// line for `[i]`. Never throws.
FieldLocation locateFieldPath(const std::string& text, const std::string& kind, const std::string& name,
                              const std::string& path);

// The 1-based line of `text` that a `yaml: line N: ...` error refers to (N counted from the start of
// the first document that fails to parse), or 0 if `errorText` names no line.
int locateYamlError(const std::string& text, const std::string& errorText);

}  // namespace podplay
