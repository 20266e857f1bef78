#pragma once

#include "core/domain/ReasonCatalog.h"
#include "core/domain/Result.h"
#include "core/reasons/ReasonTag.h"

#include <QString>

// The rules of reason codes, labels, tickets and the ticket link pattern, checked before anything
// is written. Each error names the field (an option, a dialog field, "line 7: reasonCode") and the
// value. Touches no database: an adjustment is checked against a catalog read once.
namespace ReasonCheck {

constexpr int MinCodeLength = 2;
constexpr int MaxCodeLength = 32;
constexpr int MaxLabelLength = 100;
constexpr int MaxTicketIdLength = 64;
constexpr int MaxTicketUrlLength = 500;

// Capital letters, digits and "_", starting with a letter: "BUG_COMP".
Result<QString> code(const QString &field, const QString &text);
Result<QString> label(const QString &field, const QString &text);
// Empty, an id ("ZD-4411", "#1234") or an http(s) URL; trimmed.
Result<QString> ticket(const QString &field, const QString &text);
// Empty (no links for ids), or an http(s) URL with {id} in it.
Result<QString> ticketPattern(const QString &field, const QString &text);

// The code and ticket of a new adjustment, trimmed: a code is required while the catalog has an
// active code, must be known and not retired, and its ticket given when the code requires one.
Result<ReasonTag> forAdjustment(const ReasonCatalog &catalog, const ReasonTag &given, const QString &codeField,
                                const QString &ticketField);

// "BUG_COMP (Bug compensation), FRAUD (Fraud reversal)": the codes a person may choose from.
QString activeList(const ReasonCatalog &catalog);

} // namespace ReasonCheck
