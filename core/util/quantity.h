// podplay core: Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource).
#pragma once
#include <cstdint>
#include <string>

#include "sim/types.h"

namespace podplay {

// The message resource.ParseQuantity returns for text that is not a quantity at all.
extern const char* const kQuantityFormatError;  // "quantities must match the regular expression '...'"
// The message for a well-formed number with an unknown suffix ("1kk").
extern const char* const kQuantitySuffixError;  // "unable to parse quantity's suffix"

struct Quantity {
  enum class Format { DecimalSI, BinarySI, DecimalExponent };
  // Exact value in units of 1e-9 (k8s keeps nano precision; finer values are rounded up).
  __int128 nanos = 0;
  Format format = Format::DecimalSI;

  // Value in milli-units, rounded up (away from zero) like Quantity.MilliValue().
  int64_t milli() const;
  // Whole units, rounded up like Quantity.Value().
  int64_t value() const;
  // Canonical form, exactly as Quantity.String(): "500m", "2", "1k", "128Mi", "1536Mi", "1e3".
  std::string str() const;
  // -1, 0, 1 (Quantity.Cmp).
  int cmp(const Quantity& o) const { return nanos < o.nanos ? -1 : (nanos > o.nanos ? 1 : 0); }
  int sign() const { return nanos < 0 ? -1 : (nanos > 0 ? 1 : 0); }

  static Quantity fromMilli(int64_t m, Format f = Format::DecimalSI);
  static Quantity fromValue(int64_t v, Format f = Format::DecimalSI);
};

// Parse "100m", "0.5", "1", "128Mi", "1Gi", "1G", "1e3", "500k", "+1", "-2". On failure returns false
// and (if err) sets kQuantityFormatError or kQuantitySuffixError. Never throws.
bool parseQuantity(const std::string& s, Quantity& out, std::string* err = nullptr);
inline bool parseQuantity(const char* s, Quantity& out, std::string* err = nullptr) {
  return parseQuantity(std::string(s ? s : ""), out, err);
}
// JSON form: a string, or a number (as the API server accepts `cpu: 0.5`). Other types fail.
bool parseQuantity(const json& j, Quantity& out, std::string* err = nullptr);
// JSON number -> the text Go's encoding/json would write for it ("0.5", "1000", "1e+21").
std::string goJsonNumber(const json& j);

// kubectl describe-style CPU: milli-CPU as a DecimalSI quantity: 250 -> "250m", 2000 -> "2", 0 -> "0".
std::string formatMilliCpu(int64_t milli);
// Bytes as a BinarySI quantity prints: 67108864 -> "64Mi", 1000 -> "1k" (< 1024 falls back to
// DecimalSI like k8s), 1000000 -> "1000000", 0 -> "0".
std::string formatBytes(int64_t bytes);

}  // namespace podplay
