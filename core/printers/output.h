// podplay printers: `-o yaml`, `-o json`, `-o jsonpath=...` exactly as kubectl prints them.
#pragma once
#include <string>
#include <vector>

#include "sim/types.h"

namespace podplay {

// kubectl get -o yaml (sigs.k8s.io/yaml = json -> go-yaml v2): go-yaml key order, 2-space
// indent, sequences at their key's indent, quoting/literal-block/line-folding (80 columns) as the
// go-yaml v2 emitter does. Ends with a newline.
std::string toYaml(const json& obj);

// kubectl get -o json: Go json.MarshalIndent(obj, "", "    ") + "\n" (HTML-escaped <, >, &).
std::string toJson(const json& obj);
// Go json.Marshal (compact), used for maps/lists printed by jsonpath.
std::string toGoJsonCompact(const json& v);

// kubectl -o jsonpath=TEMPLATE (k8s.io/client-go/util/jsonpath, allowMissingKeys=true).
// Returns false with `err` set on a parse/execution error (out then holds what was printed).
bool jsonpath(const json& obj, const std::string& tmpl, std::string& out, std::string& err);

// kubectl's RelaxedJSONPathExpression: "a.b", ".a.b", "{a.b}", "{.a.b}" -> "{.a.b}".
bool relaxedJsonPath(const std::string& in, std::string& out, std::string& err);

// kubectl get --sort-by (kubectl/pkg/cmd/get/sorter.go): `order` gets the indices of `objs`
// stably sorted by the first value the (relaxed) jsonpath finds in each object; numbers compare
// numerically, strings as quantities when both parse else in natural order (timestamps by time);
// objects without the field sort first. table=true: the table sorter's rules (an unparsable
// relaxed path falls back to the raw text; parse errors read "sorting error: ..."). Returns false
// with kubectl's message (without "error: ") when the path is invalid or no object has the field.
bool sortByJsonPath(const std::vector<const json*>& objs, const std::string& sortBy, bool table,
                    std::vector<size_t>& order, std::string& err);

// go-yaml v2 map key order (numbers inside keys compare numerically).
bool yamlKeyLess(const std::string& a, const std::string& b);

}  // namespace podplay
