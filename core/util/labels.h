// podplay core: label selectors (k8s.io/apimachinery/pkg/labels) and the name/label validators of
// k8s.io/apimachinery/pkg/util/validation, with their exact messages.
#pragma once
#include <string>
#include <vector>

#include "sim/types.h"

namespace podplay {

// ---- apimachinery util/validation: each returns the list of messages (empty = valid) ----
std::vector<std::string> isQualifiedName(const std::string& v);    // label keys, annotation keys
std::vector<std::string> isValidLabelValue(const std::string& v);  // label values (may be empty)
std::vector<std::string> isDNS1123Label(const std::string& v);     // container names, namespaces
std::vector<std::string> isDNS1123Subdomain(const std::string& v); // most object names
std::vector<std::string> isDNS1035Label(const std::string& v);     // service names
std::vector<std::string> isValidPortName(const std::string& v);    // IANA_SVC_NAME
// "must be between 1 and 65535, inclusive" when out of range (InclusiveRangeError).
std::vector<std::string> isValidPortNum(int64_t port);
// validation.RegexError(msg, fmt, examples...): "<msg> (e.g. 'a',  or 'b', regex used for validation is '<fmt>')".
std::string regexError(const std::string& msg, const std::string& fmt, const std::vector<std::string>& examples);

// ---- selectors ----
struct Requirement {
  enum class Op { Exists, DoesNotExist, Equals, DoubleEquals, NotEquals, In, NotIn, Gt, Lt };
  std::string key;
  Op op = Op::Exists;
  std::vector<std::string> values;  // sorted, unique
  bool matches(const json& labels) const;
};

struct Selector {
  std::vector<Requirement> reqs;  // AND; sorted by key like labels.Parse
  bool nothing = false;           // matches nothing (a nil LabelSelector)
  // labels: a JSON object of string -> string (null / missing = no labels).
  bool matches(const json& labels) const;
  bool empty() const { return !nothing && reqs.empty(); }  // matches everything
  // labels.Selector.String(): "app=web,tier in (a,b),!x".
  std::string str() const;
};

// Parse a `-l` selector exactly like labels.Parse. On error returns false and sets err to the
// apimachinery message, e.g. "unable to parse requirement: found '', expected: in, notin, =, ==, !=, gt, lt"
// or "found ',', expected: !, identifier, or 'end of string'". Never throws.
bool parseSelector(const std::string& text, Selector& out, std::string& err);
// A matchLabels/matchExpressions LabelSelector (metav1.LabelSelectorAsSelector): null -> nothing,
// {} -> everything. Returns false with err for bad operators/values. Never throws.
bool selectorFromLabelSelector(const json& labelSelector, Selector& out, std::string* err = nullptr);
// Equality selector from a plain map (labels.SelectorFromSet), e.g. a Service's spec.selector.
Selector selectorFromMap(const json& matchLabels);
// Convenience: matchLabels/matchExpressions selector matches labels (null selector -> false).
bool labelSelectorMatches(const json& labelSelector, const json& labels);

}  // namespace podplay
