#include "core/csv/CsvSeparator.h"

#include <array>

namespace {

constexpr std::array<char, 3> Candidates{CsvSeparator::Comma, CsvSeparator::Semicolon, CsvSeparator::Tab};

// The first line that holds more than blanks, up to its end outside quotes (or the end of head).
QByteArrayView firstLine(QByteArrayView head)
{
    qsizetype start = 0;
    bool quoted = false;
    bool blank = true;
    for (qsizetype i = 0; i < head.size(); ++i) {
        const char c = head.at(i);
        if (c == '"')
            quoted = !quoted;
        if (quoted)
            continue;
        if (c == '\r' || c == '\n') {
            if (!blank)
                return head.sliced(start, i - start);
            start = i + 1;
        } else if (c != ' ' && c != '\t' && c != ',' && c != ';') {
            blank = false;
        }
    }
    return head.sliced(start);
}

// The fields of line split at separator outside quotes, unquoted and trimmed.
QStringList split(QByteArrayView line, char separator)
{
    QStringList fields;
    QByteArray field;
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == separator && !quoted) {
            fields << QString::fromUtf8(field).trimmed();
            field.clear();
        } else {
            field.append(c);
        }
    }
    fields << QString::fromUtf8(field).trimmed();
    return fields;
}

int countOutsideQuotes(QByteArrayView line, char separator)
{
    int count = 0;
    bool quoted = false;
    for (const char c : line) {
        if (c == '"')
            quoted = !quoted;
        else if (c == separator && !quoted)
            ++count;
    }
    return count;
}

int expectedNamesIn(const QStringList &fields, const QStringList &expected)
{
    int found = 0;
    for (const QString &name : expected) {
        if (fields.contains(name, Qt::CaseInsensitive))
            ++found;
    }
    return found;
}

} // namespace

char CsvSeparator::detect(QByteArrayView head, const QStringList &expectedColumns)
{
    const QByteArrayView line = firstLine(head);
    // Ranked by the expected names the split yields, then commas and semicolons before tabs
    // (a tab next to a value is often only a blank), then by count.
    struct Score
    {
        int names = -1;
        bool notTab = false;
        int count = 0;
        auto operator<=>(const Score &) const = default;
    };
    char best = Comma;
    Score bestScore;
    for (const char candidate : Candidates) {
        const int count = countOutsideQuotes(line, candidate);
        if (count == 0)
            continue;
        const Score score{expectedNamesIn(split(line, candidate), expectedColumns), candidate != Tab, count};
        if (score > bestScore) {
            best = candidate;
            bestScore = score;
        }
    }
    return best;
}

char CsvSeparator::forLocale(const QLocale &locale)
{
    return locale.decimalPoint() == QStringLiteral(",") ? Semicolon : Comma;
}

QString CsvSeparator::name(char separator)
{
    switch (separator) {
    case Semicolon:
        return tr("semicolon");
    case Tab:
        return tr("tab");
    default:
        return tr("comma");
    }
}

QString CsvSeparator::key(char separator)
{
    switch (separator) {
    case Semicolon:
        return QStringLiteral("semicolon");
    case Tab:
        return QStringLiteral("tab");
    default:
        return QStringLiteral("comma");
    }
}

std::optional<char> CsvSeparator::parse(const QString &text)
{
    const QString value = text.trimmed().toLower();
    if (value == QLatin1String(",") || value == QLatin1String("comma"))
        return Comma;
    if (value == QLatin1String(";") || value == QLatin1String("semicolon"))
        return Semicolon;
    if (text == QLatin1String("\t") || value == QLatin1String("tab"))
        return Tab;
    return std::nullopt;
}
