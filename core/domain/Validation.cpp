#include "core/domain/Validation.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace Validation {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Validation", text);
}

} // namespace

QString quoted(const QString &value)
{
    constexpr int Shown = 60;
    QString shown = value.size() > Shown ? value.left(Shown) + QStringLiteral("...") : value;
    shown.replace(QLatin1Char('\n'), QStringLiteral("\\n")).replace(QLatin1Char('\r'), QStringLiteral("\\r"));
    shown.replace(QChar(0), QStringLiteral("\\0"));
    return QLatin1Char('"') + shown + QLatin1Char('"');
}

Status amount(const QString &field, qint64 value)
{
    if (value == 0)
        return Error::input(tr("%1 must not be 0").arg(field));
    if (value < std::numeric_limits<qint32>::min() || value > std::numeric_limits<qint32>::max())
        return Error::input(tr("%1 %2 is out of range: it must be between %3 and %4")
                                .arg(field)
                                .arg(value)
                                .arg(std::numeric_limits<qint32>::min())
                                .arg(std::numeric_limits<qint32>::max()));
    return {};
}

Result<qint32> amount(const QString &field, const QString &text)
{
    const QString trimmed = text.trimmed();
    bool isNumber = false;
    const qint64 value = trimmed.toLongLong(&isNumber);
    if (!isNumber) {
        // Tell "too large" apart from "not a number" for long digit strings.
        static const QRegularExpression digits(QStringLiteral("^[+-]?[0-9]+$"));
        if (digits.match(trimmed).hasMatch())
            return Error::input(tr("%1 %2 is out of range: it must be between %3 and %4")
                                    .arg(field, quoted(text))
                                    .arg(std::numeric_limits<qint32>::min())
                                    .arg(std::numeric_limits<qint32>::max()));
        return Error::input(tr("%1 %2 is not a whole number").arg(field, quoted(text)));
    }
    if (const Status status = amount(field, value); !status)
        return status.error();
    return static_cast<qint32>(value);
}

Status optionalText(const QString &field, const QString &value, int maxLength)
{
    if (value.size() > maxLength)
        return Error::input(
            tr("%1 is too long: %2 characters, at most %3 are allowed").arg(field).arg(value.size()).arg(maxLength));
    if (value.contains(QChar(0)))
        return Error::input(tr("%1 %2 contains a NUL character, which cannot be stored").arg(field, quoted(value)));
    if (!value.isValidUtf16())
        return Error::input(tr("%1 %2 is not valid Unicode text").arg(field, quoted(value)));
    // SQLite takes a leading U+FEFF of bound text for a byte order mark and drops it: "\uFEFFa"
    // would be stored, and looked up, as "a". It also reads U+FFFE and U+FFFF back as U+FFFD.
    if (value.startsWith(QChar(0xFEFF)))
        return Error::input(
            tr("%1 %2 starts with an invisible byte order mark (U+FEFF), which cannot be stored; remove it")
                .arg(field, quoted(value)));
    if (value.contains(QChar(0xFFFE)) || value.contains(QChar(0xFFFF)))
        return Error::input(
            tr("%1 %2 contains the noncharacter U+FFFE or U+FFFF, which cannot be stored").arg(field, quoted(value)));
    return {};
}

Status requiredText(const QString &field, const QString &value, int maxLength)
{
    if (value.trimmed().isEmpty())
        return Error::input(tr("%1 is required and must not be empty").arg(field));
    return optionalText(field, value, maxLength);
}

Status email(const QString &field, const QString &value)
{
    if (const Status status = requiredText(field, value, MaxEmailLength); !status)
        return status;
    const qsizetype at = value.indexOf(QLatin1Char('@'));
    // Any Unicode blank, the no-break space too (the \\s of a regular expression is ASCII only).
    const bool blank = std::any_of(value.begin(), value.end(), [](QChar c) { return c.isSpace(); });
    if (at <= 0 || at != value.lastIndexOf(QLatin1Char('@')) || at == value.size() - 1 || blank)
        return Error::input(tr("%1 %2 is not an email address").arg(field, quoted(value)));
    return {};
}

Result<SourceType> sourceType(const QString &field, const QString &text)
{
    if (const auto type = XpEnums::sourceTypeFromName(text.trimmed()))
        return *type;
    return Error::input(tr("%1 %2 is not a source type; valid names are %3")
                            .arg(field, quoted(text), XpEnums::sourceTypeNames().join(QStringLiteral(", "))));
}

Result<Category> category(const QString &field, const QString &text)
{
    if (const auto value = XpEnums::categoryFromName(text.trimmed()))
        return *value;
    return Error::input(tr("%1 %2 is not a category; valid names are %3")
                            .arg(field, quoted(text), XpEnums::categoryNames().join(QStringLiteral(", "))));
}

} // namespace Validation
