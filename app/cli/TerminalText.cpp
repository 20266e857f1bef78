#include "app/cli/TerminalText.h"

#include <algorithm>

namespace TerminalText {

bool isUnsafe(char16_t c)
{
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return true;
    switch (c) {
    case 0x061c: // Arabic letter mark
    case 0x200e: // left-to-right mark
    case 0x200f: // right-to-left mark
    case 0x2028: // line separator
    case 0x2029: // paragraph separator
        return true;
    default:
        // Embeddings and overrides, then isolates.
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}

namespace {

QString escaped(QStringView text, bool keepNewlines)
{
    const auto unsafe
        = [keepNewlines](QChar c) { return isUnsafe(c.unicode()) && !(keepNewlines && c == QLatin1Char('\n')); };
    if (std::none_of(text.begin(), text.end(), unsafe))
        return text.toString();
    QString result;
    result.reserve(text.size() + 16);
    for (const QChar c : text) {
        if (!unsafe(c)) {
            result += c;
            continue;
        }
        switch (c.unicode()) {
        case 0x07:
            result += QStringLiteral("\\a");
            break;
        case 0x08:
            result += QStringLiteral("\\b");
            break;
        case 0x09:
            result += QStringLiteral("\\t");
            break;
        case 0x0a:
            result += QStringLiteral("\\n");
            break;
        case 0x0b:
            result += QStringLiteral("\\v");
            break;
        case 0x0c:
            result += QStringLiteral("\\f");
            break;
        case 0x0d:
            result += QStringLiteral("\\r");
            break;
        case 0x1b:
            result += QStringLiteral("\\e");
            break;
        default:
            if (c.unicode() < 0x20)
                result += QStringLiteral("\\x") + QString::number(c.unicode(), 16).rightJustified(2, QLatin1Char('0'));
            else
                result += QStringLiteral("\\u")
                    + QString::number(c.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0'));
        }
    }
    return result;
}

} // namespace

QString visible(QStringView text)
{
    return escaped(text, true);
}

QString visibleLine(QStringView text)
{
    return escaped(text, false);
}

} // namespace TerminalText
