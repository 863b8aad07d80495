#include "util/quantity.h"

#include <cmath>
#include <cstdio>

namespace podplay {

const char* const kQuantityFormatError =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const char* const kQuantitySuffixError = "unable to parse quantity's suffix";

namespace {

using i128 = __int128;
constexpr int64_t kNano = 1000000000;
// Saturation bound (about 1.7e36 nanos = 1.7e27 units); far beyond anything a simulation uses.
const i128 kMaxNanos = (i128)1000000000000000000LL * (i128)1000000000000000000LL;

i128 pow10i(int e) {
  i128 r = 1;
  for (int i = 0; i < e; i++) r *= 10;
  return r;
}

std::string i128str(i128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  if (neg) v = -v;
  std::string s;
  while (v > 0) {
    s.insert(s.begin(), char('0' + (int)(v % 10)));
    v /= 10;
  }
  return neg ? "-" + s : s;
}

// Ceil-divide a non-negative magnitude.
i128 ceilDiv(i128 a, i128 b) { return (a + b - 1) / b; }

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Mirrors resource.parseQuantityString. Returns false with err = format error.
bool splitQuantity(const std::string& str, bool& positive, std::string& num, std::string& denom,
                   std::string& suffix) {
  positive = true;
  size_t pos = 0, end = str.size();
  if (pos < end) {
    if (str[0] == '-') {
      positive = false;
      pos++;
    } else if (str[0] == '+') {
      pos++;
    }
  }
  // strip leading zeros
  while (true) {
    if (pos >= end) {
      num = "0";
      return true;
    }
    if (str[pos] == '0')
      pos++;
    else
      break;
  }
  size_t i = pos;
  while (i < end && isDigit(str[i])) i++;
  num = str.substr(pos, i - pos);
  pos = i;
  if (pos >= end) {
    if (num.empty()) num = "0";
    return true;
  }
  if (num.empty()) num = "0";
  if (str[pos] == '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.substr(pos, i - pos);
    pos = i;
    if (pos >= end) return true;
  }
  size_t suffixStart = pos;
  i = pos;
  while (i < end && std::string("eEinumkKMGTP").find(str[i]) != std::string::npos) i++;
  if (i >= end) {
    suffix = str.substr(suffixStart);
    return true;
  }
  pos = i;
  if (str[pos] == '-' || str[pos] == '+') pos++;
  for (i = pos; i < end; i++)
    if (!isDigit(str[i])) return false;
  suffix = str.substr(suffixStart);
  return true;
}

}  // namespace

int64_t Quantity::milli() const {
  i128 mag = nanos < 0 ? -nanos : nanos;
  i128 m = ceilDiv(mag, 1000000);
  if (m > (i128)INT64_MAX) m = INT64_MAX;
  return nanos < 0 ? -(int64_t)m : (int64_t)m;
}

int64_t Quantity::value() const {
  i128 mag = nanos < 0 ? -nanos : nanos;
  i128 m = ceilDiv(mag, kNano);
  if (m > (i128)INT64_MAX) m = INT64_MAX;
  return nanos < 0 ? -(int64_t)m : (int64_t)m;
}

Quantity Quantity::fromMilli(int64_t m, Format f) {
  Quantity q;
  q.nanos = (i128)m * 1000000;
  q.format = f;
  return q;
}

Quantity Quantity::fromValue(int64_t v, Format f) {
  Quantity q;
  q.nanos = (i128)v * kNano;
  q.format = f;
  return q;
}

std::string Quantity::str() const {
  if (nanos == 0) return "0";
  bool neg = nanos < 0;
  i128 mag = neg ? -nanos : nanos;
  std::string sign = neg ? "-" : "";
  Format f = format;
  if (f == Format::BinarySI) {
    if (mag < (i128)1024 * kNano || mag % kNano != 0) f = Format::DecimalSI;
  }
  if (f == Format::BinarySI) {
    i128 v = mag / kNano;
    int e = 0;
    while (e < 6 && v % 1024 == 0) {
      v /= 1024;
      e++;
    }
    static const char* bin[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    return sign + i128str(v) + bin[e];
  }
  // Decimal: mantissa * 10^exp with exp a multiple of 3 and the mantissa as small as possible.
  i128 m = mag;
  int exp = -9;
  while (m % 10 == 0) {
    m /= 10;
    exp++;
  }
  int r = ((exp % 3) + 3) % 3;
  for (int i = 0; i < r; i++) {
    m *= 10;
    exp--;
  }
  std::string suffix;
  if (f == Format::DecimalExponent) {
    suffix = exp == 0 ? "" : "e" + std::to_string(exp);
  } else {
    switch (exp) {
      case -9: suffix = "n"; break;
      case -6: suffix = "u"; break;
      case -3: suffix = "m"; break;
      case 0: suffix = ""; break;
      case 3: suffix = "k"; break;
      case 6: suffix = "M"; break;
      case 9: suffix = "G"; break;
      case 12: suffix = "T"; break;
      case 15: suffix = "P"; break;
      case 18: suffix = "E"; break;
      default: suffix = "e" + std::to_string(exp); break;
    }
  }
  return sign + i128str(m) + suffix;
}

bool parseQuantity(const std::string& s, Quantity& out, std::string* err) {
  auto fail = [&](const char* msg) {
    if (err) *err = msg;
    return false;
  };
  try {
    if (s.empty()) return fail(kQuantityFormatError);
    // The regular expression check of the error message: ^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$
    {
      size_t i = 0;
      if (i < s.size() && (s[i] == '+' || s[i] == '-')) i++;
      size_t st = i;
      while (i < s.size() && (isDigit(s[i]) || s[i] == '.')) i++;
      if (i == st) return fail(kQuantityFormatError);
      while (i < s.size() && std::string("eEinumkKMGTP").find(s[i]) != std::string::npos) i++;
      if (i < s.size() && (s[i] == '+' || s[i] == '-')) i++;
      while (i < s.size() && isDigit(s[i])) i++;
      if (i != s.size()) return fail(kQuantityFormatError);
    }
    bool positive;
    std::string num, denom, suffix;
    if (!splitQuantity(s, positive, num, denom, suffix)) return fail(kQuantityFormatError);

    Quantity q;
    int base = 10, exponent = 0;
    if (suffix.empty()) {
      q.format = Quantity::Format::DecimalSI;
    } else if (suffix == "n" || suffix == "u" || suffix == "m" || suffix == "k" || suffix == "M" ||
               suffix == "G" || suffix == "T" || suffix == "P" || suffix == "E") {
      q.format = Quantity::Format::DecimalSI;
      static const std::string names = "num kMGTPE";
      static const int exps[] = {-9, -6, -3, 0, 3, 6, 9, 12, 15, 18};
      exponent = exps[names.find(suffix[0])];
    } else if (suffix.size() == 2 && suffix[1] == 'i' &&
               std::string("KMGTPE").find(suffix[0]) != std::string::npos) {
      q.format = Quantity::Format::BinarySI;
      base = 2;
      exponent = 10 * (1 + (int)std::string("KMGTPE").find(suffix[0]));
    } else if (suffix[0] == 'e' || suffix[0] == 'E') {
      std::string e = suffix.substr(1);
      size_t k = 0;
      if (k < e.size() && (e[k] == '+' || e[k] == '-')) k++;
      if (k >= e.size()) return fail(kQuantitySuffixError);
      for (size_t j = k; j < e.size(); j++)
        if (!isDigit(e[j])) return fail(kQuantitySuffixError);
      if (e.size() > 6) return fail(kQuantitySuffixError);
      exponent = std::stoi(e);
      q.format = Quantity::Format::DecimalExponent;
    } else {
      return fail(kQuantitySuffixError);
    }

    // mantissa = num.denom as an integer M with scale10 = -len(denom)
    std::string digits = num + denom;
    size_t nz = digits.find_first_not_of('0');
    digits = nz == std::string::npos ? "0" : digits.substr(nz);
    int scale10 = -(int)denom.size();
    // Trim insignificant digits that can't matter (keep 30 significant).
    bool roundUp = false;
    if (digits.size() > 30) {
      size_t drop = digits.size() - 30;
      for (size_t j = 30; j < digits.size(); j++)
        if (digits[j] != '0') roundUp = true;
      digits = digits.substr(0, 30);
      scale10 += (int)drop;
    }
    i128 M = 0;
    for (char c : digits) M = M * 10 + (c - '0');
    if (roundUp) M += 1;
    // nanos = M * 10^(scale10 + 9) * (base==2 ? 2^exponent : 10^exponent)
    int p10 = scale10 + 9 + (base == 10 ? exponent : 0);
    i128 v = M;
    bool saturated = false;
    if (base == 2) {
      for (int j = 0; j < exponent && !saturated; j++) {
        v *= 2;
        if (v > kMaxNanos) saturated = true;
      }
    }
    if (!saturated) {
      if (p10 >= 0) {
        for (int j = 0; j < p10 && !saturated; j++) {
          v *= 10;
          if (v > kMaxNanos) saturated = true;
        }
      } else {
        int d = -p10;
        if (d > 36) {
          v = v == 0 ? 0 : 1;
        } else {
          v = ceilDiv(v, pow10i(d));
        }
      }
    }
    if (saturated || v > kMaxNanos) v = kMaxNanos;
    q.nanos = positive ? v : -v;
    out = q;
    return true;
  } catch (...) {
    return fail(kQuantityFormatError);
  }
}

std::string goJsonNumber(const json& j) {
  if (j.is_number_integer()) return j.dump();
  if (!j.is_number_float()) return "";
  double d = j.get<double>();
  if (std::isnan(d) || std::isinf(d)) return "0";
  double a = std::fabs(d);
  char buf[64];
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    // Shortest 'e' form, Go style (e+21, e-07 -> e-07 is written e-07 by strconv; json trims to e-7).
    for (int prec = 1; prec <= 17; prec++) {
      std::snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
      if (std::strtod(buf, nullptr) == d) break;
    }
    std::string s = buf;
    // Go's encoding/json: "1e-07" -> "1e-7"
    size_t e = s.find('e');
    if (e != std::string::npos && e + 3 < s.size() + 1 && s[e + 1] == '-' && s[e + 2] == '0') s.erase(e + 2, 1);
    return s;
  }
  for (int prec = 1; prec <= 17; prec++) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  if (s.find('e') != std::string::npos) {
    std::snprintf(buf, sizeof buf, "%.0f", d);
    s = buf;
  }
  return s;
}

bool parseQuantity(const json& j, Quantity& out, std::string* err) {
  try {
    if (j.is_string()) return parseQuantity(j.get<std::string>(), out, err);
    if (j.is_number()) return parseQuantity(goJsonNumber(j), out, err);
  } catch (...) {
  }
  if (err) *err = kQuantityFormatError;
  return false;
}

std::string formatMilliCpu(int64_t milli) { return Quantity::fromMilli(milli).str(); }

std::string formatBytes(int64_t bytes) { return Quantity::fromValue(bytes, Quantity::Format::BinarySI).str(); }

}  // namespace podplay
