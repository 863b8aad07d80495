// podplay core: API-server validation (k/k pkg/apis/*/validation) and decoding checks with the exact
// messages kubectl shows.
#pragma once
#include <string>
#include <vector>

#include "sim/types.h"

namespace podplay {

// One field.Error. `message` is field.Error.ErrorBody(): "Required value", "Invalid value: \"x\": detail",
// "Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"", ...
struct FieldError {
  std::string field;    // "spec.containers[0].image"
  std::string message;  // "Required value"
  std::string str() const { return field + ": " + message; }
};

// Validate an object as the API server does on create. Expects the object AFTER applyDefaults()
// (like the real pipeline: decode -> default -> admission -> validate); fields the defaulter fills are
// only checked when present. Covers Pod, Deployment, ReplicaSet, Service, Namespace, Node,
// HorizontalPodAutoscaler (other kinds: metadata only). Never throws.
std::vector<FieldError> validateObject(const json& obj);

// What kubectl prints for an Invalid StatusError (kubectl cmd/util/helpers.go checkErr + MultilineError):
//   one error:  The Pod "web" is invalid: spec.containers[0].image: Required value
//   several:    The Pod "web" is invalid: \n* spec.selector: Required value\n* spec.template...
// (note the space before the first newline; no trailing newline; duplicate lines dropped). kind is the bare
// kind ("Deployment").
std::string formatInvalid(const std::string& kind, const std::string& name, const std::vector<FieldError>& errs);
// The Status.message the API server itself returns (errors.NewInvalid): qualifiedKind like "Deployment.apps";
// several causes are bracketed: `Deployment.apps "web" is invalid: [a, b]`.
std::string formatInvalidStatus(const std::string& qualifiedKind, const std::string& name,
                                const std::vector<FieldError>& errs);

// Decoding of the typed object (Pod, Deployment, ReplicaSet, Service, Namespace, HorizontalPodAutoscaler):
// type mismatches and unknown fields. Returns "" if fine, else the BadRequest message, e.g.
//   Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32
//   Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"
//   Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '...'
// kubectl shows it as `Error from server (BadRequest): error when creating "web.yaml": <message>`.
std::string decodeError(const json& obj);

// Go fmt helpers used by the messages (exposed for other components / tests).
std::string goQuote(const std::string& s);                       // strconv.Quote
std::string goMapStringString(const json& labels);               // %#v of map[string]string

}  // namespace podplay
