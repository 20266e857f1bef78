#pragma once

#include "core/domain/Result.h"
#include "core/domain/XpEnums.h"

#include <QString>

#include <limits>

// Checks of values typed by a person or read from a file. Each error names the field and the
// value, so the person can find and fix it; nothing is written before these pass.
namespace Validation {

constexpr int MaxIdLength = 191;
constexpr int MaxEmailLength = 320;
constexpr int MaxNameLength = 200;
constexpr int MaxDescriptionLength = 1000;
constexpr int MaxReasonLength = 1000;

// A non-zero whole number that fits the 32-bit "amount" column.
Result<qint32> amount(const QString &field, const QString &text);
Status amount(const QString &field, qint64 value);
// A user's total (a sum, in 64 bits) that fits the 32-bit "totalXP" column.
constexpr bool fitsTotal(qint64 total)
{
    return total >= std::numeric_limits<qint32>::min() && total <= std::numeric_limits<qint32>::max();
}
// Required text: not empty or blank, at most maxLength characters, no NUL character, valid
// UTF-16, not starting with U+FEFF (SQLite would drop it), no U+FFFE or U+FFFF.
Status requiredText(const QString &field, const QString &value, int maxLength);
// Optional text: may be empty, otherwise as requiredText.
Status optionalText(const QString &field, const QString &value, int maxLength);
// Required, at most MaxEmailLength characters, one "@" with text on both sides, no blanks.
Status email(const QString &field, const QString &value);
Result<SourceType> sourceType(const QString &field, const QString &text);
Result<Category> category(const QString &field, const QString &text);
// Quotes a value for an error message, shortened when long.
QString quoted(const QString &value);

} // namespace Validation
